/**
 * What the bookshelf CLI prints (catalog/cli/): help, progress lines and results, printed in both languages ("vi / en"). Merged into shared/messages.ts.
 */

export const cliVi = {} as const;

export const cliEn: Record<keyof typeof cliVi, string> = {};

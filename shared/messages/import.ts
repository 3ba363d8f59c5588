/**
 * Why a file was refused at import (catalog/import/): one message per refusal code, with the detail the extractor gave. Merged into shared/messages.ts.
 */

export const importVi = {} as const;

export const importEn: Record<keyof typeof importVi, string> = {};

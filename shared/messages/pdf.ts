/** Messages of the PDF reader and printing, Vietnamese first; merged into shared/messages.ts. */

export const pdfVi = {} as const;

export const pdfEn: Record<keyof typeof pdfVi, string> = {};

/** Messages of the librarian's desk (scanning, pages, OCR, describing); merged into shared/messages.ts. */

export const deskVi = {} as const;

export const deskEn: Record<keyof typeof deskVi, string> = {};

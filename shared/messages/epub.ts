/** Messages of the EPUB reader, Vietnamese first; merged into shared/messages.ts. */

export const epubVi = {} as const;

export const epubEn: Record<keyof typeof epubVi, string> = {};

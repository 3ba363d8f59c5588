/** Messages of the officials' screens (sync, storage, settings, use, report, help); merged into shared/messages.ts. */

export const adminVi = {} as const;

export const adminEn: Record<keyof typeof adminVi, string> = {};

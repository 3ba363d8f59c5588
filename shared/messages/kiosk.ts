/** Messages of the kiosk shell: idle reset, large text, high contrast, Vietnamese first; merged into shared/messages.ts. */

export const kioskVi = {} as const;

export const kioskEn: Record<keyof typeof kioskVi, string> = {};

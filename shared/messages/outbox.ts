/** Messages of the outbox (uploads to the hub) and the hub's moderation; merged into shared/messages.ts. */

export const outboxVi = {} as const;

export const outboxEn: Record<keyof typeof outboxVi, string> = {};

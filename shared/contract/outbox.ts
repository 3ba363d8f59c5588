/** Contract methods of the outbox of documents sent to the hub (tus uploads) and the hub's moderation queue; merged into shared/contract.ts. */
import type { MethodSpec } from './method.js';

export const outboxMethods = {} satisfies Record<string, MethodSpec>;

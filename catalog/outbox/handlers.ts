/** Handlers of the outbox and the hub's moderation queue's contract methods (shared/contract/outbox.ts). */
import type { Handlers } from '../../shared/call.js';
import type { outboxMethods } from '../../shared/contract/outbox.js';
import type { Services } from '../services.js';

export function outboxHandlers(services: Services): Handlers<typeof outboxMethods> {
  void services;
  return {};
}

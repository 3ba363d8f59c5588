/** Handlers of the officials' administration's contract methods (shared/contract/admin.ts). */
import type { Handlers } from '../../shared/call.js';
import type { adminMethods } from '../../shared/contract/admin.js';
import type { Services } from '../services.js';

export function adminHandlers(services: Services): Handlers<typeof adminMethods> {
  void services;
  return {};
}

/** Handlers of the librarian's desk's contract methods (shared/contract/desk.ts). */
import type { Handlers } from '../../shared/call.js';
import type { deskMethods } from '../../shared/contract/desk.js';
import type { Services } from '../services.js';

export function deskHandlers(services: Services): Handlers<typeof deskMethods> {
  void services;
  return {};
}

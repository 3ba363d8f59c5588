/**
 * A library's contract as its staff call it, in-process through the same checks both transports
 * make (shared/call.ts): an anonymous caller, a librarian and an official, each made an account
 * first. Its services close when the test finishes.
 */
import { onTestFinished, vi } from 'vitest';
import { createHandlers } from '../../catalog/engine.js';
import type { Library } from '../../catalog/library.js';
import { createServices, disposeServices } from '../../catalog/services.js';
import { callMethod } from '../../shared/call.js';
import { contract } from '../../shared/contract.js';

export type Role = 'anyone' | 'librarian' | 'official';

/** The contract of `library` as its staff call it (its outbox does not run by itself). */
export async function contractOf(library: Library) {
  const services = createServices(library, { outbox: { background: false, chunkSize: 64 * 1024, retryDelays: [0], backoffMs: () => 0 } });
  onTestFinished(() => disposeServices(services));
  const handlers = createHandlers(services);
  const staff = {
    librarian: await services.accounts.create({ username: 'thuthu', displayName: 'Thủ thư', role: 'librarian', password: 'mat-khau-dai-1' }),
    official: await services.accounts.create({ username: 'canbo', displayName: 'Cán bộ', role: 'official', password: 'mat-khau-dai-2' }),
  };
  const call = (name: string, input: unknown, role: Role = 'official') =>
    callMethod(contract, handlers, name, input, { role, transport: 'http', lang: 'vi', user: role === 'anyone' ? null : { ...staff[role], role } }, vi.fn());
  return { services, call };
}

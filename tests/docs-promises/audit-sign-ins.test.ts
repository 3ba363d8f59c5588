/**
 * docs/accounts.md, "Audit log": sign-ins, failed sign-ins (with the name tried) and sign-outs
 * are logged too. Over HTTP on a real station: a librarian signs in and out, someone tries an
 * unknown name and a wrong password; the official then finds each of those in `audit.list`, with
 * who, and no password in any entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../catalog/accounts/accounts.js';
import { startStation } from '../../catalog/station.js';
import type { RunningStation } from '../../catalog/station.js';
import type { AuditEntry } from '../../shared/accounts.js';
import { tempDir } from '../helpers/temp-dir.js';
import { openTestLibrary } from '../helpers/temp-library.js';

const OFFICIAL = { username: 'canbo', password: 'mat-khau-can-bo' };
const LIBRARIAN = { username: 'thuthu', password: 'mat-khau-thu-thu' };

let station: RunningStation;
beforeAll(async () => {
  const dir = tempDir('audit-sign-ins-');
  const library = await openTestLibrary(dir);
  const accounts = new Accounts(library.db);
  await accounts.create({ ...OFFICIAL, displayName: 'Cán bộ', role: 'official' });
  await accounts.create({ ...LIBRARIAN, displayName: 'Thủ thư', role: 'librarian' });
  station = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false });
});
afterAll(() => station.close());

async function call(method: string, input: unknown, cookie?: string) {
  const response = await fetch(`http://127.0.0.1:${station.server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; result?: unknown };
  return { status: response.status, body, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
}

describe('the audit log of signing in and out', () => {
  it('holds each sign-in, failed sign-in with the name tried, and sign-out', async () => {
    const librarian = await call('auth.signIn', LIBRARIAN);
    expect(librarian.status).toBe(200);
    expect((await call('auth.signOut', {}, librarian.cookie)).status).toBe(200);
    expect((await call('auth.signIn', { username: 'khach-la', password: 'doan-thu-1' })).body.ok).toBe(false);
    expect((await call('auth.signIn', { username: LIBRARIAN.username, password: 'sai-mat-khau-2' })).body.ok).toBe(false);

    const official = await call('auth.signIn', OFFICIAL);
    const list = await call('audit.list', { limit: 100 }, official.cookie);
    const entries = (list.body.result as { items: AuditEntry[] }).items.slice().reverse();
    const seen = entries.map((entry) => [entry.action, entry.username]);
    expect(seen).toEqual([
      ['auth.signIn', 'thuthu'],
      ['auth.signOut', 'thuthu'],
      ['auth.signInFailed', null],
      ['auth.signInFailed', null],
      ['auth.signIn', 'canbo'],
    ]);
    const failed = entries.filter((entry) => entry.action === 'auth.signInFailed').map((entry) => JSON.parse(entry.detail) as { username: string });
    expect(failed.map((detail) => detail.username)).toEqual(['khach-la', 'thuthu']);
    for (const entry of entries) {
      for (const secret of ['doan-thu-1', 'sai-mat-khau-2', LIBRARIAN.password, OFFICIAL.password]) expect(entry.detail).not.toContain(secret);
    }
  });
});

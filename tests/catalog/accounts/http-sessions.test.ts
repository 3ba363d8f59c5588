/**
 * Staff over HTTP, on a real station: every librarian and official method refuses an anonymous
 * caller; signing in sets an HttpOnly, same-site cookie that opens exactly the signed-in role;
 * a cross-site page cannot use it; signing out ends it; a phone on the LAN (a client from
 * 127.0.0.2, as in lan-server.test.ts) can neither sign in nor use a stolen cookie unless the
 * station was started with --lan-staff. Changes land in the audit log with who made them.
 * A refusal reaches each caller in its own language (Accept-Language).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../../catalog/accounts/accounts.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { METHOD_NAMES, contract } from '../../../shared/contract.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

const OFFICIAL = { username: 'canbo', password: 'mat-khau-can-bo' };
const LIBRARIAN = { username: 'thuthu', password: 'mat-khau-thu-thu' };

interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error?: { code: string; message: string; key?: string } };
  cookies: string[];
}

/** A POST to the API through node:http, from `from` (127.0.0.1 is the station itself). */
function call(port: number, method: string, input: unknown, headers: Record<string, string> = {}, from = '127.0.0.1'): Promise<Answer> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, localAddress: from, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'], cookies: response.headers['set-cookie'] ?? [] }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const cookieOf = (answer: Answer) => answer.cookies[0].split(';')[0];

async function stationWithStaff(lanStaff: boolean): Promise<RunningStation> {
  const dir = tempDir('http-staff-');
  const library = await openTestLibrary(dir);
  const accounts = new Accounts(library.db);
  await accounts.create({ ...OFFICIAL, displayName: 'Cán bộ', role: 'official' });
  await accounts.create({ ...LIBRARIAN, displayName: 'Thủ thư', role: 'librarian' });
  return startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, lanStaff, lan: lanStaff });
}

let station: RunningStation;
let port: number;
beforeAll(async () => {
  station = await stationWithStaff(false);
  port = station.server.port;
});
afterAll(() => station.close());

describe('staff sessions over HTTP', () => {
  it('refuses every librarian and official method to an anonymous caller, before reading its input', async () => {
    const staffMethods = METHOD_NAMES.filter((name) => contract[name].access !== 'anyone');
    expect(staffMethods.length).toBeGreaterThan(20);
    for (const name of staffMethods) {
      const answer = await call(port, name, {});
      expect([name, answer.status, answer.body.error?.code]).toEqual([name, 403, 'forbidden']);
    }
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie that opens exactly the role signed in', async () => {
    const librarian = await call(port, 'auth.signIn', LIBRARIAN);
    expect(librarian.status).toBe(200);
    expect(librarian.body.result).toMatchObject({ username: 'thuthu', role: 'librarian' });
    expect(JSON.stringify(librarian.body)).not.toMatch(/token/i);
    expect(librarian.cookies[0]).toMatch(/^bookshelf_staff=[\w-]{40,};/);
    expect(librarian.cookies[0]).toMatch(/HttpOnly/);
    expect(librarian.cookies[0]).toMatch(/SameSite=Strict/);
    const cookie = cookieOf(librarian);

    expect((await call(port, 'auth.state', {}, { Cookie: cookie })).body.result).toMatchObject({ user: { username: 'thuthu' }, firstRun: false, signInAllowed: true });
    expect((await call(port, 'auth.changePassword', { current: 'wrong', next: 'whatever-123' }, { Cookie: cookie })).body.error?.code).toBe('forbidden');
    expect((await call(port, 'accounts.list', {}, { Cookie: cookie })).status).toBe(403); // official only
    // A page on another site cannot ride the cookie (the browser would send it with this Origin).
    expect((await call(port, 'auth.state', {}, { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);

    const signedOut = await call(port, 'auth.signOut', {}, { Cookie: cookie });
    expect(signedOut.cookies[0]).toMatch(/^bookshelf_staff=;.*Max-Age=0/);
    expect((await call(port, 'auth.state', {}, { Cookie: cookie })).body.result).toMatchObject({ user: null });
  });

  it('says a refused sign-in and an outbox refusal in English to a caller asking for it, in Vietnamese to the others', async () => {
    const english = await call(port, 'auth.signIn', { username: 'khach', password: 'doan-thu-1' }, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect([english.status, english.body.error]).toEqual([403, { code: 'forbidden', key: 'accounts.wrongPassword', message: 'Wrong user name or password.' }]);
    const vietnamese = await call(port, 'auth.signIn', { username: 'khach', password: 'doan-thu-2' }, { 'Accept-Language': 'vi-VN,vi;q=0.9' });
    expect([vietnamese.status, vietnamese.body.error]).toEqual([403, { code: 'forbidden', key: 'accounts.wrongPassword', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' }]);
    expect((await call(port, 'auth.signIn', { username: 'khach', password: 'doan-thu-3' })).body.error?.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');

    const cookie = cookieOf(await call(port, 'auth.signIn', LIBRARIAN));
    const enqueue = (language: string) => call(port, 'outbox.enqueue', { publicationId: 'khong-co' }, { Cookie: cookie, 'Accept-Language': language });
    expect((await enqueue('en')).body.error).toEqual({ code: 'not_found', key: 'outbox.noPublication', params: { id: 'khong-co' }, message: 'There is no document with id “khong-co” in the bookshelf.' });
    expect((await enqueue('vi')).body.error?.message).toBe('Không có văn bản mã “khong-co” trong tủ sách.');
  });

  it('lets an official manage accounts, and logs each change with who made it (no password in the log)', async () => {
    const cookie = cookieOf(await call(port, 'auth.signIn', OFFICIAL));
    const created = await call(port, 'accounts.create', { username: 'Thuthu2', displayName: 'Lê Văn Hai', role: 'librarian', password: 'bi-mat-123' }, { Cookie: cookie });
    expect(created.body.result).toMatchObject({ username: 'thuthu2', role: 'librarian' });
    const taken = await call(port, 'accounts.create', { username: 'thuthu2', displayName: 'X', role: 'librarian', password: 'bi-mat-123' }, { Cookie: cookie });
    expect([taken.status, taken.body.error?.message]).toEqual([409, 'Tên đăng nhập “thuthu2” đã có người dùng.']);
    const weak = await call(port, 'accounts.create', { username: 'ab', displayName: 'X', role: 'librarian', password: 'short' }, { Cookie: cookie });
    expect(weak.status).toBe(400);

    const log = await call(port, 'audit.list', { q: 'accounts.create' }, { Cookie: cookie });
    const entries = (log.body.result as { items: { username: string; action: string; detail: string }[] }).items;
    expect(entries).toHaveLength(1); // the refused ones are not changes
    expect(entries[0]).toMatchObject({ username: 'canbo', action: 'accounts.create' });
    expect(entries[0].detail).toContain('thuthu2');
    expect(entries[0].detail).not.toContain('bi-mat-123');
    const signIns = await call(port, 'audit.list', { q: 'signin canbo' }, { Cookie: cookie });
    expect((signIns.body.result as { total: number }).total).toBeGreaterThan(0);
  });

  it('keeps a phone on the LAN out: it may not sign in, and a cookie it holds opens nothing', async () => {
    const cookie = cookieOf(await call(port, 'auth.signIn', OFFICIAL));
    const phone = '127.0.0.2';
    const state = await call(port, 'auth.state', {}, { Cookie: cookie }, phone);
    expect(state.body.result).toMatchObject({ user: null, signInAllowed: false });
    const signIn = await call(port, 'auth.signIn', OFFICIAL, {}, phone);
    expect([signIn.status, signIn.body.error?.message]).toEqual([403, expect.stringContaining('Chỉ đăng nhập được tại máy của trạm')]);
    expect(signIn.cookies).toEqual([]);
    expect((await call(port, 'accounts.list', {}, { Cookie: cookie }, phone)).status).toBe(403);
    // The reader's methods still answer the phone.
    expect((await call(port, 'library.info', {}, {}, phone)).status).toBe(200);
  });

  it('with --lan-staff, staff may sign in from another machine on the LAN', async () => {
    const open = await stationWithStaff(true);
    try {
      const answer = await call(open.server.port, 'auth.signIn', LIBRARIAN, {}, '127.0.0.2');
      expect(answer.status).toBe(200);
      const batches = await call(open.server.port, 'auth.state', {}, { Cookie: cookieOf(answer) }, '127.0.0.2');
      expect(batches.body.result).toMatchObject({ user: { role: 'librarian' }, signInAllowed: true });
    } finally {
      await open.close();
    }
  });
});

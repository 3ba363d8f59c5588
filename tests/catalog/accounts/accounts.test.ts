/**
 * Staff accounts on a real catalog file: the first official, sign-in with scrypt hashes, the
 * lock after repeated failures (kept across a restart, and holding when guesses arrive at once), session expiry (idle and absolute),
 * disabling, password resets and changes, and the officials' rules about their own account.
 * A clock is injected so expiry is tested without waiting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts, FREE_FAILURES, SESSION_IDLE_MS, SESSION_MAX_MS } from '../../../catalog/accounts/accounts.js';
import { AppError } from '../../../shared/errors.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

class Clock {
  t = Date.parse('2026-11-29T08:00:00Z');
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

async function fresh() {
  const dir = tempDir('accounts-');
  const library = await openTestLibrary(dir);
  const clock = new Clock();
  const accounts = new Accounts(library.db, clock.now);
  return { dir, library, clock, accounts };
}

const codeOf = async (promise: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ref: error.ref } : { code: 'thrown', ref: String(error) };
  }
  return { code: 'none', ref: null };
};

const OFFICIAL = { username: 'canbo', displayName: 'Nguyễn Văn Cán', password: 'mật-khẩu-dài' };

describe('staff accounts', () => {
  it('starts in first run, creates the first official once, and refuses a second setup', async () => {
    const { accounts } = await fresh();
    expect(accounts.firstRun()).toBe(true);
    const session = await accounts.setup(OFFICIAL);
    expect(session.user).toMatchObject({ username: 'canbo', role: 'official', displayName: 'Nguyễn Văn Cán' });
    expect(accounts.lookup(session.token)?.user.id).toBe(session.user.id);
    expect(accounts.firstRun()).toBe(false);
    expect(await codeOf(accounts.setup({ ...OFFICIAL, username: 'other' }))).toMatchObject({ code: 'forbidden', ref: { key: 'accounts.alreadySetUp' } });
  });

  it('keeps only a salted scrypt hash: no password and no session token in the database file', async () => {
    const { accounts, library, dir } = await fresh();
    const session = await accounts.setup(OFFICIAL);
    const second = await accounts.create({ username: 'thuthu', displayName: 'Thư', role: 'librarian', password: OFFICIAL.password });
    const hashes = library.db.prepare('SELECT password_hash FROM users ORDER BY id').pluck().all() as string[];
    expect(hashes[0]).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hashes[0]).not.toBe(hashes[1]); // same password, different salt
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(path.join(dir, 'catalog.sqlite'));
    expect(bytes.includes(Buffer.from(OFFICIAL.password))).toBe(false);
    expect(bytes.includes(Buffer.from(session.token))).toBe(false);
    expect(second.role).toBe('librarian');
  });

  it('says the same for an unknown name and a wrong password, then locks the name, even across a restart', async () => {
    const { accounts, library, clock } = await fresh();
    await accounts.setup(OFFICIAL);
    const unknown = await codeOf(accounts.signIn('nobody', 'whatever1'));
    const wrong = await codeOf(accounts.signIn('canbo', 'wrong-password'));
    expect(unknown).toEqual(wrong);
    expect(wrong.code).toBe('forbidden');
    for (let i = 1; i < FREE_FAILURES; i++) await codeOf(accounts.signIn('canbo', 'wrong-password'));
    // Locked now: even the right password is refused, saying how long to wait.
    const locked = await codeOf(accounts.signIn('canbo', OFFICIAL.password));
    expect(locked).toEqual({ code: 'rate_limited', ref: { key: 'accounts.locked', params: { minutes: 1 } } });
    const restarted = new Accounts(library.db, clock.now);
    expect((await codeOf(restarted.signIn('canbo', OFFICIAL.password))).code).toBe('rate_limited');
    clock.advance(31_000);
    const session = await restarted.signIn('canbo', OFFICIAL.password);
    expect(session.user.username).toBe('canbo');
    // A success clears the count: the next failure does not lock again at once.
    await codeOf(restarted.signIn('canbo', 'wrong-password'));
    expect((await restarted.signIn('canbo', OFFICIAL.password)).user.username).toBe('canbo');
  });

  it('locks after five failures even when 40 guesses arrive at once; the right password then waits too', async () => {
    const { accounts, library, clock } = await fresh();
    await accounts.setup(OFFICIAL);
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => codeOf(accounts.signIn('canbo', `guess-${i}`))));
    const codes = guesses.map((g) => g.code);
    expect(codes.filter((code) => code === 'forbidden')).toHaveLength(FREE_FAILURES);
    expect(codes.filter((code) => code === 'rate_limited')).toHaveLength(40 - FREE_FAILURES);
    expect((await codeOf(accounts.signIn('canbo', OFFICIAL.password))).code).toBe('rate_limited');
    // A second process (another Accounts on the same file) sees the same lock.
    expect((await codeOf(new Accounts(library.db, clock.now).signIn('canbo', OFFICIAL.password))).code).toBe('rate_limited');
  });

  it('doubles the lock with each further failure', async () => {
    const { accounts, clock } = await fresh();
    await accounts.setup(OFFICIAL);
    for (let i = 0; i < FREE_FAILURES; i++) await codeOf(accounts.signIn('canbo', 'wrong-password'));
    clock.advance(31_000);
    await codeOf(accounts.signIn('canbo', 'wrong-password')); // sixth: 60 s
    clock.advance(31_000);
    expect((await codeOf(accounts.signIn('canbo', OFFICIAL.password))).code).toBe('rate_limited');
    clock.advance(30_000);
    expect((await accounts.signIn('canbo', OFFICIAL.password)).user.role).toBe('official');
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    const { accounts, clock } = await fresh();
    const idle = await accounts.setup(OFFICIAL);
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect(accounts.lookup(idle.token)).not.toBeNull(); // activity moves the idle limit
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect(accounts.lookup(idle.token)).not.toBeNull();
    clock.advance(SESSION_IDLE_MS + 1);
    expect(accounts.lookup(idle.token)).toBeNull();

    const busy = await accounts.signIn('canbo', OFFICIAL.password);
    for (let elapsed = 0; elapsed < SESSION_MAX_MS; elapsed += 20 * 60_000) {
      expect(accounts.lookup(busy.token)).not.toBeNull();
      clock.advance(20 * 60_000);
    }
    expect(accounts.lookup(busy.token)).toBeNull();
  });

  it('lets officials manage accounts: names taken, disable ends sessions, reset ends sessions and lifts a lock', async () => {
    const { accounts } = await fresh();
    const official = (await accounts.setup(OFFICIAL)).user;
    const librarian = await accounts.create({ username: 'thuthu', displayName: 'Trần Thị Thư', role: 'librarian', password: 'thu-vien-123' });
    expect((await codeOf(accounts.create({ username: 'thuthu', displayName: 'X', role: 'librarian', password: 'abcdefgh1' }))).code).toBe('conflict');

    const session = await accounts.signIn('thuthu', 'thu-vien-123');
    accounts.update(official, { id: librarian.id, disabled: true });
    expect(accounts.lookup(session.token)).toBeNull();
    expect(await codeOf(accounts.signIn('thuthu', 'thu-vien-123'))).toMatchObject({ code: 'forbidden', ref: { key: 'accounts.disabled' } });
    accounts.update(official, { id: librarian.id, disabled: false, displayName: 'Trần Thị Thư (thư viện)' });

    const again = await accounts.signIn('thuthu', 'thu-vien-123');
    for (let i = 0; i < FREE_FAILURES; i++) await codeOf(accounts.signIn('thuthu', 'forgotten!'));
    await accounts.setPassword(librarian.id, 'mat-khau-moi-1');
    expect(accounts.lookup(again.token)).toBeNull();
    expect((await accounts.signIn('thuthu', 'mat-khau-moi-1')).user.displayName).toBe('Trần Thị Thư (thư viện)');

    expect((await codeOf(() => accounts.update(official, { id: official.id, disabled: true }))).code).toBe('forbidden');
    expect((await codeOf(() => accounts.update(official, { id: official.id, role: 'librarian' }))).code).toBe('forbidden');
    expect((await codeOf(() => accounts.update(official, { id: 999, disabled: true }))).code).toBe('not_found');
    expect(accounts.list().map((a) => [a.username, a.role, a.disabled])).toEqual([
      ['canbo', 'official', false],
      ['thuthu', 'librarian', false],
    ]);
  });

  it('changes one’s own password only with the current one, keeping this session and ending the others', async () => {
    const { accounts } = await fresh();
    const here = await accounts.setup(OFFICIAL);
    const elsewhere = await accounts.signIn('canbo', OFFICIAL.password);
    expect((await codeOf(accounts.changePassword(here.user, here.token, 'not-it', 'new-password-1'))).code).toBe('forbidden');
    await accounts.changePassword(here.user, here.token, OFFICIAL.password, 'new-password-1');
    expect(accounts.lookup(here.token)).not.toBeNull();
    expect(accounts.lookup(elsewhere.token)).toBeNull();
    expect((await codeOf(accounts.signIn('canbo', OFFICIAL.password))).code).toBe('forbidden');
    expect((await accounts.signIn('canbo', 'new-password-1')).user.id).toBe(here.user.id);
  });
});

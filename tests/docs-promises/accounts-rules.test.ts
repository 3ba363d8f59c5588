/**
 * docs/accounts.md, promises no other test held: what a user name and a password may be, checked
 * where an official creates an account (the contract, as both transports call it), and the lock
 * on a user name, which doubles with each failure but never passes 15 minutes.
 */
import { describe, expect, it } from 'vitest';
import { Accounts, FREE_FAILURES } from '../../catalog/accounts/accounts.js';
import { AppError } from '../../shared/errors.js';
import { contractOf } from '../helpers/staff-contract.js';
import { tempLibrary } from '../helpers/temp-library.js';

const create = (username: string, password = 'mat-khau-du-dai') => ({ username, displayName: 'Người thử', role: 'librarian', password });

describe('accounts: names and passwords', () => {
  it('takes 3–40 letters without accents, digits, ".", "_", "-", stored lower case; passwords of at least 8 characters', async () => {
    const { call } = await contractOf(await tempLibrary('accounts-rules-'));
    for (const username of ['abc', 'nguyen.van_a-2', 'a'.repeat(40)]) {
      expect(await call('accounts.create', create(username)), username).toMatchObject({ ok: true, result: { username } });
    }
    expect(await call('accounts.create', create('TranThiB'))).toMatchObject({ ok: true, result: { username: 'tranthib' } });
    for (const username of ['ab', 'a'.repeat(41), 'nguyễn', 'có dấu', 'ten@xa', 'a/b']) {
      expect(await call('accounts.create', create(username)), username).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await call('accounts.create', create('matkhau', '1234567'))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('accounts.create', create('matkhau', '12345678'))).toMatchObject({ ok: true });
  });
});

describe('accounts: the lock on a user name', () => {
  it('doubles with each further failure up to 15 minutes, and no further', async () => {
    const library = await tempLibrary('accounts-lock-');
    let now = Date.parse('2026-11-29T08:00:00Z');
    const accounts = new Accounts(library.db, () => now);
    await accounts.setup({ username: 'canbo', displayName: 'Cán bộ', password: 'mat-khau-dung' });
    const fail = () => accounts.signIn('canbo', 'sai-mat-khau').catch((error: unknown) => error);
    /** Minutes the next attempt is told to wait, or 0 when it is let in to check the password. */
    const lockedMinutes = async () => {
      const error = await fail();
      return error instanceof AppError && error.code === 'rate_limited' ? (error.ref?.params?.minutes as number) : 0;
    };
    for (let i = 0; i < FREE_FAILURES; i++) await fail();
    // Failure 5 locked the name for 30 s; each one after it doubles: 60 s, 2, 4, 8, 16 → 15 minutes.
    const locks: number[] = [];
    for (let failure = FREE_FAILURES + 1; failure <= FREE_FAILURES + 8; failure++) {
      let waited = 0;
      while ((await lockedMinutes()) > 0) {
        // Still locked (that attempt was refused before counting): wait a minute and try again.
        now += 60_000;
        waited += 1;
      }
      // The attempt above went through and failed: a new, longer lock.
      locks.push(waited);
    }
    // Minutes waited out for each lock (rounded up to whole minutes): 30 s, 60 s, 2, 4, 8, then 15 each time.
    expect(locks).toEqual([1, 1, 2, 4, 8, 15, 15, 15]);
  });
});

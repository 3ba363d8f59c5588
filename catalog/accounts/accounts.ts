/**
 * Staff accounts of a station: the first official, sign-in with scrypt hashes, sessions that
 * end after 30 minutes without activity (12 hours at most), a lock on a user name after repeated
 * failures (kept in the database, so a restart does not reset it; each attempt counted before its
 * password is checked, one check at a time per name), and the officials' account
 * management. A session token is random; only its sha256 is stored.
 */
import { randomBytes } from 'node:crypto';
import type { AuthState, StaffAccount, StaffRole, StaffUser } from '../../shared/accounts.js';
import { AppError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { sha256Hex } from '../store/hash.js';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords.js';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** Failures allowed before a user name is locked; each further failure doubles the lock. */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 15 * 60_000;

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  disabled: number;
  created_at: string;
  last_sign_in: string | null;
}

export interface Session {
  user: StaffUser;
  token: string;
  expiresAt: string;
}

const toUser = (row: UserRow): StaffUser => ({ id: row.id, username: row.username, displayName: row.display_name, role: row.role });
const toAccount = (row: UserRow): StaffAccount => ({
  ...toUser(row),
  disabled: row.disabled === 1,
  createdAt: row.created_at,
  lastSignInAt: row.last_sign_in,
});

export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  private row(id: number): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  private byName(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  /** True until the station has an official who can sign in. */
  firstRun(): boolean {
    return this.db.prepare("SELECT 1 FROM users WHERE role = 'official' AND disabled = 0 LIMIT 1").get() === undefined;
  }

  /** `setupHere`: whether the caller's screen may create the first official (catalog/accounts/handlers.ts decides). */
  state(token: string | null, signInAllowed: boolean, setupHere: boolean): AuthState {
    const session = token ? this.lookup(token) : null;
    const firstRun = this.firstRun();
    return { firstRun, user: session?.user ?? null, signInAllowed, setupAllowed: firstRun && setupHere, expiresAt: session?.expiresAt ?? null };
  }

  /** Creates the first official and opens a session; refused once any account exists. */
  async setup(input: { username: string; displayName: string; password: string }): Promise<Session> {
    if (this.db.prepare('SELECT 1 FROM users LIMIT 1').get()) throw new AppError('forbidden', { key: 'accounts.alreadySetUp' });
    const account = await this.create({ ...input, role: 'official' });
    return this.open(account.id);
  }

  /** One check in flight per user name: parallel guesses wait their turn, and meet the lock. */
  private readonly checking = new Map<string, Promise<unknown>>();

  async signIn(username: string, password: string): Promise<Session> {
    const attempt = (this.checking.get(username) ?? Promise.resolve()).catch(() => undefined).then(() => this.check(username, password));
    this.checking.set(username, attempt);
    try {
      return await attempt;
    } finally {
      if (this.checking.get(username) === attempt) this.checking.delete(username);
    }
  }

  private async check(username: string, password: string): Promise<Session> {
    const now = this.now();
    // The attempt is counted before the slow password check, in one transaction, so parallel
    // guesses (here or from another process) cannot overwrite each other's count.
    const counted = this.db.transaction(() => {
      const held = this.db.prepare('SELECT failures, locked_until FROM sign_in_failures WHERE username = ?').get(username) as
        | { failures: number; locked_until: number }
        | undefined;
      if (held && held.locked_until > now) return { lockedUntil: held.locked_until };
      const count = (held?.failures ?? 0) + 1;
      const lock = count >= FREE_FAILURES ? Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (count - FREE_FAILURES)) : 0;
      this.db
        .prepare(
          `INSERT INTO sign_in_failures (username, failures, locked_until) VALUES (?, ?, ?)
           ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
        )
        .run(username, count, lock ? now + lock : 0);
      return { lockedUntil: 0 };
    }).immediate();
    if (counted.lockedUntil > now) {
      const minutes = Math.max(1, Math.ceil((counted.lockedUntil - now) / 60_000));
      throw new AppError('rate_limited', { key: 'accounts.locked', params: { minutes } });
    }
    const row = this.byName(username);
    // An unknown name costs the same time as a wrong password, and says the same.
    const matches = await verifyPassword(password, row?.password_hash ?? DECOY_HASH);
    if (!row || !matches) throw new AppError('forbidden', { key: 'accounts.wrongPassword' });
    if (row.disabled) throw new AppError('forbidden', { key: 'accounts.disabled' });
    this.db.prepare('DELETE FROM sign_in_failures WHERE username = ?').run(username);
    return this.open(row.id);
  }

  private open(userId: number): Session {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO sessions (token_sha256, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)').run(sha256Hex(token), userId, now, now);
      this.db.prepare('UPDATE users SET last_sign_in = ? WHERE id = ?').run(new Date(now).toISOString(), userId);
      this.db.prepare('DELETE FROM sessions WHERE last_seen < ? OR created_at < ?').run(now - SESSION_IDLE_MS, now - SESSION_MAX_MS);
    })();
    return { user: toUser(this.row(userId)!), token, expiresAt: new Date(now + SESSION_IDLE_MS).toISOString() };
  }

  /** The session a token opens, if it is still alive and its account enabled; marks it active. */
  lookup(token: string): Session | null {
    const now = this.now();
    const found = this.db
      .prepare('SELECT u.*, s.created_at AS opened_at, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = ?')
      .get(sha256Hex(token)) as (UserRow & { opened_at: number; last_seen: number }) | undefined;
    if (!found) return null;
    const ended = now - found.last_seen >= SESSION_IDLE_MS || now - found.opened_at >= SESSION_MAX_MS || found.disabled === 1;
    if (ended) {
      this.signOut(token);
      return null;
    }
    if (now - found.last_seen > 15_000) this.db.prepare('UPDATE sessions SET last_seen = ? WHERE token_sha256 = ?').run(now, sha256Hex(token));
    const expiresAt = Math.min(now + SESSION_IDLE_MS, found.opened_at + SESSION_MAX_MS);
    return { user: toUser(found), token, expiresAt: new Date(expiresAt).toISOString() };
  }

  signOut(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_sha256 = ?').run(sha256Hex(token));
  }

  list(): StaffAccount[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY role DESC, username').all() as UserRow[]).map(toAccount);
  }

  async create(input: { username: string; displayName: string; role: StaffRole; password: string }): Promise<StaffAccount> {
    const hash = await hashPassword(input.password);
    if (this.byName(input.username)) throw new AppError('conflict', { key: 'accounts.nameTaken', params: { username: input.username } });
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.username, input.displayName, input.role, hash, new Date(this.now()).toISOString());
    return toAccount(this.row(Number(lastInsertRowid))!);
  }

  /** Officials cannot disable or demote themselves, so a station always keeps one who can sign in. */
  update(by: StaffUser, input: { id: number; displayName?: string; role?: StaffRole; disabled?: boolean }): StaffAccount {
    const row = this.row(input.id);
    if (!row) throw new AppError('not_found', { key: 'error.not_found' });
    if (input.id === by.id && (input.disabled === true || input.role === 'librarian')) {
      throw new AppError('forbidden', { key: 'accounts.notYourself' });
    }
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE users SET display_name = ?, role = ?, disabled = ? WHERE id = ?')
        .run(input.displayName ?? row.display_name, input.role ?? row.role, input.disabled === undefined ? row.disabled : Number(input.disabled), row.id);
      if (input.disabled) this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(row.id);
    })();
    return toAccount(this.row(row.id)!);
  }

  /** Sets a password, ends the account's sessions (but `keep`), and lifts a lock on its name. */
  async setPassword(id: number, password: string, keep?: string): Promise<StaffAccount> {
    const row = this.row(id);
    if (!row) throw new AppError('not_found', { key: 'error.not_found' });
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, id);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_sha256 != ?').run(id, keep ? sha256Hex(keep) : '');
      this.db.prepare('DELETE FROM sign_in_failures WHERE username = ?').run(row.username);
    })();
    return toAccount(this.row(id)!);
  }

  async changePassword(user: StaffUser, token: string | null, current: string, next: string): Promise<void> {
    const row = this.row(user.id);
    if (!row || !(await verifyPassword(current, row.password_hash))) throw new AppError('forbidden', { key: 'accounts.wrongCurrent' });
    await this.setPassword(user.id, next, token ?? undefined);
  }
}

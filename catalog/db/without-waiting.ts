/**
 * Writing without holding the thread while another process holds the write lock: a transaction
 * is tried with no busy wait (BEGIN IMMEDIATE, so "busy" comes before any write); when the lock
 * is taken, the caller waits asynchronously — the event loop goes on answering — and tries again.
 */
import { BUSY_TIMEOUT_MS } from './open.js';
import type { Db } from './open.js';

const RETRY_MS = 25;
/** How long a write keeps trying before the busy error is the caller's. */
const GIVE_UP_MS = 60_000;

export const isBusy = (error: unknown) => error instanceof Error && 'code' in error && /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code: unknown }).code));

/** Runs `fn` in an immediate transaction if the lock is free now: { done: true, value }, or { done: false } when another process holds it. */
export function tryWrite<T>(db: Db, fn: () => T): { done: true; value: T } | { done: false } {
  db.pragma('busy_timeout = 0');
  try {
    return { done: true, value: db.transaction(fn).immediate() };
  } catch (error) {
    if (isBusy(error)) return { done: false };
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/** Runs `fn` in an immediate transaction as soon as the lock is free, waiting between tries without blocking. */
export async function writeWhenFree<T>(db: Db, fn: () => T): Promise<T> {
  const started = performance.now();
  for (;;) {
    const attempt = tryWrite(db, fn);
    if (attempt.done) return attempt.value;
    if (performance.now() - started > GIVE_UP_MS) return db.transaction(fn).immediate();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

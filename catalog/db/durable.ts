/**
 * Writes that must survive a power cut once acknowledged: the catalog runs WAL with
 * synchronous=NORMAL (a commit may be lost on power loss, never corrupted); the outbox and the
 * hub's moderation queue switch the same connection to FULL for their own transactions, so the
 * commit is fsynced before the caller is answered. better-sqlite3 is synchronous, so no other
 * statement runs on the connection in between.
 */
import type { Db } from './open.js';

export function durably<T>(db: Db, write: () => T): T {
  const previous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(write)();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}

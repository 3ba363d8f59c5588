/**
 * Prepared statements kept per database, for queries that run on every search or keystroke:
 * preparing costs more than running a small query. A cached statement is shared by every
 * caller with the same SQL: one that needs .pluck() must use SQL no row reader uses.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

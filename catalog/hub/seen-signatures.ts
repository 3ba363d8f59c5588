/**
 * Replays: a signature the hub accepted is kept (table hub_seen_signatures) until its `created`
 * falls out of the window, and the same signature again is refused. In SQLite rather than in
 * memory: a hub restarted (or a second hub process on the same library) still knows what it
 * accepted a minute ago, and the table stays small by construction — only signatures that passed
 * every other check are written, each kept at most twice the window, old ones pruned once a
 * minute — so it holds what approved stations actually sent in ten minutes, never what an
 * outsider floods.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** How far a request's `created` may be from the hub's clock, either way, in seconds. */
export const REPLAY_WINDOW_SECONDS = 300;

const pruned = new WeakMap<Db, number>();

/** Records a signature accepted now (Unix seconds); false when it was seen before: a replay. */
export function firstSighting(db: Db, signature: Buffer, created: number, nowSeconds: number): boolean {
  if (nowSeconds - (pruned.get(db) ?? 0) >= 60) {
    statement(db, 'DELETE FROM hub_seen_signatures WHERE created < ?').run(nowSeconds - REPLAY_WINDOW_SECONDS);
    pruned.set(db, nowSeconds);
  }
  return statement(db, 'INSERT OR IGNORE INTO hub_seen_signatures (signature, created) VALUES (?, ?)').run(signature.toString('base64'), created).changes === 1;
}

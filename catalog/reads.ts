/**
 * Reading counts (table reads, migration 6): a publication opened in a reader counts once per
 * call for its day. "Most read at this station" on the home screen comes from here, and so will
 * the yearly report. Only counts are kept — never who read what.
 */
import type { Db } from './db/open.js';
import { statement } from './db/statements.js';
import { publicationExists, summariesByIds } from './publications.js';
import type { PublicationSummary } from '../shared/domain.js';

/** The station's local date, YYYY-MM-DD. */
export function localDay(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Counts one opening of a publication; false when there is no such publication. */
export function recordRead(db: Db, publicationId: string, now = new Date()): boolean {
  if (!publicationExists(db, publicationId)) return false;
  statement(db, 'INSERT INTO reads (day, publication_id) VALUES (?, ?) ON CONFLICT (day, publication_id) DO UPDATE SET count = count + 1').run(localDay(now), publicationId);
  return true;
}

/** The publications opened most over the last `days` days, most first (ties: by title). */
export function mostRead(db: Db, limit: number, days: number, now = new Date()): PublicationSummary[] {
  const since = localDay(new Date(now.getTime() - days * 86_400_000));
  const ids = statement(
    db,
    `SELECT r.publication_id FROM reads r JOIN publications p ON p.id = r.publication_id
     WHERE r.day > ? GROUP BY r.publication_id ORDER BY sum(r.count) DESC, min(p.title_sort) LIMIT ?`,
  )
    .pluck()
    .all(since, limit) as string[];
  return summariesByIds(db, ids);
}

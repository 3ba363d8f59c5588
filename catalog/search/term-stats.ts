/**
 * How common a term is, for leaving very common syllables and pairs out of OR queries: they
 * cost time and rank little. Counting a term in FTS5 reads its whole posting list, so the
 * common terms of each index (those in more than COMMON_FLOOR rows) are counted once from
 * the FTS5 vocabulary into term_stats and kept in memory; they are counted again when the
 * index has grown or shrunk by more than a tenth. Terms not listed are rare. A read-only
 * connection (a read pool worker) keeps what is stored and notes it stale (./stale.ts): the
 * pool has them counted again over a writable connection, off the readers' way.
 */
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import type { Setting } from '../db/settings.js';
import { noteStale } from './stale.js';

export type TermIndex = 'passage' | 'meta';

/** Terms in at most this many rows are never treated as common. */
export const COMMON_FLOOR: Record<TermIndex, number> = { passage: 500, meta: 200 };

/** Where each index's size and vocabulary are read, and the setting that keeps its size when counted. */
const SOURCES: Record<TermIndex, { rows: string; vocab: string; counted: Setting<number> }> = {
  passage: { rows: 'SELECT coalesce(max(id), 0) FROM passages', vocab: 'passage_vocab', counted: SETTINGS.passageTermRows },
  meta: { rows: 'SELECT coalesce(max(rowid), 0) FROM search_docs', vocab: 'meta_vocab', counted: SETTINGS.metaTermRows },
};

export interface TermStats {
  /** Rows in the index when the terms were counted. */
  rows: number;
  counts: Map<string, number>;
}

const caches = new WeakMap<Db, Map<TermIndex, TermStats>>();

function currentRows(db: Db, index: TermIndex): number {
  // The highest id stands in for the row count: O(1), and close enough to notice growth.
  return db.prepare(SOURCES[index].rows).pluck().get() as number;
}

/** Counts the common terms of an index again, and remembers how large the index was. */
export function refreshTermStats(db: Db, index: TermIndex): TermStats {
  const rows = currentRows(db, index);
  // Counted before the write transaction: reading the vocabulary takes long, the write is short.
  const common = db.prepare(`SELECT term, doc FROM ${SOURCES[index].vocab} WHERE doc > ?`).raw().all(COMMON_FLOOR[index]) as [string, number][];
  db.transaction(() => {
    db.prepare('DELETE FROM term_stats WHERE index_name = ?').run(index);
    const insert = db.prepare('INSERT INTO term_stats (index_name, term, rows) VALUES (?, ?, ?)');
    for (const [term, count] of common) insert.run(index, term, count);
    setSetting(db, SOURCES[index].counted, rows);
  })();
  return load(db, index);
}

function load(db: Db, index: TermIndex): TermStats {
  const rows = getSetting(db, SOURCES[index].counted);
  const counts = new Map((db.prepare('SELECT term, rows FROM term_stats WHERE index_name = ?').raw().all(index) as [string, number][]));
  const stats = { rows, counts };
  let byIndex = caches.get(db);
  if (!byIndex) caches.set(db, (byIndex = new Map()));
  byIndex.set(index, stats);
  return stats;
}

/** The common terms of an index, counted again first when the index has changed size. */
export function termStats(db: Db, index: TermIndex): TermStats {
  let stats = caches.get(db)?.get(index) ?? load(db, index);
  const rows = currentRows(db, index);
  const stale = (counted: TermStats) => counted.rows < 0 || Math.abs(rows - counted.rows) > Math.max(counted.rows / 10, COMMON_FLOOR[index]);
  if (!stale(stats)) return stats;
  if (!db.readonly) return refreshTermStats(db, index);
  // A reader takes what a writer has counted since, and otherwise asks for a count.
  stats = load(db, index);
  if (stale(stats)) noteStale();
  return stats;
}

/**
 * The terms in at most `share` of the rows (or at most the floor), rarest first; when none is,
 * the `fallback` least common of them.
 */
export function rareTerms(stats: TermStats, index: TermIndex, terms: string[], share: number, fallback = 0): string[] {
  const limit = Math.max(share * stats.rows, COMMON_FLOOR[index]);
  const count = (term: string) => stats.counts.get(term) ?? 0;
  const rare = terms.filter((t) => count(t) <= limit).sort((a, b) => count(a) - count(b));
  if (rare.length || !fallback) return rare;
  return [...terms].sort((a, b) => count(a) - count(b)).slice(0, fallback);
}

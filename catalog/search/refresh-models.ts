/**
 * Counting again, and storing, what search keeps counted from the catalog — the common terms of
 * each index and the accent model — when it has gone stale: over a writable connection, by the
 * read pool (catalog/read-pool/worker.ts) when a reader noted it stale, or by whoever built a library.
 */
import type { Db } from '../db/open.js';
import { accentModel } from './accent-model.js';
import { termStats } from './term-stats.js';

export function refreshSearchModels(db: Db): void {
  termStats(db, 'passage');
  termStats(db, 'meta');
  accentModel(db);
}

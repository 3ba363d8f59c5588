/**
 * How a sync's apply shares the write lock (catalog/sync/apply.ts): while no other write of the
 * app waits, a page of changes goes in a few long transactions (each commit flushes the search
 * index); while one waits (a save sent to the writer thread), the apply commits after every
 * publication, so that write is taken after one publication, not after a whole transaction. Either
 * way the catalog ends the same. The writer thread's own saves go in between (tests/catalog/writer).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import type { SyncProgress } from '../../../catalog/sync/apply.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { addSource, getSource } from '../../../catalog/sync/sources.js';
import { buildBenchFeed } from '../../bench/sync-apply.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const OPS = 300;

/** Applies the feed's snapshot, then its page; returns how many publications each of the page's transactions wrote. */
async function applyPage(library: Library, feed: ReturnType<typeof buildBenchFeed>, othersWaiting: () => boolean): Promise<number[]> {
  const row = addSource(library, { location: feed.first, publicKeys: [fs.readFileSync(feed.publicKeyPath, 'utf8')] });
  await syncOnce(library, getSource(library, row.id), new FolderSource(feed.first));
  const written: number[] = [];
  let done = 0;
  const onProgress = (progress: SyncProgress) => {
    if (progress.phase !== 'pages' || progress.publicationsDone === done) return;
    written.push(progress.publicationsDone - done);
    done = progress.publicationsDone;
  };
  await syncOnce(library, getSource(library, row.id), new FolderSource(feed.second), { onProgress, othersWaiting });
  return written;
}

const catalogOf = (library: Library) => ({
  publications: library.db.prepare('SELECT id, title, status FROM publications ORDER BY id').all(),
  files: library.db.prepare('SELECT publication_id, sha256, role FROM publication_files ORDER BY publication_id, sha256').all(),
  changes: library.db.prepare('SELECT publication_id, op FROM changes ORDER BY rowid').all(),
  found: ['sửa đổi lần 1 đất đai', '13/2012/QH15', 'bảo hiểm xã hội tự nguyện'].map((q) => search(library.db, { q, offset: 0, limit: 50 }).items.map((item) => item.publication.id)),
});

describe('a sync sharing the write lock', () => {
  it('writes a page in long transactions while nobody waits, and commits after each publication while a write waits; the catalog ends the same', async () => {
    const feed = buildBenchFeed(tempDir('lock-feed-'), OPS, OPS, 1);
    const alone = await tempLibrary('lock-alone-');
    const shared = await tempLibrary('lock-shared-');

    const long = await applyPage(alone, feed, () => false);
    expect(long.reduce((a, b) => a + b, 0)).toBe(OPS);
    expect(long.length).toBeLessThan(OPS);
    expect(Math.max(...long)).toBeGreaterThan(1);

    const short = await applyPage(shared, feed, () => true);
    expect(short).toEqual(Array<number>(OPS).fill(1));

    const catalog = catalogOf(alone);
    expect(catalog.found.map((ids) => ids.length > 0)).toEqual([true, true, true]);
    expect(catalogOf(shared)).toEqual(catalog);
  }, 120_000);
});

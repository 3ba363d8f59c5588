/** A hub library with a published feed, and stations that sync from it, for the sync tests. */
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../../catalog/library.js';
import { publish } from '../../../catalog/feed/publish.js';
import { getSource } from '../../../catalog/sync/apply.js';
import type { SyncSourceRow } from '../../../catalog/sync/apply.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { addDocument, keys } from '../feed/fixtures.js';

export { addDocument, keys };

export async function hubWith(ids: string[], contentSize = 64) {
  const library = await Library.open(tempDir('sync-hub-'));
  for (const id of ids) await addDocument(library, id, `Luật ${id}`, `%PDF-1.4 ${id} ${'x'.repeat(contentSize)}`);
  const key = keys();
  const feedDir = path.join(tempDir('sync-feed-'), 'feed');
  const publishNow = (now = new Date()) => publish(library, { outDir: feedDir, privateKey: key.privateKey, now });
  await publishNow();
  return { library, key, feedDir, publishNow };
}

export async function stationWithSource(location: string, publicKeyPath: string): Promise<{ station: Library; row: () => SyncSourceRow }> {
  const station = await Library.open(tempDir('sync-station-'));
  const pem = fs.readFileSync(publicKeyPath, 'utf8');
  const id = Number(station.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(location, JSON.stringify([pem])).lastInsertRowid);
  return { station, row: () => getSource(station, id) };
}

/** What a sync could write: compared before and after a refused feed. */
export function snapshotOf(library: Library) {
  return library.db
    .prepare(
      `SELECT (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM publications) AS publications,
              (SELECT count(*) FROM files) AS files, (SELECT group_concat(last_sequence || ':' || last_root_sha256 || ':' || last_change) FROM sync_sources) AS cursor`,
    )
    .get();
}

/** A copy of a feed folder, to tamper with. */
export function copyFeed(feedDir: string): string {
  const copy = path.join(tempDir('sync-copy-'), 'feed');
  fs.cpSync(feedDir, copy, { recursive: true });
  return copy;
}

/** mulberry32: a small seeded PRNG, so a random fault schedule reproduces from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

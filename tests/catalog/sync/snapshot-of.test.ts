/**
 * snapshotOf (fixtures.ts), the "nothing written" check of every refused-feed test: a station
 * that synced a hub, changed in one place without changing any count, must compare different —
 * a rewritten title, file state, text, section, change, cursor or search index — and untouched,
 * equal.
 */
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { hubWith, snapshotOf, stationWithSource } from './fixtures.js';

/** A station that synced two publications from a hub's feed folder, with a text and a section of its own. */
async function syncedStation(): Promise<Library> {
  const hub = await hubWith(['luat-1', 'luat-2']);
  const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
  await syncOnce(station, row(), new FolderSource(hub.feedDir));
  station.db.prepare("INSERT OR REPLACE INTO publication_texts (publication_id, text) VALUES ('luat-2', 'Điều 1. Phạm vi điều chỉnh')").run();
  station.db
    .prepare("INSERT INTO sections (publication_id, ordinal, level, number, heading, start, end) VALUES ('luat-2', 0, 'article', '1', 'Phạm vi điều chỉnh', 0, 26)")
    .run();
  return station;
}

const mutations: [string, string][] = [
  ['a publication’s title', "UPDATE publications SET title = 'Luật khác' WHERE id = 'luat-1'"],
  ['a file’s state', "UPDATE files SET state = 'corrupt' WHERE sha256 = (SELECT min(sha256) FROM files)"],
  ['a text, same length', "UPDATE publication_texts SET text = 'Điều 1. Phạm vi điều chỉnk' WHERE publication_id = 'luat-2'"],
  ['a section’s heading', "UPDATE sections SET heading = 'Đối tượng áp dụng' WHERE publication_id = 'luat-2'"],
  ['a change’s operation', "UPDATE changes SET op = 'delete' WHERE seq = (SELECT max(seq) FROM changes)"],
  ['the cursor under the hub’s key', 'UPDATE sync_keys SET last_change = last_change - 1'],
  ['a file’s link to its publication', "UPDATE publication_files SET role = 'cover' WHERE publication_id = 'luat-1'"],
  ['the search index', 'DELETE FROM meta_fts WHERE rowid = (SELECT min(rowid) FROM meta_fts_docsize)'],
];

describe('snapshotOf', () => {
  it('is the same for a station nothing touched', async () => {
    const station = await syncedStation();
    expect(station.db.prepare('SELECT count(*) FROM publications').pluck().get()).toBe(2);
    expect(snapshotOf(station)).toEqual(snapshotOf(station));
  });

  it.each(mutations)('differs when %s changes and every count stays', async (_what, sql) => {
    const station = await syncedStation();
    const counts = () => ['publications', 'files', 'publication_files', 'publication_texts', 'sections', 'changes', 'sync_keys'].map((table) => station.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    const before = snapshotOf(station);
    const countsBefore = counts();
    expect(station.db.prepare(sql).run().changes).toBe(1);
    expect(counts()).toEqual(countsBefore);
    expect(snapshotOf(station)).not.toEqual(before);
  });
});

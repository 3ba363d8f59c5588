/**
 * docs/feed.md § the station's feed cache: "root.json is renamed in last, after the last
 * transaction commits", so a cache whose root names a state the catalog has not reached never
 * exists (a cut before it leaves the old root, and the next run applies again). The sync writes
 * its cache through an injected writer that notes each file it opens and, when the root's turn
 * comes, what a second connection to the catalog already sees.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { syncOnce } from '../../catalog/sync/apply.js';
import { FolderSource } from '../../catalog/sync/source.js';
import type { OpenWrite } from '../../catalog/sync/stage.js';
import { addDocument, hubWith, stationWithSource } from '../catalog/sync/fixtures.js';

interface Seen {
  file: string;
  publications: number;
  source: unknown;
}

describe('the feed cache', () => {
  it('gets its root.json last, once a second connection sees the catalog and cursor the run ends with', async () => {
    const hub = await hubWith(['luat-1', 'luat-2', 'luat-3']);
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    const reader = new Database(path.join(station.dir, 'catalog.sqlite'), { readonly: true });
    const sourceRow = () => reader.prepare('SELECT * FROM sync_sources WHERE id = ?').get(row().id);
    const run = async () => {
      const seen: Seen[] = [];
      const openWrite: OpenWrite = (file, flags) => {
        seen.push({ file: path.basename(file), publications: reader.prepare('SELECT count(*) FROM publications').pluck().get() as number, source: sourceRow() });
        return createWriteStream(file, { flags });
      };
      await syncOnce(station, row(), new FolderSource(hub.feedDir), { openWrite });
      return seen;
    };

    for (const round of [1, 2]) {
      if (round === 2) {
        await addDocument(hub.library, 'luat-4', 'Luật luat-4', '%PDF-1.4 luat-4');
        await hub.publishNow(new Date(Date.now() + 60_000));
      }
      const seen = await run();
      const last = seen.at(-1);
      expect(seen.length).toBeGreaterThan(1);
      expect(last?.file).toMatch(/^\.root\.json\./); // the temporary name root.json is renamed from
      expect(seen.slice(0, -1).some((entry) => entry.file.includes('root.json'))).toBe(false);
      const publications = station.db.prepare('SELECT count(*) FROM publications').pluck().get();
      expect(publications).toBe(round === 1 ? 3 : 4);
      expect(last?.publications).toBe(publications);
      expect(last?.source).toEqual(sourceRow());
    }
    reader.close();
  });
});

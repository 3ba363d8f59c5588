/**
 * docs/feed.md § Bundles: "A station that started from a snapshot carries only the pages after it,
 * so an existing station whose cursor is older than that snapshot cannot catch up from its bundle
 * (it reports the missing page); a new station can." A hub publishes, then a snapshot, then more;
 * station A starts from the snapshot and exports a bundle; station B, synced before the snapshot,
 * is refused from that bundle with the missing page named and nothing written; station C starts
 * from it whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish } from '../../catalog/feed/publish.js';
import type { Library } from '../../catalog/library.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { exportBundle } from '../../catalog/sync/bundle.js';
import { SyncError } from '../../catalog/sync/errors.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { addSource } from '../../catalog/sync/sources.js';
import { tempDir } from '../helpers/temp-dir.js';
import { addDocument, hubWith, snapshotOf, stationWithSource } from '../catalog/sync/fixtures.js';

const ids = (library: Library) => library.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all();

describe('a bundle from a station that started from a snapshot', () => {
  it('cannot bring an older station past the snapshot (the missing page is named), and starts a new one whole', async () => {
    const hub = await hubWith(['luat-1']);
    const hubSource = new FolderSource(hub.feedDir);
    const b = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    await syncOnce(b.station, b.row(), hubSource);
    expect(ids(b.station)).toEqual(['luat-1']);

    await addDocument(hub.library, 'luat-2', 'Luật luat-2', '%PDF-1.4 luat-2');
    await publish(hub.library, { outDir: hub.feedDir, privateKey: hub.key.privateKey, snapshot: true });
    await addDocument(hub.library, 'luat-3', 'Luật luat-3', '%PDF-1.4 luat-3');
    await hub.publishNow();

    const a = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    await syncOnce(a.station, a.row(), hubSource);
    expect(ids(a.station)).toEqual(['luat-1', 'luat-2', 'luat-3']);
    const bundle = path.join(tempDir('missing-page-usb-'), 'bundle');
    await exportBundle(a.station, { to: bundle });

    // A new station starts from the bundle whole.
    const c = await stationWithSource(bundle, hub.key.publicKeyPath);
    expect(await syncOnce(c.station, c.row(), new FolderSource(bundle))).toMatchObject({ added: 3 });
    expect(ids(c.station)).toEqual(['luat-1', 'luat-2', 'luat-3']);

    // B's cursor is before the snapshot, and the page after it is not in the bundle: refused, nothing written.
    const usb = addSource(b.station, { location: bundle, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    const before = snapshotOf(b.station);
    const refused = await syncOnce(b.station, usb, new FolderSource(bundle)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncError);
    expect((refused as SyncError).ref).toEqual({ key: 'feed.pageMissing', params: { cursor: expect.any(Number) } });
    expect(snapshotOf(b.station)).toEqual(before);
    expect(ids(b.station)).toEqual(['luat-1']);
  });
});

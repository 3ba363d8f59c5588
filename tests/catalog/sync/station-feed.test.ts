/**
 * A station as a source for the next one on the LAN: station A syncs from the hub, then serves
 * its verified feed under /feed/; station B syncs from A over HTTP with the hub's key only and
 * ends with the same catalog and files. A serves only feed paths and files it holds.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { addSource } from '../../../catalog/sync/sources.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { hubWith, keys } from './fixtures.js';

const stations: RunningStation[] = [];
afterAll(async () => {
  for (const station of stations) await station.close();
});

const catalogOf = (library: Library) => library.db.prepare('SELECT p.id, p.title, f.sha256, f.state FROM publications p JOIN publication_files pf ON pf.publication_id = p.id JOIN files f ON f.sha256 = pf.sha256 ORDER BY p.id').all();

describe('a station on the LAN as a source', () => {
  it("passes the hub's catalog and files on, signed by the hub, from its own store", async () => {
    const hub = await hubWith(['luat-1', 'luat-2', 'luat-3'], 20_000);
    const pem = fs.readFileSync(hub.key.publicKeyPath, 'utf8');
    const a = await startStation({ libraryDir: tempDir('lan-a-'), host: '127.0.0.1', port: 0, demo: false });
    stations.push(a);
    const feedUrl = `${a.server.url}/feed/`;
    expect((await fetch(`${feedUrl}root.json`)).status).toBe(404); // nothing synced yet: nothing offered

    addSource(a.library, { location: hub.feedDir, publicKeys: [pem] });
    expect((await a.services.sync.start('manual').done).run.status).toBe('ok');

    const root = await fetch(`${feedUrl}root.json`);
    expect(root.status).toBe(200);
    expect(Buffer.from(await root.arrayBuffer())).toEqual(fs.readFileSync(`${hub.feedDir}/root.json`));
    const sha = (a.library.db.prepare('SELECT sha256 FROM files LIMIT 1').pluck().get() as string);
    const ranged = await fetch(`${feedUrl}files/${sha.slice(0, 2)}/${sha}`, { headers: { Range: 'bytes=0-7' } });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('%PDF-1.4');
    for (const bad of ['feed/../catalog.sqlite', 'feed/%2e%2e/catalog.sqlite', `feed/files/00/${sha}`, 'feed/opds/root.json', 'feed/catalog.sqlite']) {
      expect((await fetch(`${a.server.url}/${bad}`)).status, bad).toBe(404);
    }

    // Station B: the hub's key, A's address.
    const b = await tempLibrary('lan-b-');
    const service = new SyncService(b, { download: { baseDelayMs: 1 } });
    addSource(b, { location: feedUrl, publicKeys: [pem] });
    expect((await service.start('manual').done).run).toMatchObject({ status: 'ok', added: 3, files: 3 });
    expect(catalogOf(b)).toEqual(catalogOf(a.library));

    // A station's own key is not the hub's: refused.
    const c = await tempLibrary('lan-c-');
    addSource(c, { location: feedUrl, publicKeys: [fs.readFileSync(keys().publicKeyPath, 'utf8')] });
    const refused = await new SyncService(c).start('manual').done;
    expect(refused.run).toMatchObject({ status: 'refused', added: 0 });
    await service.dispose();
  });
});

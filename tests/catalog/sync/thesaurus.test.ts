/**
 * A hub's own words travel with its feed (issue 12): `bookshelf publish --thesaurus FILE` stores
 * the additions at the hub and names them in the signed root; a station that syncs searches with
 * them — over HTTP, from a neighbour's /feed/ and from a USB bundle —, a damaged file refuses the
 * sync and writes nothing, a bad or missing file is refused at the hub with a clear message, and
 * `--thesaurus none` takes them back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPublish } from '../../../catalog/cli/feed.js';
import { SETTINGS, getSetting } from '../../../catalog/db/settings.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { getPublication } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import type { Library } from '../../../catalog/library.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { SyncRefusedError } from '../../../catalog/sync/errors.js';
import { exportBundle } from '../../../catalog/sync/bundle.js';
import { addSource } from '../../../catalog/sync/sources.js';
import { FolderSource, HttpSource } from '../../../catalog/sync/source.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { addDocument, copyFeed, hubWith, readRoot, serveFeed, snapshotOf, stationWithSource } from './fixtures.js';

const ADDITIONS = '# Từ ngữ của tỉnh / the province\'s words\ngà qué, gà tre => chăn nuôi, gia cầm\n';

const stations: RunningStation[] = [];
afterAll(async () => {
  for (const station of stations) await station.close();
});

/** The first hit's id and the words the search added, for a resident's query. */
function asked(library: Library, q: string) {
  const result = search(library.db, { q, offset: 0, limit: 5 });
  return { first: result.items[0]?.publication.id ?? null, expanded: result.understood?.expanded ?? [] };
}

async function hubWithAdditions() {
  const hub = await hubWith(['luat-dat-dai']);
  await addDocument(hub.library, 'luat-chan-nuoi', 'Luật Chăn nuôi', '%PDF-1.4 chăn nuôi');
  const pub = getPublication(hub.library.db, 'luat-chan-nuoi')!;
  const text = 'Luật Chăn nuôi\nĐiều 54. Chăn nuôi gia cầm trong khu dân cư phải bảo đảm vệ sinh thú y.';
  saveDocuments(hub.library.db, [{ publication: pub, files: pub.files.map((f) => ({ ...f, state: 'present' as const })), text: { text, pageStarts: [0], pageCount: 1 } }]);
  const file = path.join(tempDir('thesaurus-'), 'tinh.txt');
  fs.writeFileSync(file, ADDITIONS);
  const lines: string[] = [];
  const publishWith = (thesaurus: string) =>
    runPublish({ libraryDir: hub.library.dir, out: hub.feedDir, key: hub.key.privateKeyPath, snapshot: false, refresh: false, thesaurus }, (text) => lines.push(text));
  return { ...hub, file, lines, publishWith };
}

describe("a hub's thesaurus additions", () => {
  it('reach stations with the feed — over HTTP, from a neighbour and on a USB stick — and can be taken back', async () => {
    const hub = await hubWithAdditions();
    expect(asked(hub.library, 'gà qué').expanded).not.toContain('chăn nuôi');
    expect(await hub.publishWith(hub.file)).toBe(0);
    expect(hub.lines.join('')).toMatch(/Từ ngữ bổ sung \/ Thesaurus additions: 1 mục/);
    expect(asked(hub.library, 'gà qué')).toEqual({ first: 'luat-chan-nuoi', expanded: expect.arrayContaining(['chăn nuôi']) });
    const root = readRoot(hub.feedDir);
    expect(fs.readFileSync(path.join(hub.feedDir, root.thesaurus!.path), 'utf8')).toBe(ADDITIONS);

    // Station A over HTTP, then serving its /feed/ to station B; A's bundle to station C.
    const server = await serveFeed(hub.feedDir);
    const a = await startStation({ libraryDir: tempDir('thesaurus-a-'), host: '127.0.0.1', port: 0, demo: false });
    stations.push(a);
    const pem = fs.readFileSync(hub.key.publicKeyPath, 'utf8');
    addSource(a.library, { location: server.url, publicKeys: [pem] });
    expect((await a.services.sync.start('manual').done).run.status).toBe('ok');
    expect(asked(a.library, 'gà qué')).toEqual({ first: 'luat-chan-nuoi', expanded: expect.arrayContaining(['chăn nuôi']) });

    const b = await stationWithSource(`${a.server.url}/feed/`, hub.key.publicKeyPath);
    expect(await syncOnce(b.station, b.row(), new HttpSource(`${a.server.url}/feed/`))).toMatchObject({ status: 'applied' });
    expect(asked(b.station, 'gà qué').first).toBe('luat-chan-nuoi');

    const usb = tempDir('thesaurus-usb-');
    await exportBundle(a.library, { to: usb });
    const c = await stationWithSource(usb, hub.key.publicKeyPath);
    expect(await syncOnce(c.station, c.row(), new FolderSource(usb))).toMatchObject({ status: 'applied' });
    expect(asked(c.station, 'gà qué').first).toBe('luat-chan-nuoi');

    // The hub takes its words back: the next root names none, and the station stops using them.
    expect(await hub.publishWith('none')).toBe(0);
    expect(readRoot(hub.feedDir).thesaurus).toBeUndefined();
    expect(await syncOnce(c.station, c.row(), new FolderSource(hub.feedDir))).toMatchObject({ status: 'applied' });
    expect(asked(c.station, 'gà qué').expanded).not.toContain('chăn nuôi');
  });

  it('a damaged additions file refuses the sync and writes nothing; a file with a bad line is refused at the hub', async () => {
    const hub = await hubWithAdditions();
    expect(await hub.publishWith(hub.file)).toBe(0);
    const feed = copyFeed(hub.feedDir);
    const root = readRoot(feed);
    fs.writeFileSync(path.join(feed, root.thesaurus!.path), ADDITIONS.replace('chăn nuôi', 'đánh bạc'));
    const { station, row } = await stationWithSource(feed, hub.key.publicKeyPath);
    const before = snapshotOf(station);
    const error = await syncOnce(station, row(), new FolderSource(feed)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncRefusedError);
    expect((error as SyncRefusedError).code).toBe('bad_thesaurus');
    expect(snapshotOf(station)).toEqual(before);
    expect(getSetting(station.db, SETTINGS.thesaurus)).toBeNull();

    const bad = path.join(tempDir('thesaurus-bad-'), 'bad.txt');
    fs.writeFileSync(bad, 'gà qué => chăn nuôi\nchỉ có một vế\n');
    hub.lines.length = 0;
    expect(await hub.publishWith(bad)).toBe(1);
    expect(hub.lines.join('')).toContain(`${bad}:2: chỉ có một vế`);
    expect(getSetting(hub.library.db, SETTINGS.thesaurus)).toBe(ADDITIONS); // the reviewed file stays
    hub.lines.length = 0;
    expect(await hub.publishWith(path.join(path.dirname(bad), 'missing.txt'))).toBe(1);
    expect(hub.lines.join('')).toMatch(/Không đọc được tệp từ ngữ .*missing\.txt \(ENOENT\).* \/ Cannot read the thesaurus file/);
  });
});

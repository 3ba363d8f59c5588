import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../../catalog/cli/sync.js';
import { deletePublication } from '../../../catalog/documents.js';
import { canonicalJson, signRoot, signaturePathOf } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { getPublication } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { FolderSource, HttpSource } from '../../../catalog/sync/source.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { addDocument, copyFeed, expectRefused, hubWith, keys, readRoot, serveFeed, snapshotOf, stationWithSource } from './fixtures.js';

const quiet = { download: { baseDelayMs: 1 } };

describe('a station syncing from a hub over HTTP', () => {
  it('gets the metadata then the files, keeps in step with puts and deletes, and writes nothing when nothing changed', async () => {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const server = await serveFeed(hub.feedDir);
    const libraryDir = tempDir('sync-station-');
    const out: string[] = [];
    const write = (text: string) => void out.push(text);

    expect(await runSync({ libraryDir, location: server.url, trustFiles: [], ...quiet }, write)).toBe(1);
    expect(out.join('')).toContain('--trust');

    out.length = 0;
    expect(await runSync({ libraryDir, location: server.url, trustFiles: [hub.key.publicKeyPath], ...quiet }, write)).toBe(0);
    expect(out.join('')).toContain('added 2');
    expect(out.join('')).toContain('Files downloaded: 2');
    let station = await openTestLibrary(libraryDir);
    expect(getPublication(station.db, 'luat-1')?.available).toBe(true);
    expect(station.info()).toMatchObject({ publications: 2, filesPresent: 2, filesPending: 0 });
    const sha = getPublication(station.db, 'luat-1')!.files[0].sha256;
    expect(fs.readFileSync(station.files.pathOf(sha))).toEqual(fs.readFileSync(hub.library.files.pathOf(sha)));
    expect(search(station.db, { q: 'luat-2', offset: 0, limit: 10 }).items.map((item) => item.publication.id)).toContain('luat-2');

    await addDocument(hub.library, 'luat-3', 'Luật luat-3', '%PDF-1.4 ba');
    deletePublication(hub.library.db, 'luat-1');
    await hub.publishNow();
    out.length = 0;
    expect(await runSync({ libraryDir, location: server.url, trustFiles: [], ...quiet }, write)).toBe(0);
    expect(out.join('')).toContain('added 1');
    expect(out.join('')).toContain('deleted 1');
    station = await openTestLibrary(libraryDir);
    expect((station.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[])).toEqual(['luat-2', 'luat-3']);
    expect(getPublication(station.db, 'luat-3')?.available).toBe(true);
    const before = snapshotOf(station);

    out.length = 0;
    expect(await runSync({ libraryDir, location: server.url, trustFiles: [], ...quiet }, write)).toBe(0);
    expect(out.join('')).toContain('up to date');
    expect(out.join('')).toContain('Files downloaded: 0');
    station = await openTestLibrary(libraryDir);
    expect(snapshotOf(station)).toEqual(before);
  });

  it('loads the snapshot on a new station, then the later pages', async () => {
    const hub = await hubWith(['luat-1']);
    await addDocument(hub.library, 'luat-2', 'Luật luat-2', '%PDF hai');
    const { publish } = await import('../../../catalog/feed/publish.js');
    await publish(hub.library, { outDir: hub.feedDir, privateKey: hub.key.privateKey, snapshot: true });
    await addDocument(hub.library, 'luat-3', 'Luật luat-3', '%PDF ba');
    await hub.publishNow();
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    const result = await syncOnce(station, row(), new FolderSource(hub.feedDir));
    expect(result).toMatchObject({ status: 'applied', added: 3 });
    expect(station.info()).toMatchObject({ publications: 3, filesPending: 3 });
    expect(getPublication(station.db, 'luat-1')?.available).toBe(false); // not yet downloaded
  });
});

describe('a station syncing from a folder (USB drive)', () => {
  it('syncs through the CLI and refuses paths outside the folder', async () => {
    const hub = await hubWith(['luat-1']);
    const libraryDir = tempDir('sync-station-');
    const out: string[] = [];
    expect(await runSync({ libraryDir, location: hub.feedDir, trustFiles: [hub.key.publicKeyPath] }, (t) => void out.push(t))).toBe(0);
    expect(out.join('')).toContain('Files downloaded: 1');
    const source = new FolderSource(hub.feedDir);
    await expect(source.read('../secret.json', 100)).rejects.toThrow(/Not a feed path/);
    fs.writeFileSync(path.join(path.dirname(hub.feedDir), 'x.json'), '{}');
    fs.mkdirSync(path.join(hub.feedDir, 'snapshots'), { recursive: true });
    const escape = path.join(hub.feedDir, 'snapshots', `${'a'.repeat(64)}.jsonl`);
    fs.symlinkSync(path.join(path.dirname(hub.feedDir), 'x.json'), escape);
    await expect(source.read(`snapshots/${'a'.repeat(64)}.jsonl`, 100)).rejects.toThrow(/escapes/);
  });
});

describe('refused feeds: nothing is written', () => {
  /** How a refusal reads, in both languages. */
  const REFUSED = /Từ chối nguồn cấp \(\w+\): .* \/ Feed refused \(\w+\): /;
  async function setup() {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    return { hub, station, row };
  }


  it('refuses a root with one changed byte (even with the old signature placed under its new hash)', async () => {
    const { hub, station, row } = await setup();
    const copy = copyFeed(hub.feedDir);
    const bytes = fs.readFileSync(path.join(copy, 'root.json'));
    const signature = fs.readFileSync(path.join(copy, signaturePathOf(bytes)));
    const forged = Buffer.from(bytes.toString('utf8').replace('"sequence":1', '"sequence":9'));
    fs.writeFileSync(path.join(copy, 'root.json'), forged);
    fs.writeFileSync(path.join(copy, signaturePathOf(forged)), signature);
    await expectRefused(station, () => syncOnce(station, row(), new FolderSource(copy)), 'bad_signature', REFUSED);
  });

  it('refuses a wrong key and a stripped signature', async () => {
    const { hub } = await setup();
    const other = keys();
    const { station: wrong, row: wrongRow } = await stationWithSource(hub.feedDir, other.publicKeyPath);
    await expectRefused(wrong, () => syncOnce(wrong, wrongRow(), new FolderSource(hub.feedDir)), 'unknown_key', REFUSED);
    const copy = copyFeed(hub.feedDir);
    fs.rmSync(path.join(copy, 'signatures'), { recursive: true });
    const { station: stripped, row: strippedRow } = await stationWithSource(copy, hub.key.publicKeyPath);
    await expectRefused(stripped, () => syncOnce(stripped, strippedRow(), new FolderSource(copy)), 'bad_signature', REFUSED);
  });

  it('refuses an older root after a newer one was applied (rollback), over HTTP', async () => {
    const { hub, station, row } = await setup();
    const old = copyFeed(hub.feedDir);
    await addDocument(hub.library, 'luat-3', 'Luật luat-3', '%PDF ba');
    await hub.publishNow();
    const newer = await serveFeed(hub.feedDir);
    expect(await syncOnce(station, row(), new HttpSource(newer.url))).toMatchObject({ status: 'applied', sequence: 2, added: 3 });
    const older = await serveFeed(old);
    await expectRefused(station, () => syncOnce(station, row(), new HttpSource(older.url)), 'rollback', REFUSED);
  });

  it('refuses a forked root: the same sequence with other bytes', async () => {
    const { hub, station, row } = await setup();
    await syncOnce(station, row(), new FolderSource(hub.feedDir));
    const copy = copyFeed(hub.feedDir);
    const root = readRoot(copy);
    const signed = signRoot({ ...root, createdAt: new Date(Date.parse(root.createdAt) + 1000).toISOString() }, hub.key.privateKey);
    fs.writeFileSync(path.join(copy, signed.signaturePath), signed.signature);
    fs.writeFileSync(path.join(copy, 'root.json'), signed.bytes);
    await expectRefused(station, () => syncOnce(station, row(), new FolderSource(copy)), 'fork', REFUSED);
  });

  it('refuses a page whose bytes do not match the hash in the root', async () => {
    const { hub, station, row } = await setup();
    const copy = copyFeed(hub.feedDir);
    const root = readRoot(copy);
    const pageFile = path.join(copy, root.pages[0].path);
    const page = fs.readFileSync(pageFile, 'utf8');
    fs.writeFileSync(pageFile, page.replace('luat-2', 'luat-9'));
    expect(sha256Hex(fs.readFileSync(pageFile))).not.toBe(root.pages[0].sha256);
    await expectRefused(station, () => syncOnce(station, row(), new FolderSource(copy)), 'bad_page', REFUSED);
    expect(canonicalJson(JSON.parse(page))).toBe(page);
  });

  it('keeps the catalog and warns on an expired root', async () => {
    const { hub, station, row } = await setup();
    const before = snapshotOf(station);
    const result = await syncOnce(station, row(), new FolderSource(hub.feedDir), { now: new Date(Date.now() + 365 * 86_400_000) });
    expect(result.status).toBe('expired');
    expect(result.warning).toMatchObject({ key: 'feed.expired' });
    expect(snapshotOf(station)).toEqual(before);
  });

  it('the CLI exits 1 with a clear message on a refused feed', async () => {
    const { hub } = await setup();
    const other = keys();
    const out: string[] = [];
    expect(await runSync({ libraryDir: tempDir(), location: hub.feedDir, trustFiles: [other.publicKeyPath] }, (t) => void out.push(t))).toBe(1);
    expect(out.join('')).toMatch(/Feed refused \(unknown_key\)/);
  });
});

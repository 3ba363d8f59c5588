import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSync } from '../../../catalog/cli/sync.js';
import { parseBundleFilter, runExportBundle } from '../../../catalog/cli/export-bundle.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { publish } from '../../../catalog/feed/publish.js';
import { main } from '../../../catalog/cli/main.js';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { listen } from '../../../catalog/http/server.js';
import type { RunningServer } from '../../../catalog/http/server.js';
import type { Library } from '../../../catalog/library.js';
import { getPublication } from '../../../catalog/publications.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { SyncRefusedError } from '../../../catalog/sync/errors.js';
import { BundleError, exportBundle } from '../../../catalog/sync/bundle.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../../helpers/temp-library.js';
import { addDocument, copyFeed, hubWith, keys, readRoot, snapshotOf, stationWithSource } from './fixtures.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});
const quiet = { download: { baseDelayMs: 1, attempts: 1 } };
const ids = (library: Library) => library.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[];

/** Hub → station A over HTTP (luat-3 published after A's first sync, and its file held back from A) → A exports a bundle. */
async function stationABundle() {
  const hub = await hubWith(['luat-1', 'luat-2']);
  const server = await listen(createFeedApp(hub.feedDir, ['127.0.0.1', 'localhost']), '127.0.0.1', 0);
  servers.push(server);
  const aDir = tempDir('bundle-a-');
  const out: string[] = [];
  expect(await runSync({ libraryDir: aDir, location: server.url, trustFiles: [hub.key.publicKeyPath], ...quiet }, (t) => void out.push(t))).toBe(0);
  await addDocument(hub.library, 'luat-3', 'Luật luat-3', '%PDF-1.4 luat-3 ba');
  await hub.publishNow();
  const held = getPublication(hub.library.db, 'luat-3')!.files[0].sha256;
  const heldFile = path.join(hub.feedDir, 'files', held.slice(0, 2), held);
  const heldBytes = fs.readFileSync(heldFile);
  fs.rmSync(heldFile); // A cannot get this one: it stays pending on A
  expect(await runSync({ libraryDir: aDir, location: server.url, trustFiles: [], ...quiet }, (t) => void out.push(t))).toBe(0);
  fs.writeFileSync(heldFile, heldBytes);
  const bundle = path.join(tempDir('bundle-usb-'), 'usb');
  const a = await openTestLibrary(aDir);
  const result = await exportBundle(a, { to: bundle });
  return { hub, a, bundle, result, held };
}

describe('export-bundle: a USB bundle from a station, signed by the hub', () => {
  it('carries the catalog and the files station A holds to station B with no network', async () => {
    const { hub, a, bundle, result, held } = await stationABundle();
    expect(result).toMatchObject({ sequence: 2, files: 2, missingFiles: 1 });
    expect(fs.readFileSync(path.join(bundle, 'root.json'))).toEqual(fs.readFileSync(path.join(hub.feedDir, 'root.json')));
    expect(fs.existsSync(path.join(bundle, 'files', held.slice(0, 2), held))).toBe(false);
    expect(fs.readdirSync(bundle, { recursive: true }).filter((name) => String(name).includes('.tmp'))).toEqual([]);

    const { station: b, row } = await stationWithSource(path.resolve(bundle), hub.key.publicKeyPath);
    const source = new FolderSource(bundle);
    expect(await syncOnce(b, row(), source)).toMatchObject({ status: 'applied', sequence: 2, added: 3 });
    const downloaded = await downloadPending(b, source, { baseDelayMs: 1, attempts: 1 });
    expect(downloaded.downloaded).toBe(2);
    expect(ids(b)).toEqual(ids(a));
    for (const id of ids(a)) expect(getPublication(b.db, id)?.available).toBe(getPublication(a.db, id)?.available);
    expect(getPublication(b.db, 'luat-3')?.available).toBe(false); // not yet downloaded, as on A
    expect(b.info()).toMatchObject({ publications: 3, filesPresent: 2, filesPending: 1 });
    const sha = getPublication(b.db, 'luat-1')!.files[0].sha256;
    expect(fs.readFileSync(b.files.pathOf(sha))).toEqual(fs.readFileSync(hub.library.files.pathOf(sha)));

    // B (caching what it verified) can pass the bundle on in turn.
    const second = path.join(tempDir('bundle-usb2-'), 'usb');
    expect(await exportBundle(b, { to: second })).toMatchObject({ sequence: 2, files: 2 });
    expect(fs.readFileSync(path.join(second, 'root.json'))).toEqual(fs.readFileSync(path.join(hub.feedDir, 'root.json')));
  });

  it('verifies only with the hub key', async () => {
    const { hub, bundle } = await stationABundle();
    const { station: other, row } = await stationWithSource(path.resolve(bundle), keys().publicKeyPath);
    const before = snapshotOf(other);
    const error = await syncOnce(other, row(), new FolderSource(bundle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncRefusedError);
    expect((error as SyncRefusedError).code).toBe('unknown_key');
    expect(snapshotOf(other)).toEqual(before);
    expect(fs.readdirSync(bundle)).not.toContain('feed-private.pem');
    void hub;
  });

  it('refuses a tampered page with nothing written, and rejects a swapped file (mixed-version bundle), leaving it pending', async () => {
    const { hub, a, bundle } = await stationABundle();
    const root = readRoot(bundle);

    const tampered = copyFeed(bundle);
    const ref = root.snapshot ?? root.pages[0];
    const refFile = path.join(tampered, ref.path);
    const bytes = fs.readFileSync(refFile);
    bytes[bytes.indexOf('luat-2')] ^= 1;
    fs.writeFileSync(refFile, bytes);
    const { station: b1, row: row1 } = await stationWithSource(path.resolve(tampered), hub.key.publicKeyPath);
    const before = snapshotOf(b1);
    const error = await syncOnce(b1, row1(), new FolderSource(tampered)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncRefusedError);
    expect(['bad_page', 'bad_snapshot']).toContain((error as SyncRefusedError).code);
    expect(snapshotOf(b1)).toEqual(before);
    expect(fs.existsSync(path.join(b1.dir, 'feed-cache', '1', 'root.json'))).toBe(false);

    const mixed = copyFeed(bundle);
    const sha1 = getPublication(a.db, 'luat-1')!.files[0].sha256;
    const sha2 = getPublication(a.db, 'luat-2')!.files[0].sha256;
    fs.copyFileSync(path.join(mixed, 'files', sha2.slice(0, 2), sha2), path.join(mixed, 'files', sha1.slice(0, 2), sha1));
    const { station: b2, row: row2 } = await stationWithSource(path.resolve(mixed), hub.key.publicKeyPath);
    await syncOnce(b2, row2(), new FolderSource(mixed));
    const downloaded = await downloadPending(b2, new FolderSource(mixed), { baseDelayMs: 1, attempts: 1 });
    expect(downloaded.failed.map((f) => f.sha256)).toContain(sha1);
    expect(getPublication(b2.db, 'luat-1')?.available).toBe(false);
    expect(b2.db.prepare('SELECT state FROM files WHERE sha256 = ?').pluck().get(sha1)).toBe('pending');
    expect(fs.existsSync(b2.files.pathOf(sha1))).toBe(false);
    expect(getPublication(b2.db, 'luat-2')?.available).toBe(true);
  });

  it('exporting with no synced source is a clear error; the CLI needs --to', async () => {
    const library = await tempLibrary('bundle-empty-');
    const error = await exportBundle(library, { to: tempDir() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as Error).message).toMatch(/chưa đồng bộ.*has not synced any feed/);
    const out: string[] = [];
    expect(await runExportBundle({ libraryDir: library.dir, to: tempDir() }, (t) => void out.push(t))).toBe(1);
    expect(out.join('')).toMatch(/nothing to export/);
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['export-bundle', '--library', library.dir])).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
  });
});

describe('export-bundle --filter: only the files of matching publications, the whole catalog', () => {
  it('parses fields=…;types=…;kinds=… and refuses anything else', () => {
    expect(parseBundleFilter('fields=Đất đai, Thuế; types=Luật;kinds=legal,book')).toEqual({ fields: ['Đất đai', 'Thuế'], docTypes: ['Luật'], kinds: ['legal', 'book'] });
    expect(parseBundleFilter('types=Nghị định')).toEqual({ fields: null, docTypes: ['Nghị định'], kinds: null });
    for (const bad of ['', 'colour=red', 'fields=', 'kinds=novel', 'fields=a;fields=b', 'Thuế']) expect(() => parseBundleFilter(bad), bad).toThrow(UsageError);
  });

  it('copies the files of matching publications only; the receiver gets every publication, signed by the hub', async () => {
    const hub = await tempLibrary('bundle-filter-hub-');
    await addDocument(hub, 'dat-dai', 'Luật đất đai', '%PDF-1.4 dat dai', { fields: ['Đất đai'] });
    await addDocument(hub, 'thue', 'Luật thuế', '%PDF-1.4 thue', { fields: ['Thuế'] });
    await addDocument(hub, 'thue-nd', 'Nghị định thuế', '%PDF-1.4 thue nd', { fields: ['Thuế'], docType: 'Nghị định' });
    await addDocument(hub, 'lao-dong', 'Bộ luật lao động', '%PDF-1.4 lao dong', { fields: ['Lao động'] });
    const key = keys();
    const feedDir = path.join(tempDir('bundle-filter-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    const { station: a, row } = await stationWithSource(path.resolve(feedDir), key.publicKeyPath);
    await syncOnce(a, row(), new FolderSource(feedDir));
    expect(await downloadPending(a, new FolderSource(feedDir), { baseDelayMs: 1, attempts: 1 })).toMatchObject({ downloaded: 4 });

    const bundle = path.join(tempDir('bundle-filter-usb-'), 'usb');
    const result = await exportBundle(a, { to: bundle, filter: { fields: ['thuế'], docTypes: ['Luật'], kinds: null } });
    expect(result).toMatchObject({ files: 1, filteredFiles: 3, missingFiles: 0 });
    const sha = (id: string) => getPublication(a.db, id)!.files[0].sha256;
    const inBundle = (id: string) => fs.existsSync(path.join(bundle, 'files', sha(id).slice(0, 2), sha(id)));
    expect(['dat-dai', 'thue', 'thue-nd', 'lao-dong'].map(inBundle)).toEqual([false, true, false, false]);
    expect(fs.readFileSync(path.join(bundle, 'root.json'))).toEqual(fs.readFileSync(path.join(feedDir, 'root.json')));

    const { station: b, row: rowB } = await stationWithSource(path.resolve(bundle), key.publicKeyPath);
    expect(await syncOnce(b, rowB(), new FolderSource(bundle))).toMatchObject({ status: 'applied', added: 4 });
    expect(await downloadPending(b, new FolderSource(bundle), { baseDelayMs: 1, attempts: 1 })).toMatchObject({ downloaded: 1 });
    expect(ids(b)).toEqual(ids(a));
    expect(getPublication(b.db, 'thue')?.available).toBe(true);
    expect(getPublication(b.db, 'lao-dong')).toMatchObject({ available: false, files: [{ state: 'pending' }] });

    const out: string[] = [];
    const second = path.join(tempDir('bundle-filter-usb2-'), 'usb');
    expect(await runExportBundle({ libraryDir: a.dir, to: second, filter: parseBundleFilter('kinds=legal;fields=Lao động') }, (t) => void out.push(t))).toBe(0);
    expect(out.join('')).toMatch(/Tệp \/ Files: 1 .*\n[\s\S]*Files left out by the filter \(the catalog is complete\): 3/);
  });
});

/**
 * Bounds at the station (issue 11): a page larger than the format allows, or with more ops, and a
 * snapshot line longer than a record may be are refused — even signed — before anything is
 * written; a hub never writes such a record; a full disk while staging (pages, a large snapshot,
 * text objects) removes what it half-wrote and stops with a clear message; a server that trickles
 * is cut after a window instead of holding the run for hours. Each time the catalog is as it was,
 * the station still answers searches, and a later run completes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { MAX_PAGE_BYTES, MAX_RECORD_BYTES, PAGE_FORMAT } from '../../../catalog/feed/pages.js';
import { publish } from '../../../catalog/feed/publish.js';
import { canonicalJson, signRoot } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import type { FeedRoot } from '../../../catalog/feed/root.js';
import type { Library } from '../../../catalog/library.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { SyncDiskFullError } from '../../../catalog/sync/errors.js';
import { FolderSource, HttpSource, SourceError } from '../../../catalog/sync/source.js';
import { feedCacheDir } from '../../../catalog/sync/feed-cache.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { integrityOf } from '../../helpers/integrity.js';
import { addDocument, copyFeed, diskFull, expectRefused, hubWith, keys, readRoot, snapshotOf, stationWithSource } from './fixtures.js';

const found = (library: Library, q: string) => search(library.db, { q, offset: 0, limit: 10, filters: {}, facets: false }).items.map((i) => i.publication.id);

/** Signs `root` with the hub's key into `feedDir` (signature first, then root.json). */
function resign(feedDir: string, root: FeedRoot, privateKey: Parameters<typeof signRoot>[1]) {
  const signed = signRoot({ ...root, sequence: root.sequence + 1 }, privateKey);
  fs.writeFileSync(path.join(feedDir, signed.signaturePath), signed.signature);
  fs.writeFileSync(path.join(feedDir, 'root.json'), signed.bytes);
}

/** Files left half-written in a folder: temporary names and .part files. */
const leftovers = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((name) => /\.(tmp|part)$/.test(name)) : []);

async function syncedStation() {
  const hub = await hubWith(['luat-1', 'luat-2']);
  const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
  await syncOnce(station, row(), new FolderSource(hub.feedDir));
  return { hub, station, row };
}

/** Refused with this code and message, nothing written, and (for a station that had a catalog) still searchable. */
async function expectRefusedStillFound(station: Library, run: () => Promise<unknown>, code: string, message: RegExp, stillFound = 'luat-2') {
  await expectRefused(station, run, code, message);
  if (stillFound) expect(found(station, stillFound)).toContain(stillFound);
}

const servers: http.Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

describe('bounds at the station', () => {
  it('refuses a page larger than the format allows before fetching it, and one with too many ops', async () => {
    const { hub, station, row } = await syncedStation();
    const big = copyFeed(hub.feedDir);
    const root = readRoot(big);
    const last = root.pages.at(-1)!.lastChange;
    // Named but absent: a station that fetched it would fail on "not found", not refuse it by size.
    resign(big, { ...root, pages: [...root.pages, { path: `pages/${'a'.repeat(64)}.json`, sha256: 'a'.repeat(64), size: MAX_PAGE_BYTES + 1, firstChange: last + 1, lastChange: last + 5 }] }, hub.key.privateKey);
    await expectRefusedStillFound(station, () => syncOnce(station, row(), new FolderSource(big)), 'bad_page', /larger than the format allows/);

    const many = copyFeed(hub.feedDir);
    const page = Buffer.from(canonicalJson({ format: PAGE_FORMAT, firstChange: last + 1, lastChange: last + 1001, ops: Array.from({ length: 1001 }, (_, i) => ({ op: 'delete', id: `x-${i}` })) }));
    const pagePath = `pages/${sha256Hex(page)}.json`;
    fs.writeFileSync(path.join(many, pagePath), page);
    const manyRoot = readRoot(many);
    resign(many, { ...manyRoot, pages: [...manyRoot.pages, { path: pagePath, sha256: sha256Hex(page), size: page.length, firstChange: last + 1, lastChange: last + 1001 }] }, hub.key.privateKey);
    await expectRefusedStillFound(station, () => syncOnce(station, row(), new FolderSource(many)), 'bad_page', /is malformed/);
  });

  it('a hub never writes a record longer than the format allows; a station refuses a snapshot that holds one', async () => {
    const hub = await tempLibrary('bounds-hub-');
    const long = 'Tóm tắt rất dài. '.repeat(Math.ceil(MAX_RECORD_BYTES / 16));
    saveDocuments(hub.db, [{ publication: { id: 'qd-1', kind: 'legal', title: 'Quyết định 1', description: long }, files: [] }]);
    const key = keys();
    const feedDir = path.join(tempDir('bounds-feed-'), 'feed');
    await expect(publish(hub, { outDir: feedDir, privateKey: key.privateKey })).rejects.toThrow(/qd-1 quá lớn.*\/ Publication qd-1 is too large for the feed/);
    expect(fs.existsSync(path.join(feedDir, 'root.json'))).toBe(false);

    // The same record in a snapshot forged and signed by hand.
    saveDocuments(hub.db, [{ publication: { id: 'qd-1', kind: 'legal', title: 'Quyết định 1' }, files: [] }]);
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey, snapshot: true });
    const root = readRoot(feedDir);
    const snapshotFile = path.join(feedDir, root.snapshot!.path);
    const lines = fs.readFileSync(snapshotFile, 'utf8').split('\n');
    const record = JSON.parse(lines[1]) as Record<string, unknown>;
    const forged = Buffer.from(`${lines[0]}\n${canonicalJson({ ...record, description: long })}\n`);
    const forgedPath = `snapshots/${sha256Hex(forged)}.jsonl`;
    fs.writeFileSync(path.join(feedDir, forgedPath), forged);
    resign(feedDir, { ...root, snapshot: { ...root.snapshot!, path: forgedPath, sha256: sha256Hex(forged), size: forged.length } }, key.privateKey);
    const { station, row } = await stationWithSource(feedDir, key.publicKeyPath);
    await expectRefusedStillFound(station, () => syncOnce(station, row(), new FolderSource(feedDir)), 'bad_snapshot', new RegExp(`a line longer than ${MAX_RECORD_BYTES} bytes`), '');
  });

  it('a full disk while staging a large snapshot, pages or text objects: nothing half-written, a clear message, the next run completes', async () => {
    const hub = await tempLibrary('bounds-big-hub-');
    const description = 'Quy định về quản lý đất đai tại địa phương, chi tiết từng trường hợp. '.repeat(20);
    saveDocuments(
      hub.db,
      Array.from({ length: 7000 }, (_, i) => {
        const id = `qd-${String(i).padStart(5, '0')}`;
        const text = i % 500 === 0 ? { text: `Điều 1. Phạm vi\nVăn bản số ${i} quy định việc cấp giấy chứng nhận quyền sử dụng đất.`, pageStarts: [0], pageCount: 1 } : undefined;
        return {
          publication: { id, kind: 'legal' as const, title: `Quyết định ${id}`, description, origin: 'national' as const },
          files: [{ sha256: createHash('sha256').update(id).digest('hex'), size: 1000, mediaType: 'application/pdf', state: 'pending' as const, role: 'content' as const }],
          text,
        };
      }),
    );
    const key = keys();
    const feedDir = path.join(tempDir('bounds-big-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey, snapshot: true });
    expect(readRoot(feedDir).snapshot!.size).toBeGreaterThan(MAX_PAGE_BYTES); // streamed to a .part, not read whole

    const { station, row } = await stationWithSource(feedDir, key.publicKeyPath);
    const cache = feedCacheDir(station, row().id);
    const inTexts = (file: string) => file.startsWith(station.texts.root);
    // Mid-way through the snapshot (its .part), then on the first text object (the snapshot staged, no batch applied).
    for (const full of [diskFull(4 * 1024 * 1024), diskFull(0, inTexts)]) {
      const before = snapshotOf(station);
      const error = await syncOnce(station, row(), new FolderSource(feedDir), { openWrite: full.openWrite }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncDiskFullError);
      expect((error as Error).message).toMatch(/Đĩa đầy.* \/ The disk is full/);
      expect(full.opened.length).toBeGreaterThan(0);
      expect(leftovers(cache)).toEqual([]);
      expect(leftovers(station.texts.root)).toEqual([]);
      expect(snapshotOf(station)).toEqual(before);
    }
    expect(await syncOnce(station, row(), new FolderSource(feedDir))).toMatchObject({ status: 'applied', added: 7000, texts: 14, textsMissing: 0 });
    expect(found(station, 'cấp giấy chứng nhận quyền sử dụng đất')).toHaveLength(10);

    // A page that does not fit (written whole, by temporary name): nothing left, nothing applied.
    saveDocuments(hub.db, [{ publication: { id: 'qd-new', kind: 'legal', title: 'Quyết định mới về đất đai' }, files: [] }]);
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    const before = snapshotOf(station);
    const pageFull = diskFull(0, (file) => file.includes(`${path.sep}pages${path.sep}`));
    await expect(syncOnce(station, row(), new FolderSource(feedDir), { openWrite: pageFull.openWrite })).rejects.toBeInstanceOf(SyncDiskFullError);
    expect(leftovers(cache)).toEqual([]);
    expect(snapshotOf(station)).toEqual(before);
    expect(found(station, 'cấp giấy chứng nhận quyền sử dụng đất')).toHaveLength(10);
    expect(await syncOnce(station, row(), new FolderSource(feedDir))).toMatchObject({ status: 'applied', added: 1 });
    expect(integrityOf(station)).toBe('ok');
  }, 120_000);

  it('cuts a server that trickles after a window, writes nothing, and completes from a healthy server', async () => {
    const { hub, station, row } = await syncedStation();
    const next = copyFeed(hub.feedDir);
    // A new page for the station to fetch, from a server that sends one byte every 100 ms.
    await addDocument(hub.library, 'luat-3', 'Luật 3', '%PDF-1.4 luật 3');
    await hub.publishNow();
    fs.cpSync(hub.feedDir, next, { recursive: true });
    const server = http.createServer((req, res) => {
      const file = path.join(next, ...(req.url ?? '/').split('?')[0].split('/').filter(Boolean));
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
      const bytes = fs.readFileSync(file);
      res.writeHead(200, { 'Content-Length': bytes.length });
      if (!req.url?.startsWith('/pages/')) return void res.end(bytes);
      let at = 0;
      const timer = setInterval(() => {
        if (at >= bytes.length || res.destroyed) return void clearInterval(timer);
        res.write(bytes.subarray(at, at + 1));
        at += 1;
      }, 100);
      res.on('close', () => clearInterval(timer));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const before = snapshotOf(station);
    const started = Date.now();
    const error = await syncOnce(station, row(), new HttpSource(url, { minBytesPerSecond: 1024, slowWindowMs: 400 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/Tải quá chậm .* \/ Download too slow \(under 1024 bytes\/s/);
    expect(Date.now() - started).toBeLessThan(30_000); // cut after a window, not held by the 6-hour total
    expect(snapshotOf(station)).toEqual(before);
    expect(leftovers(feedCacheDir(station, row().id))).toEqual([]);
    expect(found(station, 'luat-2')).toContain('luat-2');

    expect(await syncOnce(station, row(), new FolderSource(next))).toMatchObject({ status: 'applied', added: 1 });
  });
});


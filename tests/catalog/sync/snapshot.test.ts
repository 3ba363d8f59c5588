/**
 * Large feeds: a hub splits a big publish into bounded pages and writes a JSON Lines snapshot; a
 * new station applies the snapshot in batches (progress, stop and resume at the committed byte
 * offset, a cut download resumed with Range), refuses a malformed snapshot before writing, adopts
 * as national what the feed carries under a station-made id, and never lets a feed delete what the
 * station made itself.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import { canonicalJson, signRoot } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import type { Library } from '../../../catalog/library.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { SyncRefusedError, SyncStoppedError } from '../../../catalog/sync/errors.js';
import { getSource } from '../../../catalog/sync/sources.js';
import type { SyncProgress } from '../../../catalog/sync/apply.js';
import { FolderSource, HttpSource } from '../../../catalog/sync/source.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { integrityOf } from '../../helpers/integrity.js';
import { copyFeed, keys, readRoot, snapshotOf, stationWithSource } from './fixtures.js';

const servers: http.Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** Saves `count` publications with pending files (no file bytes needed for metadata tests). */
function addMany(library: Library, from: number, count: number, origin: 'national' | 'local' = 'national', description: string | null = null) {
  const records = Array.from({ length: count }, (_, i) => {
    const id = `qd-${String(from + i).padStart(5, '0')}`;
    const title = `Quyết định ${id} về quản lý đất đai`;
    return {
      publication: { id, kind: 'legal' as const, title, issuedDate: '2024-06-01', fields: ['Đất đai'], docType: 'Quyết định', issuer: 'UBND tỉnh', origin, description },
      files: [{ sha256: createHash('sha256').update(title).digest('hex'), size: 1000 + i, mediaType: 'application/pdf', state: 'pending' as const, role: 'content' as const }],
    };
  });
  saveDocuments(library.db, records);
}

async function bigHub(count: number, description: string | null = null) {
  const hub = await tempLibrary('snap-hub-');
  addMany(hub, 1, count, 'national', description);
  const key = keys();
  const feedDir = path.join(tempDir('snap-feed-'), 'feed');
  const result = await publish(hub, { outDir: feedDir, privateKey: key.privateKey, pageOps: 500, snapshot: true });
  return { hub, key, feedDir, result };
}

const ids = (library: Library) => library.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[];

describe('large feeds', () => {
  it('splits a big publish into pages of at most pageOps ops that chain without gaps', async () => {
    const { feedDir, result } = await bigHub(1_200);
    expect(result).toMatchObject({ published: true, ops: 1_200, pages: 3, snapshot: true });
    const root = readRoot(feedDir);
    expect(root.pages.map((page) => [page.firstChange, page.lastChange])).toEqual([
      [1, 500],
      [501, 1000],
      [1001, 1200],
    ]);
    const opsPerPage = root.pages.map((ref) => (JSON.parse(fs.readFileSync(path.join(feedDir, ref.path), 'utf8')) as { ops: unknown[] }).ops.length);
    expect(opsPerPage).toEqual([500, 500, 200]);
  });

  it('applies a snapshot in batches with progress, stops between batches, and resumes at the committed offset', async () => {
    const { hub, key, feedDir } = await bigHub(1_200);
    const { station, row } = await stationWithSource(feedDir, key.publicKeyPath);
    const controller = new AbortController();
    const seen: SyncProgress[] = [];
    const stopped = await syncOnce(station, row(), new FolderSource(feedDir), {
      snapshotBatch: 100,
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.phase === 'snapshot' && progress.publicationsDone === 300) controller.abort();
      },
    }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(SyncStoppedError);
    // Exactly the first 300 publications (by id), the byte offset after them, no cursor yet.
    expect(ids(station)).toEqual(ids(hub).slice(0, 300));
    const paused = row();
    expect(paused.last_change).toBeNull();
    expect(paused.snapshot_offset).toBeGreaterThan(0);
    expect(integrityOf(station)).toBe('ok');
    expect(seen.filter((p) => p.phase === 'snapshot').map((p) => p.publicationsTotal)).toContain(1_200);

    const resumed = await syncOnce(station, row(), new FolderSource(feedDir), { snapshotBatch: 100 });
    expect(resumed).toMatchObject({ status: 'applied', added: 900, updated: 0 });
    expect(ids(station)).toEqual(ids(hub));
    expect(row()).toMatchObject({ last_change: 1_200, snapshot_offset: null, snapshot_sha256: null, last_sequence: 1 });
  });

  it('resumes a snapshot download cut mid-way with a Range request', async () => {
    const { key, feedDir } = await bigHub(3_000, `Tóm tắt: ${'quy định về quản lý, sử dụng đất đai tại địa phương; '.repeat(60)}`);
    const root = readRoot(feedDir);
    const snapshotSize = root.snapshot!.size;
    expect(snapshotSize).toBeGreaterThan(8 * 1024 * 1024); // streamed to disk, not read whole
    let served = 0;
    let cut = false;
    const server = http.createServer((request, response) => {
      const file = path.join(feedDir, decodeURIComponent(new URL(request.url!, 'http://x').pathname));
      if (!fs.existsSync(file)) return void response.writeHead(404).end();
      const size = fs.statSync(file).size;
      const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      response.writeHead(range ? 206 : 200, { 'Content-Length': size - start, ...(range ? { 'Content-Range': `bytes ${start}-${size - 1}/${size}` } : {}) });
      const isSnapshot = file.endsWith('.jsonl');
      const stream = fs.createReadStream(file, { start });
      stream.on('data', (chunk) => {
        if (isSnapshot) served += chunk.length;
        if (isSnapshot && !cut && served > snapshotSize / 2) {
          cut = true;
          stream.destroy();
          response.destroy();
        }
      });
      stream.pipe(response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const { station, row } = await stationWithSource(url, key.publicKeyPath);
    const source = new HttpSource(url, { idleTimeoutMs: 5_000 });
    const before = snapshotOf(station);
    await expect(syncOnce(station, row(), source)).rejects.toThrow();
    expect(snapshotOf(station)).toEqual(before); // nothing applied from a half-fetched snapshot
    const result = await syncOnce(station, row(), source);
    expect(result).toMatchObject({ status: 'applied', added: 3_000 });
    // The second request asked only for the rest: at most one chunk was fetched twice.
    expect(served - snapshotSize).toBeLessThanOrEqual(64 * 1024);
    expect(station.db.prepare('SELECT count(*) FROM publications').pluck().get()).toBe(3_000);
  });

  it('refuses a snapshot with a malformed line, even correctly signed, before writing anything', async () => {
    const { key, feedDir } = await bigHub(50);
    const forged = copyFeed(feedDir);
    const root = readRoot(forged);
    const lines = fs.readFileSync(path.join(forged, root.snapshot!.path), 'utf8').split('\n');
    lines[40] = lines[40].replace('"kind":"legal"', '"kind":"spaceship"');
    const bytes = Buffer.from(lines.join('\n'));
    const sha = sha256Hex(bytes);
    fs.writeFileSync(path.join(forged, 'snapshots', `${sha}.jsonl`), bytes);
    const signed = signRoot({ ...root, snapshot: { ...root.snapshot!, path: `snapshots/${sha}.jsonl`, sha256: sha, size: bytes.length } }, key.privateKey);
    fs.writeFileSync(path.join(forged, signed.signaturePath), signed.signature);
    fs.writeFileSync(path.join(forged, 'root.json'), signed.bytes);
    expect(canonicalJson(JSON.parse(signed.bytes.toString('utf8')))).toBe(signed.bytes.toString('utf8'));

    const { station, row } = await stationWithSource(forged, key.publicKeyPath);
    const before = snapshotOf(station);
    const error = await syncOnce(station, row(), new FolderSource(forged), { snapshotBatch: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncRefusedError);
    expect((error as SyncRefusedError).code).toBe('bad_snapshot');
    expect((error as Error).message).toMatch(/publication 40 is malformed/);
    expect(snapshotOf(station)).toEqual(before);
  });

  it('adopts what the feed carries under a station-made id as national, and never deletes what the station made', async () => {
    const { hub, key, feedDir } = await bigHub(5);
    const { station, row } = await stationWithSource(feedDir, key.publicKeyPath);
    addMany(station, 3, 1, 'local'); // qd-00003: the same document the hub publishes, made here first
    addMany(station, 900, 1, 'local'); // qd-00900: the station's own, which the hub never had
    const mine = station.db.prepare("SELECT * FROM publications WHERE id = 'qd-00900'").get();
    const result = await syncOnce(station, row(), new FolderSource(feedDir));
    expect(result).toMatchObject({ added: 4, updated: 1, merged: 0 });
    expect(result.warning).toBeUndefined();
    expect(station.db.prepare("SELECT origin FROM publications WHERE id = 'qd-00003'").pluck().get()).toBe('national');

    hub.db.prepare("INSERT INTO changes (publication_id, op, changed_at) VALUES ('qd-00900', 'delete', ?)").run(new Date().toISOString());
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    const second = await syncOnce(station, getSource(station, row().id), new FolderSource(feedDir));
    expect(second).toMatchObject({ deleted: 0 });
    expect(station.db.prepare("SELECT * FROM publications WHERE id = 'qd-00900'").get()).toEqual(mine);
  });
});

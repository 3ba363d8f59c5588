import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPublication } from '../../../catalog/publications.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import type { DownloadProgress } from '../../../catalog/sync/download.js';
import { HttpSource } from '../../../catalog/sync/source.js';
import type { FeedSource } from '../../../catalog/sync/source.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { hubWith, stationWithSource } from './fixtures.js';

type Mode = 'plain' | 'cut-then-range' | 'cut-then-ignore-range' | 'corrupt' | 'too-long' | 'wrong-content-range';
const servers: http.Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** A feed server that misbehaves on files: cuts, ignores Range, corrupts. Records the files asked for and the Range headers it got. */
async function faultyServer(feedDir: string, mode: Mode, cutAfter: number) {
  const ranges: (string | undefined)[] = [];
  const files: string[] = [];
  const server = http.createServer((req, res) => {
    const file = path.join(feedDir, ...decodeURIComponent(req.url!.slice(1)).split('/'));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    const bytes = fs.readFileSync(file);
    if (req.url!.startsWith('/files/')) files.push(req.url!);
    if (!req.url!.startsWith('/files/') || mode === 'plain') return void res.writeHead(200).end(bytes);
    ranges.push(req.headers.range);
    const first = ranges.length === 1;
    if (mode === 'corrupt') return void res.writeHead(200, { 'Content-Length': bytes.length }).end(Buffer.from(bytes).fill(0x41, 10, 20));
    if (mode === 'too-long') return void res.writeHead(200).end(Buffer.concat([bytes, Buffer.from('extra')]));
    if (first) {
      res.writeHead(200, { 'Content-Length': bytes.length });
      res.write(bytes.subarray(0, cutAfter), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (mode === 'cut-then-ignore-range' || start === 0) return void res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
    if (mode === 'wrong-content-range' && ranges.length === 2) {
      return void res.writeHead(206, { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` }).end(bytes);
    }
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`, 'Content-Length': bytes.length - start }).end(bytes.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, ranges, files };
}

async function setup(mode: Mode) {
  const hub = await hubWith(['luat-1'], 300_000);
  const server = await faultyServer(hub.feedDir, mode, 100_000);
  const { station, row } = await stationWithSource(server.url, hub.key.publicKeyPath);
  const source = new HttpSource(server.url);
  await syncOnce(station, row(), source);
  const sha256 = getPublication(station.db, 'luat-1')!.files[0].sha256;
  const delays: number[] = [];
  const download = () => downloadPending(station, source, { baseDelayMs: 5, sleep: async (ms) => void delays.push(ms) });
  const state = () => station.db.prepare('SELECT state FROM files WHERE sha256 = ?').pluck().get(sha256);
  const part = path.join(station.layout.partial, `${sha256}.part`);
  return { hub, station, server, sha256, delays, download, state, part };
}

describe('downloading pending files', () => {
  it('resumes a cut download from the bytes already on disk, after a backoff', async () => {
    const t = await setup('cut-then-range');
    const result = await t.download();
    expect(result).toMatchObject({ downloaded: 1, failed: [] });
    expect(t.server.ranges[0]).toBeUndefined();
    const start = Number(/^bytes=(\d+)-$/.exec(t.server.ranges[1] ?? '')?.[1]);
    expect(start).toBeGreaterThan(0);
    expect(result.bytes).toBe(fs.statSync(t.hub.library.files.pathOf(t.sha256)).size - start); // only the rest was fetched again
    expect(t.delays).toEqual([5]);
    expect(t.state()).toBe('present');
    expect(fs.readFileSync(t.station.files.pathOf(t.sha256))).toEqual(fs.readFileSync(t.hub.library.files.pathOf(t.sha256)));
    expect(fs.existsSync(t.part)).toBe(false);
    expect(getPublication(t.station.db, 'luat-1')?.available).toBe(true);
  });

  it('resumes after the app restarts: the bytes already downloaded are kept', async () => {
    const t = await setup('cut-then-range');
    const first = await downloadPending(t.station, new HttpSource(t.server.url), { attempts: 1, baseDelayMs: 5, sleep: async () => undefined });
    expect(first.downloaded).toBe(0);
    const kept = fs.statSync(t.part).size;
    expect(kept).toBeGreaterThan(0);
    t.station.close();
    const reopened = await openTestLibrary(t.station.dir);
    expect(await downloadPending(reopened, new HttpSource(t.server.url), { baseDelayMs: 5, sleep: async () => undefined })).toMatchObject({ downloaded: 1, failed: [] });
    expect(t.server.ranges[1]).toBe(`bytes=${kept}-`);
    expect(reopened.db.prepare('SELECT state FROM files WHERE sha256 = ?').pluck().get(t.sha256)).toBe('present');
  });

  it('starts the file over when the server ignores Range (200), and still verifies it', async () => {
    const t = await setup('cut-then-ignore-range');
    expect(await t.download()).toMatchObject({ downloaded: 1, failed: [] });
    expect(Number(/^bytes=(\d+)-$/.exec(t.server.ranges[1] ?? '')?.[1])).toBeGreaterThan(0);
    expect(t.state()).toBe('present');
    expect(fs.readFileSync(t.station.files.pathOf(t.sha256))).toEqual(fs.readFileSync(t.hub.library.files.pathOf(t.sha256)));
  });

  it('starts over on a Content-Range that does not continue the bytes on disk', async () => {
    const t = await setup('wrong-content-range');
    expect(await t.download()).toMatchObject({ downloaded: 1, failed: [] });
    expect(t.server.ranges[2]).toBeUndefined(); // the third request asks from zero
    expect(t.state()).toBe('present');
  });

  it('leaves a corrupt file pending, deletes its .part and reports it', async () => {
    const t = await setup('corrupt');
    const result = await t.download();
    expect(result.downloaded).toBe(0);
    expect(result.failed).toEqual([{ sha256: t.sha256, reason: { key: 'sync.hashMismatch' } }]);
    expect(t.state()).toBe('pending');
    expect(fs.existsSync(t.part)).toBe(false);
    expect(await t.station.files.has(t.sha256)).toBe(false);
    expect(getPublication(t.station.db, 'luat-1')?.available).toBe(false);
  });

  it('never fetches a pending file that selective sync excluded (wanted = 0)', async () => {
    const hub = await hubWith(['luat-1', 'luat-2'], 1_000);
    const server = await faultyServer(hub.feedDir, 'plain', 0);
    const { station, row } = await stationWithSource(server.url, hub.key.publicKeyPath);
    const source = new HttpSource(server.url);
    await syncOnce(station, row(), source);
    const [kept, excluded] = ['luat-1', 'luat-2'].map((id) => getPublication(station.db, id)!.files[0].sha256);
    station.db.prepare('UPDATE files SET wanted = 0 WHERE sha256 = ?').run(excluded);
    const progress: DownloadProgress[] = [];

    const result = await downloadPending(station, source, { baseDelayMs: 5, onProgress: (p) => void progress.push(p) });
    expect(result).toMatchObject({ downloaded: 1, failed: [], stopped: false });
    expect(server.files).toEqual([`/files/${kept.slice(0, 2)}/${kept}`]);
    expect(progress.at(-1)).toMatchObject({ filesTotal: 1, filesDone: 1 });
    const state = (sha256: string) => station.db.prepare('SELECT state FROM files WHERE sha256 = ?').pluck().get(sha256);
    expect([state(kept), state(excluded)]).toEqual(['present', 'pending']);
    expect(await station.files.has(excluded)).toBe(false);
    expect(await downloadPending(station, source)).toMatchObject({ downloaded: 0, failed: [] });
    expect(server.files).toHaveLength(1);
  });

  it('does not mark present a file that selective sync excluded while it downloaded: the stored copy is deleted', async () => {
    const hub = await hubWith(['luat-1', 'luat-2'], 50_000);
    const server = await faultyServer(hub.feedDir, 'plain', 0);
    const { station, row } = await stationWithSource(server.url, hub.key.publicKeyPath);
    const http = new HttpSource(server.url);
    await syncOnce(station, row(), http);
    const [kept, excluded] = ['luat-1', 'luat-2'].map((id) => getPublication(station.db, id)!.files[0].sha256);
    // The exclusion lands while the file's request is in flight, after the run listed it as wanted.
    const source: FeedSource = {
      location: http.location,
      read: (feedPath, maxBytes) => http.read(feedPath, maxBytes),
      readRange: (feedPath, start, signal) => {
        if (feedPath.endsWith(excluded)) station.db.prepare('UPDATE files SET wanted = 0 WHERE sha256 = ?').run(excluded);
        return http.readRange(feedPath, start, signal);
      },
    };
    const progress: DownloadProgress[] = [];
    const result = await downloadPending(station, source, { onProgress: (p) => void progress.push(p) });
    expect(result).toMatchObject({ downloaded: 1, failed: [], stopped: false });
    expect(server.files).toHaveLength(2); // both fetched; only the kept one stored
    const row2 = (sha256: string) => station.db.prepare('SELECT state, wanted FROM files WHERE sha256 = ?').get(sha256);
    expect(row2(kept)).toEqual({ state: 'present', wanted: 1 });
    expect(row2(excluded)).toEqual({ state: 'pending', wanted: 0 });
    expect(await station.files.has(kept)).toBe(true);
    expect(fs.existsSync(station.files.pathOf(excluded))).toBe(false);
    expect(fs.readdirSync(station.layout.partial)).toEqual([]);
    expect(progress.at(-1)).toMatchObject({ filesTotal: 2, filesDone: 2 });
  });

  it('refuses more bytes than declared', async () => {
    const t = await setup('too-long');
    const result = await t.download();
    expect(result.failed[0].reason).toMatchObject({ key: 'sync.moreBytesThanDeclared' });
    expect(t.state()).toBe('pending');
    expect(fs.existsSync(t.part)).toBe(false);
  });
});

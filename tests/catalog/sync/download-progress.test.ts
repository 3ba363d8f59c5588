/**
 * Downloads with a bandwidth cap, progress reports and a stop, against real servers on
 * 127.0.0.1: the hub server for the cap and the progress, and a slow feed server (node:http,
 * Range support) that a stop interrupts mid-file. A stop keeps the .part, is not a failure,
 * starts no retry and no new file; the next run asks only for the bytes that are missing.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { listen } from '../../../catalog/http/server.js';
import type { RunningServer } from '../../../catalog/http/server.js';
import { getPublication } from '../../../catalog/publications.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { TokenBucket } from '../../../catalog/sync/throttle.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import type { DownloadProgress } from '../../../catalog/sync/download.js';
import { FolderSource, HttpSource } from '../../../catalog/sync/source.js';
import { hubWith, stationWithSource } from './fixtures.js';

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function serveHub(feedDir: string): Promise<RunningServer> {
  const server = await listen(createFeedApp(feedDir, ['127.0.0.1', 'localhost']), '127.0.0.1', 0);
  closers.push(() => server.close());
  return server;
}

/**
 * A feed server that sends files 16 KiB every 10 ms, honouring `Range: bytes=N-`. Records each
 * file request's Range and the bytes it sent for it; `onSent` sees the running total.
 */
async function slowServer(feedDir: string, onSent: (total: number) => void) {
  const log = { ranges: [] as (string | undefined)[], sent: [] as number[] };
  const server = http.createServer((req, res) => {
    const file = path.join(feedDir, ...decodeURIComponent(req.url!.slice(1)).split('/'));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    const bytes = fs.readFileSync(file);
    if (!req.url!.startsWith('/files/')) return void res.writeHead(200).end(bytes);
    const request = log.ranges.push(req.headers.range) - 1;
    log.sent[request] = 0;
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const headers = { 'Content-Length': bytes.length - start, ...(start > 0 ? { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}) };
    res.writeHead(start > 0 ? 206 : 200, headers);
    let at = start;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (at >= bytes.length) {
        clearInterval(timer);
        return void res.end();
      }
      const chunk = bytes.subarray(at, (at += 16 * 1024));
      log.sent[request] += chunk.length;
      res.write(chunk);
      onSent(log.sent.reduce((sum, n) => sum + n, 0));
    }, 10);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => void server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, log };
}

/** A station synced from `hub` through `location`, with its files pending. */
async function pendingStation(hub: Awaited<ReturnType<typeof hubWith>>, location: string, ids: string[]) {
  const { station, row } = await stationWithSource(location, hub.key.publicKeyPath);
  await syncOnce(station, row(), location.startsWith('http') ? new HttpSource(location) : new FolderSource(location));
  const files = ids.map((id) => getPublication(station.db, id)!.files[0]);
  const part = (sha256: string) => path.join(station.layout.partial, `${sha256}.part`);
  return { station, files, part };
}

const seconds = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const value = await run();
  return [(performance.now() - started) / 1000, value];
};

describe('a bandwidth cap', () => {
  // The bucket may fill to its burst (a quarter second at this rate) before the first byte, so
  // the shortest honest time is (bytes − burst) / rate.
  const rate = 500_000;
  const shortest = (bytes: number) => (bytes - new TokenBucket(rate).burst) / rate;

  it('holds a run to the cap: 300 KB at 500 KB/s takes at least (300 KB − burst) / rate', async () => {
    const hub = await hubWith(['luat-1'], 300_000);
    const server = await serveHub(hub.feedDir);
    const { station, files } = await pendingStation(hub, server.url, ['luat-1']);
    const source = new HttpSource(server.url);
    const [elapsed, result] = await seconds(() => downloadPending(station, source, { maxBytesPerSecond: rate }));
    expect(result).toMatchObject({ downloaded: 1, failed: [], stopped: false });
    expect(result.bytes).toBe(files[0].size);
    expect(elapsed).toBeGreaterThanOrEqual(shortest(result.bytes));
  });

  it('is shared by concurrent downloads: 4 × 150 KB at concurrency 4 take at least (600 KB − burst) / rate', async () => {
    const ids = ['luat-1', 'luat-2', 'luat-3', 'luat-4'];
    const hub = await hubWith(ids, 150_000);
    const server = await serveHub(hub.feedDir);
    const { station } = await pendingStation(hub, server.url, ids);
    const progress: DownloadProgress[] = [];
    const [elapsed, result] = await seconds(() =>
      downloadPending(station, new HttpSource(server.url), { concurrency: 4, maxBytesPerSecond: rate, onProgress: (p) => void progress.push(p) }),
    );
    expect(result).toMatchObject({ downloaded: 4, failed: [] });
    expect(elapsed).toBeGreaterThanOrEqual(shortest(result.bytes));
    expect(Math.max(...progress.map((p) => p.current.length))).toBe(4); // the four ran at once
  });
});

describe('progress reports', () => {
  it('count resumed bytes as done, never go back, and end equal to the totals', async () => {
    const ids = ['luat-1', 'luat-2', 'luat-3'];
    const hub = await hubWith(ids, 300_000);
    const server = await serveHub(hub.feedDir);
    const { station, files, part } = await pendingStation(hub, server.url, ids);
    fs.mkdirSync(station.layout.partial, { recursive: true });
    fs.writeFileSync(part(files[1].sha256), fs.readFileSync(hub.library.files.pathOf(files[1].sha256)).subarray(0, 100_000));
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const progress: DownloadProgress[] = [];

    const [elapsed, result] = await seconds(() =>
      downloadPending(station, new HttpSource(server.url), {
        concurrency: 2,
        maxBytesPerSecond: 1_500_000,
        onProgress: (p) => void progress.push(p),
      }),
    );
    expect(result).toMatchObject({ downloaded: 3, failed: [], bytes: total - 100_000 });
    expect(progress[0]).toMatchObject({ filesDone: 0, filesFailed: 0, filesTotal: 3, bytesDone: 100_000, bytesTotal: total, current: [] });
    expect(progress.at(-1)).toEqual({ filesDone: 3, filesFailed: 0, filesTotal: 3, bytesDone: total, bytesTotal: total, bytesPerSecond: expect.any(Number), secondsLeft: 0, current: [] });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < progress.length; i += 1) {
      expect(progress[i].bytesDone).toBeGreaterThanOrEqual(progress[i - 1].bytesDone);
      expect(progress[i].filesDone).toBeGreaterThanOrEqual(progress[i - 1].filesDone);
    }
    // About every 250 ms, not once per chunk received: one report at the start, one at the end and
    // at most one per 250 ms of the run between them (+1 for a timer firing a hair early). A busy
    // machine only makes them rarer.
    expect(progress.length).toBeLessThanOrEqual(2 + Math.floor((elapsed * 1000) / 250) + 1);
    const middle = progress.slice(1, -1);
    expect(middle.some((p) => p.bytesPerSecond > 0 && p.secondsLeft !== null && p.secondsLeft > 0)).toBe(true);
    expect(middle.some((p) => p.current.length > 0)).toBe(true);
  });
});

describe('a stop', () => {
  it('ends the request in flight, keeps its .part, starts no retry nor new file; the next run fetches only the rest', async () => {
    const hub = await hubWith(['luat-1', 'luat-2'], 300_000);
    const controller = new AbortController();
    const server = await slowServer(hub.feedDir, (sent) => sent >= 100_000 && controller.abort());
    const { station, files, part } = await pendingStation(hub, server.url, ['luat-1', 'luat-2']);
    const [first] = [...files].sort((a, b) => a.sha256.localeCompare(b.sha256));
    const delays: number[] = [];

    const stopped = await downloadPending(station, new HttpSource(server.url), { concurrency: 1, attempts: 5, sleep: async (ms) => void delays.push(ms), signal: controller.signal });
    expect(stopped).toEqual({ downloaded: 0, bytes: 0, failed: [], stopped: true });
    expect(delays).toEqual([]);
    expect(server.log.ranges).toEqual([undefined]); // one request: no retry, the second file never started
    // The request in flight was ended: the server stopped sending the file part way.
    expect(server.log.sent[0]).toBeLessThan(first.size);
    const kept = fs.statSync(part(first.sha256)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(first.size);
    expect(station.db.prepare("SELECT count(*) FROM files WHERE state = 'pending'").pluck().get()).toBe(2);

    const progress: DownloadProgress[] = [];
    const resumed = await downloadPending(station, new HttpSource(server.url), { concurrency: 1, onProgress: (p) => void progress.push(p) });
    expect(resumed).toMatchObject({ downloaded: 2, failed: [], stopped: false });
    expect(server.log.ranges.slice(1)).toEqual([`bytes=${kept}-`, undefined]);
    const total = files[0].size + files[1].size;
    expect(server.log.sent.slice(1).reduce((sum, n) => sum + n, 0)).toBe(total - kept);
    expect(resumed.bytes).toBe(total - kept);
    expect(progress[0].bytesDone).toBe(kept);
    expect(fs.readFileSync(station.files.pathOf(first.sha256))).toEqual(fs.readFileSync(hub.library.files.pathOf(first.sha256)));
    expect(fs.readdirSync(station.layout.partial)).toEqual([]);
  });

  it('works on a folder source (a USB drive): its read stream is closed and the .part kept', async () => {
    const hub = await hubWith(['luat-1'], 300_000);
    const { station, files, part } = await pendingStation(hub, hub.feedDir, ['luat-1']);
    const controller = new AbortController();
    const source = new FolderSource(hub.feedDir);
    const stopped = await downloadPending(station, source, {
      maxBytesPerSecond: 500_000,
      signal: controller.signal,
      onProgress: (p) => p.bytesDone > 0 && controller.abort(),
    });
    expect(stopped).toMatchObject({ downloaded: 0, failed: [], stopped: true });
    const kept = fs.statSync(part(files[0].sha256)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(files[0].size);

    const resumed = await downloadPending(station, source);
    expect(resumed).toMatchObject({ downloaded: 1, failed: [], bytes: files[0].size - kept });
    expect(station.info()).toMatchObject({ filesPresent: 1, filesPending: 0 });
  });

  it('before the run: nothing starts and the run says it stopped', async () => {
    const hub = await hubWith(['luat-1'], 1_000);
    const { station } = await pendingStation(hub, hub.feedDir, ['luat-1']);
    const result = await downloadPending(station, new FolderSource(hub.feedDir), { signal: AbortSignal.abort() });
    expect(result).toEqual({ downloaded: 0, bytes: 0, failed: [], stopped: true });
    expect(fs.readdirSync(station.layout.partial)).toEqual([]);
  });
});

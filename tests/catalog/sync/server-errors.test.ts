/**
 * Server errors and timeouts (issue 4 § Faults): a feed server that answers 503 (then recovers,
 * or never does), one that accepts and stays silent, and one that trickles bytes forever.
 * Downloads retry with growing, capped, never-zero backoff and a bounded number of attempts;
 * the idle and total timeouts fire; a 503 root makes syncOnce fail clearly and change nothing.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { FolderSource, HttpSource } from '../../../catalog/sync/source.js';
import { hubWith, snapshotOf, stationWithSource } from './fixtures.js';

const closers: (() => void)[] = [];
afterAll(() => closers.forEach((close) => close()));

type Mode = { files503: number; root503?: boolean } | 'silent' | 'trickle';

/** Serves a feed folder, misbehaving as `mode` says; counts the connections and the requests for files. */
async function server(feedDir: string, mode: Mode) {
  const requests = { files: 0, root: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const feedPath = decodeURIComponent(req.url!.slice(1));
    const isFile = feedPath.startsWith('files/');
    if (isFile) requests.files += 1;
    if (feedPath === 'root.json') requests.root += 1;
    if (typeof mode === 'object' && ((isFile && requests.files <= mode.files503) || (mode.root503 && feedPath === 'root.json'))) {
      return void res.writeHead(503, { 'Retry-After': '1' }).end('busy');
    }
    const file = path.join(feedDir, ...feedPath.split('/'));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    const bytes = fs.readFileSync(file);
    if (mode === 'trickle' && isFile) {
      res.writeHead(200, { 'Content-Length': bytes.length });
      let at = 0;
      const timer = setInterval(() => (at < bytes.length && !res.destroyed ? res.write(bytes.subarray(at, (at += 1))) : clearInterval(timer)), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
  };
  const listener: net.Server = mode === 'silent' ? net.createServer(() => {}) : http.createServer(serve);
  listener.on('connection', (socket: net.Socket) => {
    requests.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    listener.close();
  });
  return { url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/`, requests };
}

/** A station that has the hub's metadata (from the folder) and one file pending. */
async function pendingStation() {
  const hub = await hubWith(['luat-1'], 50_000);
  const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
  await syncOnce(station, row(), new FolderSource(hub.feedDir));
  const delays: number[] = [];
  const sleep = async (ms: number) => void delays.push(ms);
  return { hub, station, row, delays, sleep };
}

/** Every delay positive and at most the cap; strictly growing until the cap, then flat at it. */
function expectBackoff(delays: number[], cap: number) {
  for (const [i, delay] of delays.entries()) {
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(cap);
    if (i > 0) expect(delay > delays[i - 1] || (delay === cap && delays[i - 1] === cap), `delays ${delays.join(',')}`).toBe(true);
  }
}

describe('server errors and timeouts', () => {
  it('503 then recovery: the download retries with growing backoff and completes', async () => {
    const t = await pendingStation();
    const feed = await server(t.hub.feedDir, { files503: 4 });
    const result = await downloadPending(t.station, new HttpSource(feed.url), { attempts: 8, baseDelayMs: 5, maxDelayMs: 1_000, sleep: t.sleep });
    expect(result).toMatchObject({ downloaded: 1, failed: [] });
    expect(feed.requests.files).toBe(5);
    expect(t.delays).toEqual([5, 10, 20, 40]);
    expectBackoff(t.delays, 1_000);
    expect(t.station.info()).toMatchObject({ filesPresent: 1, filesPending: 0 });
  });

  it('503 for ever: bounded attempts, capped delays, never zero even with a zero base; the file stays pending', async () => {
    const t = await pendingStation();
    const feed = await server(t.hub.feedDir, { files503: Infinity });
    const before = snapshotOf(t.station);
    const result = await downloadPending(t.station, new HttpSource(feed.url), { attempts: 7, baseDelayMs: 5, maxDelayMs: 30, sleep: t.sleep });
    expect(result.downloaded).toBe(0);
    expect(result.failed[0].reason).toMatchObject({ key: 'sync.serverAnswered', params: { status: 503 } });
    expect(feed.requests.files).toBe(7);
    expect(t.delays).toEqual([5, 10, 20, 30, 30, 30]);
    expectBackoff(t.delays, 30);
    expect(snapshotOf(t.station)).toEqual(before);
    expect(t.station.info()).toMatchObject({ filesPresent: 0, filesPending: 1 });

    t.delays.length = 0;
    await downloadPending(t.station, new HttpSource(feed.url), { attempts: 4, baseDelayMs: 0, maxDelayMs: 0, sleep: t.sleep });
    expect(t.delays).toHaveLength(3);
    for (const delay of t.delays) expect(delay).toBeGreaterThan(0); // no tight loop, whatever the options
  });

  it('a server that accepts and stays silent: the idle timeout fires, each attempt, and the download gives up', async () => {
    const t = await pendingStation();
    const feed = await server(t.hub.feedDir, 'silent');
    // Without the idle timeout the silent server would hold the download for ever (the test's
    // own timeout would fail it); the reason and the retries say which timeout ended each attempt.
    const result = await downloadPending(t.station, new HttpSource(feed.url, { idleTimeoutMs: 100 }), { attempts: 3, baseDelayMs: 5, sleep: t.sleep });
    expect(result.downloaded).toBe(0);
    expect(result.failed[0].reason).toMatchObject({ key: 'sync.timedOut' });
    expect(feed.requests.connections).toBe(3);
    expect(t.delays).toEqual([5, 10]);
    expect(t.station.info()).toMatchObject({ filesPending: 1 });
    expect(fs.readdirSync(t.station.layout.partial)).toEqual([]);

    const before = snapshotOf(t.station);
    const error = await syncOnce(t.station, t.row(), new HttpSource(feed.url, { idleTimeoutMs: 100 })).catch((thrown: Error) => thrown);
    expect(String(error)).toMatch(/Hết thời gian chờ: .* \/ Timed out: /);
    expect(snapshotOf(t.station)).toEqual(before);
  });

  it('a server that trickles a byte at a time: the total timeout fires though the idle one never does', async () => {
    const t = await pendingStation();
    const feed = await server(t.hub.feedDir, 'trickle');
    // A byte every 20 ms: the 50 KB file would take 17 minutes, and the idle timeout never fires.
    const result = await downloadPending(t.station, new HttpSource(feed.url, { idleTimeoutMs: 1_000, totalTimeoutMs: 300 }), { attempts: 2, baseDelayMs: 5, sleep: t.sleep });
    expect(result.downloaded).toBe(0);
    expect(result.failed[0].reason).toMatchObject({ key: 'sync.tookTooLong', params: { ms: 300 } });
    expect(t.station.info()).toMatchObject({ filesPending: 1 });
  });

  it('syncOnce on a root that answers 503 fails with a clear message and changes nothing', async () => {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const feed = await server(hub.feedDir, { files503: 0, root503: true });
    const { station, row } = await stationWithSource(feed.url, hub.key.publicKeyPath);
    const before = snapshotOf(station);
    await expect(syncOnce(station, row(), new HttpSource(feed.url))).rejects.toThrow(/^Máy chủ trả lời 503: .*root\.json \/ Server answered 503: .*root\.json$/);
    expect(snapshotOf(station)).toEqual(before);
    expect(row()).toMatchObject({ last_change: null, last_sequence: null, last_root_sha256: null });
    expect(feed.requests.root).toBe(1);
  });
});

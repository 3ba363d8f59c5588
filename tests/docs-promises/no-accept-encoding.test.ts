/**
 * docs/feed.md § Behind any static server: "The station sends no `Accept-Encoding`" — a server
 * or CDN must hand it the bytes as published, since the root's signature and every sha256 are
 * over those bytes. A station syncs a hub's feed (root, signature, pages, files) through a proxy
 * on 127.0.0.1 that notes every request's headers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { syncOnce } from '../../catalog/sync/apply.js';
import { downloadPending } from '../../catalog/sync/download.js';
import { HttpSource } from '../../catalog/sync/source.js';
import { hubWith, serveFeed, stationWithSource } from '../catalog/sync/fixtures.js';

const proxies: http.Server[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await new Promise((resolve) => proxy.close(resolve));
});

/** A proxy to `target` that records the path and headers of each request it passes on. */
async function recordingProxy(target: string) {
  const seen: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  const upstream = new URL(target);
  const proxy = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  proxies.push(proxy);
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`, seen };
}

describe('a station fetching a feed', () => {
  it('never asks for a compressed answer: no Accept-Encoding on the root, its signature, pages or files', async () => {
    const hub = await hubWith(['luat-1', 'luat-2'], 2_000);
    const server = await serveFeed(hub.feedDir);
    const proxy = await recordingProxy(`${server.url}/`);
    const { station, row } = await stationWithSource(proxy.url, hub.key.publicKeyPath);
    const source = new HttpSource(proxy.url);
    expect(await syncOnce(station, row(), source)).toMatchObject({ added: 2 });
    expect(await downloadPending(station, source, { baseDelayMs: 1 })).toMatchObject({ downloaded: 2 });

    const paths = proxy.seen.map((request) => request.path);
    expect(paths).toContain('/root.json');
    for (const kind of ['/signatures/', '/pages/', '/files/']) expect(paths.some((p) => p.startsWith(kind)), kind).toBe(true);
    expect(proxy.seen.filter((request) => 'accept-encoding' in request.headers)).toEqual([]);
  });
});

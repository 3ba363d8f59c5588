/**
 * HttpSource on node:http: redirects followed across 127.0.0.1 ports (Range kept, at most five
 * hops), the redirect decision (http(s) only, never from https down to http), and one kept-alive
 * connection for a source's successive requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpSource, SourceError, redirectTarget } from '../../../catalog/sync/source.js';

const FILE = `files/ab/${'ab'.repeat(32)}`;
const BYTES = Buffer.from('0123456789abcdefghij');
const closers: (() => void)[] = [];
afterAll(() => closers.forEach((close) => close()));

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  const log = { connections: 0 };
  server.on('connection', () => (log.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, log };
}

/** Serves BYTES at every path, with Range support; records the Range headers it got. */
async function origin() {
  const ranges: (string | undefined)[] = [];
  const server = await serve((req, res) => {
    ranges.push(req.headers.range);
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (start === 0) return void res.writeHead(200, { 'Content-Length': BYTES.length }).end(BYTES);
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${BYTES.length - 1}/${BYTES.length}`, 'Content-Length': BYTES.length - start }).end(BYTES.subarray(start));
  });
  return { ...server, ranges };
}

/** Answers every request with `status` and a Location on `target` (same path), or on itself when `target` is null. */
async function redirecting(status: number, target: string | null) {
  let self = '';
  const server = await serve((req, res) => void res.writeHead(status, { Location: new URL(req.url!.slice(1), target ?? self).toString() }).end('moved'));
  self = server.url;
  return server;
}

const read = async (body: AsyncIterable<Uint8Array>) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
};

describe('HttpSource redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows a %i to another port, keeping the Range', async (status) => {
    const target = await origin();
    const hop = await redirecting(status, target.url);
    const source = new HttpSource(hop.url);
    expect(Buffer.from(await source.read(FILE, 100))).toEqual(BYTES);
    const range = await source.readRange(FILE, 5);
    expect(range.start).toBe(5);
    expect(await read(range.body)).toEqual(BYTES.subarray(5));
    expect(target.ranges).toEqual([undefined, 'bytes=5-']);
  });

  it('follows up to five hops and refuses a sixth', async () => {
    const target = await origin();
    let next = target.url;
    for (let i = 0; i < 5; i += 1) next = (await redirecting(302, next)).url;
    expect(Buffer.from(await new HttpSource(next).read(FILE, 100))).toEqual(BYTES);
    const loop = await redirecting(302, null);
    const error = await new HttpSource(loop.url).read(FILE, 100).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ ref: { key: 'sync.tooManyRedirects', params: { max: 5 } } });
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    const hop = await serve((_req, res) => void res.writeHead(302, { Location: 'file:///etc/passwd' }).end());
    await expect(new HttpSource(hop.url).read(FILE, 100)).rejects.toMatchObject({ ref: { key: 'sync.redirectNotHttp', params: { to: 'file:' } } });
  });
});

describe('the redirect decision', () => {
  const from = (url: string) => new URL(url);

  it('never goes from https down to http', () => {
    expect(() => redirectTarget(from('https://hub.example/feed/root.json'), 'http://hub.example/feed/root.json')).toThrow(
      /Từ chối chuyển hướng từ https xuống http: .* \/ Refused a redirect from https down to http: /,
    );
  });

  it('allows http to https, https to https, and resolves a relative Location', () => {
    expect(redirectTarget(from('http://hub.example/feed/root.json'), 'https://mirror.example/root.json').href).toBe('https://mirror.example/root.json');
    expect(redirectTarget(from('https://hub.example/feed/files/ab/x'), '../mirror/x').href).toBe('https://hub.example/feed/files/mirror/x');
  });

  it('refuses a missing or unparsable Location and other schemes', () => {
    expect(() => redirectTarget(from('http://hub.example/a'), undefined)).toThrow(/Redirect without a valid Location/);
    expect(() => redirectTarget(from('http://hub.example/a'), 'http://[bad')).toThrow(/Redirect without a valid Location/);
    expect(() => redirectTarget(from('http://hub.example/a'), 'ftp://hub.example/a')).toThrow(/Redirects only to http\(s\) URLs/);
  });
});

describe('HttpSource connections', () => {
  it('keeps one connection alive across a source’s successive requests', async () => {
    const target = await origin();
    const source = new HttpSource(target.url);
    for (let i = 0; i < 3; i += 1) expect(Buffer.from(await source.read(FILE, 100))).toEqual(BYTES);
    expect(await read((await source.readRange(FILE, 3)).body)).toEqual(BYTES.subarray(3));
    expect(target.log.connections).toBe(1);
  });

  it('refuses a document whose Content-Length is over the limit before reading it', async () => {
    const target = await origin();
    await expect(new HttpSource(target.url).read(FILE, 10)).rejects.toMatchObject({ tooLarge: true, ref: { key: 'sync.documentTooLarge', params: { max: 10 } } });
  });
});

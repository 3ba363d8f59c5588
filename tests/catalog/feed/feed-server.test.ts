import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedHandler } from '../../../catalog/feed/feed-server.js';
import { publish } from '../../../catalog/feed/publish.js';
import { listen } from '../../../catalog/http/server.js';
import type { RunningServer } from '../../../catalog/http/server.js';
import { rawRequest } from '../../helpers/raw-http.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { keys, libraryWith } from './fixtures.js';

const base = tempDir();
const outDir = path.join(base, 'feed');
const handler = createFeedHandler(outDir);
const get = (pathname: string, headers: Record<string, string> = {}) => handler(new Request(`http://hub${pathname}`, { headers }));
let fileUrl = '';
let fileBytes = Buffer.alloc(0);
let server: RunningServer;

beforeAll(async () => {
  const library = await libraryWith(1);
  await publish(library, { outDir, privateKey: keys().privateKey });
  const [sha256] = library.db.prepare('SELECT sha256 FROM files').pluck().all() as string[];
  fileUrl = `/files/${sha256.slice(0, 2)}/${sha256}`;
  fileBytes = fs.readFileSync(library.files.pathOf(sha256));
  fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(outDir, 'escape.json'));
  const app = new Hono();
  app.all('*', (c) => handler(c.req.raw));
  server = await listen(app, '127.0.0.1', 0);
});
afterAll(() => server?.close());

describe('serving a feed folder', () => {
  it('serves the root uncached and content-addressed paths as immutable, with JSON types', async () => {
    const root = await get('/root.json');
    expect(root.status).toBe(200);
    expect(root.headers.get('cache-control')).toBe('no-cache');
    expect(root.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const parsed = JSON.parse(await root.text()) as { pages: { path: string; sha256: string }[] };
    const page = await get(`/${parsed.pages[0].path}`);
    expect(page.headers.get('cache-control')).toContain('immutable');
    expect(page.headers.get('etag')).toBe(`"${parsed.pages[0].sha256}"`);
    expect((await get('/opds/root.json')).headers.get('content-type')).toBe('application/opds+json; charset=utf-8');
    const file = await get(fileUrl);
    expect(file.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(fileBytes);
  });

  it('answers one byte range with 206, an impossible one with 416, and a matching ETag with 304', async () => {
    const partial = await get(fileUrl, { Range: 'bytes=2-5' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 2-5/${fileBytes.length}`);
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(fileBytes.subarray(2, 6));
    const tooFar = await get(fileUrl, { Range: `bytes=${fileBytes.length}-` });
    expect(tooFar.status).toBe(416);
    expect(tooFar.headers.get('content-range')).toBe(`bytes */${fileBytes.length}`);
    const etag = (await get(fileUrl)).headers.get('etag')!;
    expect((await get(fileUrl, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(fileUrl, { Range: 'bytes=0-1', 'If-Range': '"other"' })).status).toBe(200);
  });

  it('refuses other methods', async () => {
    expect((await handler(new Request('http://hub/root.json', { method: 'PUT', body: 'x' }))).status).toBe(405);
  });

  it('never serves outside the feed folder, nor temporary files', async () => {
    for (const pathname of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/pages/..%2f..%2fsecret.txt', '/%252e%252e/secret.txt', '/..%5csecret.txt', '/root.json%00', '/escape.json', '/files', '/']) {
      expect((await get(pathname)).status, pathname).toBe(404);
    }
    fs.writeFileSync(path.join(outDir, 'root.json.abc.tmp'), '{}');
    expect((await get('/root.json.abc.tmp')).status).toBe(404);
  });

  it('refuses traversal sent raw over a socket, where no URL parser normalises it', async () => {
    for (const target of ['/../secret.txt', '/../../etc/passwd', '/..%2fsecret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..\\secret.txt', '/files/../../secret.txt']) {
      const response = await rawRequest(server.port, `GET ${target} HTTP/1.1`);
      expect([400, 404], target).toContain(response.status);
      expect(response.text).not.toContain('secret');
    }
    expect((await rawRequest(server.port, 'GET /root.json HTTP/1.1')).status).toBe(200);
  });
});

/**
 * Serves a feed folder over HTTP, as any static server or CDN could: GET and HEAD only, one
 * byte range, ETags, `no-cache` for the root (it changes) and `immutable` for content-addressed
 * paths (pages, snapshots, signatures, files). Paths are checked like the UI's static files and
 * must resolve, symlinks included, inside the feed folder.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { COMMON_HEADERS, FILE_CONTENT_SECURITY_POLICY, errorResponse } from '../http/headers.js';
import type { FetchHandler } from '../http/files.js';
import { parseRange } from '../http/range.js';
import { resolveStaticPath } from '../http/static.js';
import { hostGuard } from '../http/server.js';
import { Hono } from 'hono';

const IMMUTABLE = /^\/(pages|snapshots|signatures)\/[0-9a-f]{64}\.json$|^\/files\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

function contentTypeOf(pathname: string): string {
  if (pathname.startsWith('/opds/') && pathname.endsWith('.json')) return 'application/opds+json; charset=utf-8';
  if (pathname.endsWith('.json')) return 'application/json; charset=utf-8';
  if (pathname.endsWith('.png')) return 'image/png';
  return 'application/octet-stream';
}

/** The file for a request path, or null when it is not a safe path to an existing file in the feed. */
async function feedFile(feedDir: string, pathname: string): Promise<{ file: string; size: number; mtimeMs: number } | null> {
  const resolved = resolveStaticPath(feedDir, pathname);
  if (!resolved || resolved.endsWith('.tmp')) return null;
  try {
    const [real, base] = await Promise.all([fs.realpath(resolved), fs.realpath(feedDir)]);
    if (!real.startsWith(base + path.sep)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? { file: real, size: stat.size, mtimeMs: stat.mtimeMs } : null;
  } catch {
    return null;
  }
}

export function createFeedHandler(feedDir: string): FetchHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse({ code: 'bad_request', message: 'Chỉ GET, HEAD / Only GET and HEAD' }, 405, { Allow: 'GET, HEAD' });
    }
    const { pathname } = new URL(request.url);
    const found = await feedFile(feedDir, pathname);
    if (!found) return errorResponse({ code: 'not_found', message: 'Không tìm thấy / Not found' }, 404);
    const immutable = IMMUTABLE.test(pathname);
    // Content-addressed files are named by their hash; others change with each publish.
    const etag = immutable ? `"${path.basename(pathname, '.json')}"` : `"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      ...COMMON_HEADERS,
      // A feed is public: other origins (web OPDS readers, mirrors) may read it.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'Content-Type': contentTypeOf(pathname),
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    const ifRange = request.headers.get('if-range');
    const range = ifRange && ifRange !== etag ? { kind: 'full' as const } : parseRange(request.headers.get('range'), found.size);
    if (range.kind === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${found.size}` } });
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, found.size - 1];
    const length = found.size === 0 ? 0 : end - start + 1;
    headers['Content-Length'] = String(length);
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${found.size}`;
    const status = range.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
    const body = Readable.toWeb(createReadStream(found.file, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(body, { status, headers });
  };
}

/** A hub's HTTP app: the feed folder, to the host names it listens on. */
export function createHubApp(feedDir: string, allowedHostnames: readonly string[]): Hono {
  const app = new Hono();
  app.use('*', hostGuard(allowedHostnames));
  const handler = createFeedHandler(feedDir);
  app.all('*', (c) => handler(c.req.raw));
  return app;
}

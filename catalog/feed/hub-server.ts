/**
 * Serves a feed folder over HTTP, as any static server or CDN could: GET and HEAD only, one
 * byte range, ETags, `no-cache` for the root (it changes) and `immutable` for content-addressed
 * paths (pages, snapshots, signatures, files). Paths are checked like the UI's static files and
 * must resolve, symlinks included, inside the feed folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { COMMON_HEADERS, FILE_CONTENT_SECURITY_POLICY, errorResponse } from '../http/headers.js';
import { rangedFileResponse } from '../http/files.js';
import type { FetchHandler } from '../http/files.js';
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
    return rangedFileResponse(request, found.file, found.size, etag, {
      ...COMMON_HEADERS,
      // A feed is public: other origins (web OPDS readers, mirrors) may read it.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'Content-Type': contentTypeOf(pathname),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY,
    });
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

/**
 * Serves a feed folder over HTTP, as any static server or CDN could: GET and HEAD only, one
 * byte range, ETags, `no-cache` for the root (it changes) and `immutable` for content-addressed
 * paths (pages, snapshots, signatures, thesaurus additions, files, texts). Paths are checked like the UI's static files and
 * must resolve, symlinks included, inside the feed folder. The same handler serves any resolver:
 * a station offers its verified feed to the next station on the LAN (catalog/sync/station-feed.ts).
 * `createFeedApp` is what `bookshelf serve --hub` runs: the feed folder, with the hub's own routes
 * (catalog/hub/routes.ts) mounted before it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { COMMON_HEADERS, FILE_CONTENT_SECURITY_POLICY, methodNotAllowed, refusalResponse } from '../http/headers.js';
import { rangedFileResponse } from '../http/files.js';
import type { FetchHandler } from '../http/files.js';
import { resolveStaticPath } from '../http/static.js';
import { hostGuard } from '../http/server.js';
import { isTempName } from '../store/atomic-write.js';
import { Hono } from 'hono';

const IMMUTABLE = /^\/(pages|signatures)\/[0-9a-f]{64}\.json$|^\/snapshots\/[0-9a-f]{64}\.jsonl$|^\/thesaurus\/[0-9a-f]{64}\.txt$|^\/(files|texts)\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

function contentTypeOf(pathname: string): string {
  if (pathname.startsWith('/opds/') && pathname.endsWith('.json')) return 'application/opds+json; charset=utf-8';
  if (pathname.endsWith('.json')) return 'application/json; charset=utf-8';
  if (pathname.endsWith('.jsonl')) return 'application/jsonl; charset=utf-8';
  if (pathname.endsWith('.png')) return 'image/png';
  if (pathname.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/** A file found for a feed path. */
export interface FeedFile {
  file: string;
  size: number;
  mtimeMs: number;
}

/** Finds the file for a request path (e.g. '/root.json'), or null when there is none to serve. */
export type FeedResolver = (pathname: string) => Promise<FeedFile | null>;

/** The file for a request path, or null when it is not a safe path to an existing file in the feed. */
async function feedFile(feedDir: string, pathname: string): Promise<FeedFile | null> {
  const resolved = resolveStaticPath(feedDir, pathname);
  if (!resolved || isTempName(resolved)) return null;
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
  return createFeedHandlerWith((pathname) => feedFile(feedDir, pathname));
}

/** The same handler over any resolver (a station serves its cached feed and its file store). */
export function createFeedHandlerWith(resolve: FeedResolver, prefix = ''): FetchHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(request, 'GET, HEAD');
    const notFound = () => refusalResponse(request, 404, 'not_found', { key: 'error.not_found' });
    const { pathname: full } = new URL(request.url);
    if (!full.startsWith(`${prefix}/`)) return notFound();
    const pathname = full.slice(prefix.length);
    const found = await resolve(pathname);
    if (!found) return notFound();
    const immutable = IMMUTABLE.test(pathname);
    // Content-addressed files are named by their hash; others change with each publish.
    const etag = immutable ? `"${/[0-9a-f]{64}/.exec(pathname)?.[0]}"` : `"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
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

/** The HTTP app of a feed folder, to the host names it listens on; `mount` adds routes before it (a hub's uploads, catalog/hub/routes.ts). */
export function createFeedApp(feedDir: string, allowedHostnames: readonly string[], mount?: (app: Hono) => void): Hono {
  const app = new Hono();
  app.use('*', hostGuard(allowedHostnames));
  mount?.(app);
  const handler = createFeedHandler(feedDir);
  app.all('*', (c) => handler(c.req.raw));
  return app;
}

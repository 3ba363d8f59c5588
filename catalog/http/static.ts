/**
 * Serves the built renderer (index.html and its assets) from one folder, for the HTTP server
 * and Electron's app:// protocol alike. Paths are decoded once and must stay inside the folder:
 * `..`, backslashes, NUL and encoded separators are refused, and so are symlinks leading out.
 * A folder without its index.html (the UI never built) answers the page with a page that says
 * so and how to build it (./ui-not-built.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { COMMON_HEADERS, UI_CONTENT_SECURITY_POLICY, refusalResponse } from './headers.js';
import type { FetchHandler } from './files.js';
import { uiNotBuiltResponse } from './ui-not-built.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

/** The file under `root` for a URL path, or null when the path is not a safe, known shape. */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (/[\\\0]/.test(decoded) || /%2f|%5c/i.test(pathname)) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  const resolved = path.resolve(root, ...segments);
  const base = path.resolve(root);
  return resolved.startsWith(base + path.sep) ? resolved : null;
}

export function createStaticHandler(root: string): FetchHandler {
  return async (request) => {
    const notFound = () => refusalResponse(request, 404, 'not_found', { key: 'error.not_found' });
    const file = resolveStaticPath(root, new URL(request.url).pathname);
    if (!file) return notFound();
    let body: Buffer;
    try {
      // A symlink inside the folder may not lead out of it.
      const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
      if (!real.startsWith(realRoot + path.sep)) return notFound();
      body = await fs.readFile(real);
    } catch {
      return file === path.resolve(root, 'index.html') ? uiNotBuiltResponse(request) : notFound();
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': type,
        // Vite names files under assets/ by content hash; anything else is revalidated.
        'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(isHtml ? { 'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
      },
    });
  };
}

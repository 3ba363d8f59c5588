/**
 * The fetch-style file handler (Request → Response) behind both the HTTP server and Electron's
 * app:// protocol. It serves only `/files/<sha256>` and `/publications/<id>/file`, only files
 * the catalog lists as present, with single-range support, strong ETags and a sandbox CSP.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Library } from '../library.js';
import { contentFileOf, fileRecord } from '../publications.js';
import { SHA256_PATTERN } from '../../shared/urls.js';
import type { PublicationFile } from '../../shared/domain.js';
import { COMMON_HEADERS, FILE_CONTENT_SECURITY_POLICY, methodNotAllowed, refusalResponse } from './headers.js';
import { parseRange } from './range.js';

export type FetchHandler = (request: Request) => Promise<Response>;

const FILE_ROUTE = /^\/files\/([^/]+)$/;
const PUBLICATION_FILE_ROUTE = /^\/publications\/([^/]+)\/file$/;

export function isFileRoute(pathname: string): boolean {
  return FILE_ROUTE.test(pathname) || PUBLICATION_FILE_ROUTE.test(pathname);
}

export function createFileHandler(library: Library): FetchHandler {
  return async (request) => {
    const notFound = () => refusalResponse(request, 404, 'not_found', { key: 'error.not_found' });
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(request, 'GET, HEAD');
    const { pathname } = new URL(request.url);
    let file: PublicationFile | null = null;
    let immutable = false;
    const byHash = FILE_ROUTE.exec(pathname);
    const byPublication = PUBLICATION_FILE_ROUTE.exec(pathname);
    if (byHash) {
      if (!SHA256_PATTERN.test(byHash[1])) return notFound();
      file = fileRecord(library.db, byHash[1]);
      immutable = true;
    } else if (byPublication) {
      let id: string;
      try {
        id = decodeURIComponent(byPublication[1]);
      } catch {
        return notFound();
      }
      file = contentFileOf(library.db, id);
    }
    if (!file || file.state !== 'present') return notFound();
    const size = await library.files.sizeOf(file.sha256);
    if (size !== file.size) return notFound();
    return fileResponse(request, library.files.pathOf(file.sha256), file, immutable);
  };
}

function fileResponse(request: Request, diskPath: string, file: PublicationFile, immutable: boolean): Response {
  return rangedFileResponse(request, diskPath, file.size, `"${file.sha256}"`, {
    ...COMMON_HEADERS,
    'Content-Type': file.mediaType,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY,
  });
}

/**
 * A file from disk as a response: If-None-Match (304), If-Range, one byte range (206) or 416,
 * HEAD, and the body streamed. Shared by the catalog's files and a hub's feed folder.
 */
export function rangedFileResponse(request: Request, diskPath: string, size: number, etag: string, baseHeaders: Record<string, string>): Response {
  const headers: Record<string, string> = { ...baseHeaders, 'Accept-Ranges': 'bytes', ETag: etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const ifRange = request.headers.get('if-range');
  const range = ifRange && ifRange !== etag ? { kind: 'full' as const } : parseRange(request.headers.get('range'), size);
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  const length = size === 0 ? 0 : end - start + 1;
  headers['Content-Length'] = String(length);
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = range.kind === 'partial' ? 206 : 200;
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(diskPath, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

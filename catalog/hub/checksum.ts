/**
 * The tus checksum extension on the hub, in front of @tus/server (which does not implement it):
 * every request that carries data — a PATCH, or a creating POST with a body (creation-with-upload)
 * — must carry `Upload-Checksum: sha256|sha1 <base64>`; its body (one chunk, bounded) is read
 * whole and hashed before tus sees a byte. A mismatch is answered 460 and nothing is written, so
 * the offset stays where it was and the station sends the chunk again. A POST's body must also
 * declare its length (Content-Length): a chunked body without one is refused (411) before tus
 * sees it. OPTIONS advertises the extension. A refusal is the usual error envelope, in the language the
 * request asks for.
 */
import { createHash } from 'node:crypto';
import type { MessageRef } from '../../shared/messages.js';
import { refusalResponse } from '../http/headers.js';
import { boundedBody } from './bounded-body.js';

export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const ALGORITHMS = new Set(['sha256', 'sha1']);

function refuse(request: Request, status: number, ref: MessageRef): Response {
  return refusalResponse(request, status, 'bad_request', ref, { 'Tus-Resumable': '1.0.0' });
}

/** Whether a request has a body: a declared length above zero, or a chunked one. */
function carriesData(request: Request): boolean {
  return Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.has('transfer-encoding');
}

/** The request's chunk, read whole and checked against its Upload-Checksum; or the refusal. */
async function checkedChunk(request: Request, maxChunkBytes: number): Promise<Buffer | Response> {
  const declared = /^(\S+) ([A-Za-z0-9+/=]+)$/.exec(request.headers.get('upload-checksum') ?? '');
  if (!declared) return refuse(request, 400, { key: 'hub.checksumRequired' });
  if (!ALGORITHMS.has(declared[1])) return refuse(request, 400, { key: 'hub.checksumAlgorithm' });
  if (Number(request.headers.get('content-length') ?? 0) > maxChunkBytes) return refuse(request, 413, { key: 'hub.chunkTooLarge' });
  // A link cut mid-chunk ends the read: nothing is written, the offset stays.
  const body = await boundedBody(request, maxChunkBytes).catch(() => undefined);
  if (body === undefined) return refuse(request, 400, { key: 'hub.chunkCut' });
  if (body === null) return refuse(request, 413, { key: 'hub.chunkTooLarge' });
  if (createHash(declared[1]).update(body).digest('base64') !== declared[2]) return refuse(request, 460, { key: 'hub.chunkDamaged' });
  return body;
}

/** Checks the chunk of a PATCH or of a creating POST against its declared checksum, then hands the request to `next`. */
export function withChecksums(next: (request: Request) => Promise<Response>, maxChunkBytes = MAX_CHUNK_BYTES) {
  return async (request: Request): Promise<Response> => {
    if (request.method === 'OPTIONS') {
      const response = await next(request);
      const extensions = response.headers.get('Tus-Extension');
      if (extensions) response.headers.set('Tus-Extension', `${extensions},checksum`);
      response.headers.set('Tus-Checksum-Algorithm', [...ALGORITHMS].join(','));
      return response;
    }
    const creating = request.method === 'POST' && carriesData(request);
    if (request.method !== 'PATCH' && !creating) return next(request);
    if (creating && request.headers.get('content-length') === null) return refuse(request, 411, { key: 'hub.dataLength' });
    const body = await checkedChunk(request, maxChunkBytes);
    if (body instanceof Response) return body;
    const headers = new Headers(request.headers);
    headers.delete('transfer-encoding');
    headers.set('content-length', String(body.length));
    return next(new Request(request.url, { method: request.method, headers, body }));
  };
}

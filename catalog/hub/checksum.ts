/**
 * The tus checksum extension on the hub, in front of @tus/server (which does not implement it):
 * a PATCH must carry `Upload-Checksum: sha256|sha1 <base64>`; its body (one chunk, bounded) is
 * read whole and hashed before tus sees a byte. A mismatch is answered 460 and nothing is
 * written, so the offset stays where it was and the station sends the chunk again. A POST may not
 * carry data (creation-with-upload would skip the check). OPTIONS advertises the extension.
 * A refusal is the usual error envelope, in the language the request asks for.
 */
import { createHash } from 'node:crypto';
import type { MessageRef } from '../../shared/messages.js';
import { refusalResponse } from '../http/headers.js';

export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const ALGORITHMS = new Set(['sha256', 'sha1']);

function refuse(request: Request, status: number, ref: MessageRef): Response {
  return refusalResponse(request, status, 'bad_request', ref, { 'Tus-Resumable': '1.0.0' });
}

/** The request body, or null when it is longer than `max` bytes. */
async function boundedBody(request: Request, max: number): Promise<Buffer | null> {
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/** Checks a PATCH's chunk against its declared checksum, then hands the request to `next`. */
export function withChecksums(next: (request: Request) => Promise<Response>, maxChunkBytes = MAX_CHUNK_BYTES) {
  return async (request: Request): Promise<Response> => {
    if (request.method === 'OPTIONS') {
      const response = await next(request);
      const extensions = response.headers.get('Tus-Extension');
      if (extensions) response.headers.set('Tus-Extension', `${extensions},checksum`);
      response.headers.set('Tus-Checksum-Algorithm', [...ALGORITHMS].join(','));
      return response;
    }
    if (request.method === 'POST' && Number(request.headers.get('content-length') ?? 0) > 0) {
      return refuse(request, 400, { key: 'hub.dataWithPatch' });
    }
    if (request.method !== 'PATCH') return next(request);
    const declared = /^(\S+) ([A-Za-z0-9+/=]+)$/.exec(request.headers.get('upload-checksum') ?? '');
    if (!declared) return refuse(request, 400, { key: 'hub.checksumRequired' });
    if (!ALGORITHMS.has(declared[1])) return refuse(request, 400, { key: 'hub.checksumAlgorithm' });
    if (Number(request.headers.get('content-length') ?? 0) > maxChunkBytes) return refuse(request, 413, { key: 'hub.chunkTooLarge' });
    // A link cut mid-chunk ends the read: nothing is written, the offset stays.
    const body = await boundedBody(request, maxChunkBytes).catch(() => undefined);
    if (body === undefined) return refuse(request, 400, { key: 'hub.chunkCut' });
    if (body === null) return refuse(request, 413, { key: 'hub.chunkTooLarge' });
    if (createHash(declared[1]).update(body).digest('base64') !== declared[2]) {
      return refuse(request, 460, { key: 'hub.chunkDamaged' });
    }
    const headers = new Headers(request.headers);
    headers.set('content-length', String(body.length));
    return next(new Request(request.url, { method: 'PATCH', headers, body }));
  };
}

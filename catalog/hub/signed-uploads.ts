/**
 * The door of the hub's tus endpoint (catalog/hub/uploads.ts hands it every request first):
 * each request but OPTIONS must be signed by an approved station (./station-auth.ts) — a
 * creation covering `upload-length` and `upload-metadata`, a PATCH `upload-offset`, a PATCH whose
 * body is not its digest answered 460 like a damaged chunk so the station sends it again. A
 * creation must name the signing station in its metadata (else 403) and is kept under the name
 * the hub approved, whatever name it carries; a request on an upload must come from the station
 * that created it (another's is answered 404, as one that does not exist). Unsigned requests
 * are refused before a byte of their body is read. A creation must also fit the station's
 * quotas and the room on the hub's disk (./upload-room.ts): 429 or 507 with Retry-After, else
 * the upload it creates counts in the station's uploads of the day.
 */
import type { FileStore } from '@tus/file-store';
import type { Library } from '../library.js';
import { MAX_CHUNK_BYTES } from './checksum.js';
import { checkStationRequest, isRefusal, refusalOf, withBody } from './station-auth.js';
import type { Refusal } from './station-auth.js';
import { dropStationUploads } from './station-uploads.js';
import { stationRow } from './stations.js';
import { countUploadCreated } from './quotas.js';
import type { UploadRoom } from './upload-room.js';

const TUS_HEADERS = { 'Tus-Resumable': '1.0.0' };
const COVERS: Record<string, readonly string[]> = { POST: ['upload-length', 'upload-metadata'], PATCH: ['upload-offset'] };

/** The tus Upload-Metadata pairs (`key base64value`, comma separated), decoded; null when malformed. */
export function readMetadata(header: string): Map<string, string> | null {
  const pairs = new Map<string, string>();
  for (const pair of header.split(',')) {
    const [key, value, extra] = pair.trim().split(' ');
    if (!key || extra !== undefined) return null;
    pairs.set(key, Buffer.from(value ?? '', 'base64').toString('utf8'));
  }
  return pairs;
}

export const encodeMetadata = (pairs: Map<string, string>) => [...pairs].map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`).join(',');

/** A creation's metadata with the signing station's id checked and the name the hub approved; or the refusal. */
function creationHeaders(request: Request, station: { station_id: string; name: string }): Headers | Refusal {
  const metadata = readMetadata(request.headers.get('upload-metadata') ?? '');
  if (metadata?.get('stationId') !== station.station_id) return { status: 403, ref: { key: 'hub.notYourStation' } };
  metadata.set('stationName', station.name);
  const headers = new Headers(request.headers);
  headers.set('upload-metadata', encodeMetadata(metadata));
  return headers;
}

/** The upload id a request is about (/uploads/<id>), or null for the collection. */
function uploadIdIn(request: Request): string | null {
  const [, id] = /^\/uploads\/([^/]+)\/?$/.exec(new URL(request.url).pathname) ?? [];
  return id ?? null;
}

/** The length a creation declares, or null when it declares none tus would take (tus refuses it). */
function declaredLength(request: Request): number | null {
  const length = Number(request.headers.get('upload-length') ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

export interface SignedUploadParts {
  datastore: FileStore;
  room: UploadRoom;
  now: () => Date;
}

export function withStationSignatures(library: Library, { datastore, room, now }: SignedUploadParts, next: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    if (request.method === 'OPTIONS') return next(request);
    const signed = await checkStationRequest(library, request, {
      now,
      maxBodyBytes: MAX_CHUNK_BYTES,
      covers: COVERS[request.method] ?? [],
      damaged: request.method === 'PATCH' ? { status: 460, ref: { key: 'hub.chunkDamaged' } } : undefined,
      headers: TUS_HEADERS,
    });
    if (signed instanceof Response) return signed;
    const { station } = signed;
    let forward = signed.request;
    const id = uploadIdIn(request);
    if (request.method === 'POST') {
      const headers = creationHeaders(request, station);
      if (isRefusal(headers)) return refusalOf(request, headers, TUS_HEADERS);
      const length = declaredLength(request);
      const refused = length === null ? null : await room.admit(station.station_id, length);
      if (refused) return refusalOf(request, refused, TUS_HEADERS);
      forward = withBody(request, signed.body, headers);
    } else if (id !== null) {
      const upload = await datastore.configstore.get(id);
      if (upload && upload.metadata?.stationId !== station.station_id) return refusalOf(request, { status: 404, ref: { key: 'hub.noUpload' } }, TUS_HEADERS);
    }
    const response = await next(forward);
    if (request.method === 'POST' && response.status === 201) countUploadCreated(library.db, station.station_id, now());
    // Revoked while this request was on its way: what it finished is dropped with the rest.
    if (stationRow(library.db, station.station_id)?.state === 'revoked') await dropStationUploads(library, station.station_id);
    return response;
  };
}

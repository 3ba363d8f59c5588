/**
 * The hub's upload endpoint: tus 1.0 (@tus/server with @tus/file-store under
 * `<library>/hub-uploads/`, so an upload survives a hub restart and resumes from its offset),
 * checksummed chunks (./checksum.ts), a size bound, quotas per station and a free-space floor
 * with unfinished uploads expiring after a week, sooner when the disk is low (./upload-room.ts). An
 * upload is checked when it is created (media type, sha256, the description, the station; its
 * words made plain, ./plain-metadata.ts) and again when its last byte arrives: the sha256 of the
 * bytes must be the declared one (else 460 and the upload is dropped: the station starts a new
 * one), and the whole file must really be a sound PDF or EPUB (./content-check.ts, else 415 and
 * the upload is dropped). Only then does it enter the moderation queue (./moderation.ts). A
 * refusal is the usual error envelope in the request's language: the station keeps its reference.
 * Stations are not browsers: no answer carries CORS headers.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { Upload } from '@tus/server';
import type { Library } from '../library.js';
import { durably } from '../db/durable.js';
import { sha256File } from '../store/hash.js';
import type { MessageRef } from '../../shared/messages.js';
import { SHA256_HEX, UPLOAD_MEDIA_TYPES, uploadDescriptionSchema } from '../../shared/outbox.js';
import { wireErrorFor } from '../http/headers.js';
import { withChecksums } from './checksum.js';
import { withStationSignatures } from './signed-uploads.js';
import { isRefusal } from './station-auth.js';
import type { Refusal } from './station-auth.js';
import { UPLOAD_EXPIRY_MS, UploadRoom, statfsReader } from './upload-room.js';
import type { DiskReader } from './upload-room.js';
import { contentProblem, oneAtATime } from './content-check.js';
import { plainDescription } from './plain-metadata.js';
import { plainLine } from '../../shared/text.js';

export const UPLOADS_ROUTE = '/uploads';
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** An answer @tus/server sends as is (its hooks read status_code and body): the error envelope in the request's language. */
class HubRefusal extends Error {
  readonly body: string;

  constructor(
    request: Request,
    readonly status_code: number,
    ref: MessageRef,
  ) {
    const error = wireErrorFor(request, 'bad_request', ref);
    super(error.message);
    this.body = JSON.stringify({ ok: false, error });
  }
}

export function hubUploadsDir(library: Library): string {
  return path.join(library.dir, 'hub-uploads');
}

/** Removes an upload's bytes and its tus record. */
export async function removeUploadFiles(library: Library, id: string): Promise<void> {
  if (!/^[0-9a-f]{32}$/.test(id)) return;
  const dir = hubUploadsDir(library);
  await Promise.all([fs.rm(path.join(dir, id), { force: true }), fs.rm(path.join(dir, `${id}.json`), { force: true })]);
}

export interface CheckedMetadata {
  sha256: string;
  mediaType: string;
  fileName: string;
  stationId: string;
  stationName: string;
  description: ReturnType<typeof uploadDescriptionSchema.parse>;
}

const refused = (status: number, ref: MessageRef): Refusal => ({ status, ref });

/** An upload's metadata (tus Upload-Metadata, decoded) checked and made plain, or why it is refused; a network upload's and a USB bundle item's alike. */
export function checkedMetadata(meta: Record<string, string | null | undefined>, size: number | undefined): CheckedMetadata | Refusal {
  if (size === undefined) return refused(400, { key: 'hub.lengthRequired' });
  const mediaType = meta.filetype ?? '';
  if (!(UPLOAD_MEDIA_TYPES as readonly string[]).includes(mediaType)) return refused(415, { key: 'hub.onlyPdfEpub' });
  const sha256 = meta.sha256 ?? '';
  if (!SHA256_HEX.test(sha256)) return refused(422, { key: 'hub.sha256Missing' });
  const stationId = meta.stationId ?? '';
  const stationName = plainLine(meta.stationName ?? '');
  if (!/^[0-9a-f]{32}$/.test(stationId) || !stationName || stationName.length > 200) return refused(422, { key: 'hub.stationMissing' });
  let description;
  try {
    description = uploadDescriptionSchema.parse(plainDescription(uploadDescriptionSchema.parse(JSON.parse(meta.description ?? ''))));
  } catch {
    return refused(422, { key: 'hub.descriptionInvalid' });
  }
  // The id is the station's publication id: refused, never altered, when it holds control characters.
  if (plainLine(description.id) !== description.id) return refused(422, { key: 'hub.descriptionInvalid' });
  const fileName = (meta.filename ?? '').replace(/[^\w.-]+/g, '_').slice(0, 200) || `${description.id}.pdf`;
  return { sha256, mediaType, fileName, stationId, stationName, description };
}

function checkMetadata(request: Request, upload: Upload): CheckedMetadata {
  const checked = checkedMetadata(upload.metadata ?? {}, upload.size);
  if (isRefusal(checked)) throw new HubRefusal(request, checked.status, checked.ref);
  return checked;
}

/** A whole, checked upload enters the moderation queue, pending (in the caller's transaction); false when that id is there already. */
export function queueForModeration(library: Library, id: string, checked: CheckedMetadata, size: number, at: Date): boolean {
  const inserted = library.db
    .prepare(
      `INSERT OR IGNORE INTO hub_uploads (id, station_id, station_name, publication_id, title, description, sha256, size, media_type, file_name, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, checked.stationId, checked.stationName, checked.description.id, checked.description.title, JSON.stringify(checked.description), checked.sha256, size, checked.mediaType, checked.fileName, at.toISOString());
  return inserted.changes === 1;
}

/** The CORS headers @tus/server still sets (expose, allow methods and headers, max age) removed: they are for browsers. */
function withoutCors(response: Response): Response {
  for (const name of [...response.headers.keys()]) if (name.startsWith('access-control-')) response.headers.delete(name);
  return response;
}

export interface UploadEndpointOptions {
  maxBytes?: number;
  now?: () => Date;
  /** Reads the free space of the hub's disk (default: statfs of the library folder); tests give a reading. */
  disk?: DiskReader;
}

/** The fetch handler for /uploads/… and what the hub must call at start (expired uploads removed). */
export function createUploadEndpoint(library: Library, options: UploadEndpointOptions = {}) {
  const directory = hubUploadsDir(library);
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  const now = options.now ?? (() => new Date());
  const room = new UploadRoom({ db: library.db, dir: directory, disk: options.disk ?? statfsReader(library.dir), now, remove: (id) => removeUploadFiles(library, id) });
  const checkContent = oneAtATime(contentProblem);
  const server = new Server({
    path: UPLOADS_ROUTE,
    datastore,
    maxSize: options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    relativeLocation: true,
    // No origin is trusted: without this @tus/server answers every request `Access-Control-Allow-Origin: *`.
    allowedOrigins: () => false,
    onUploadCreate: async (request, upload) => {
      checkMetadata(request, upload);
      return {};
    },
    onUploadFinish: async (request, upload) => {
      const checked = checkMetadata(request, upload);
      const file = upload.storage?.path ?? path.join(directory, upload.id);
      if ((await sha256File(file)).sha256 !== checked.sha256) {
        await datastore.remove(upload.id);
        throw new HubRefusal(request, 460, { key: 'hub.fileDamaged' });
      }
      const problem = await checkContent(file, checked.mediaType);
      if (problem) {
        await datastore.remove(upload.id);
        throw new HubRefusal(request, 415, problem);
      }
      durably(library.db, () => queueForModeration(library, upload.id, checked, upload.size as number, now()));
      return {};
    },
  });
  // Stations only: each request signed by an approved station before anything else (./signed-uploads.ts).
  const handle = withStationSignatures(library, { datastore, room, now }, withChecksums((request) => server.handleWeb(request)));
  return {
    handle: async (request: Request) => withoutCors(await handle(request)),
    /** Removes the unfinished uploads that expired (never one waiting for moderation); returns how many. */
    cleanUpExpired: () => room.sweep(),
  };
}

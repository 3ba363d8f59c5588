/**
 * One item of a USB bundle taken in at a hub, held to what a network upload is held to
 * (docs/uploads.md § USB bundles): its signed creation (`items/<id>.json`) must carry one
 * signature of the network's profile covering the method, path, Content-Digest, Upload-Length and
 * Upload-Metadata, by the station that signed the manifest, made within the bundle window, over
 * fields that name this upload id, this station and the manifest's sha256, size and type; the
 * description checked and made plain as for a tus creation (./uploads.ts `checkedMetadata`) and
 * kept under the name the hub approved. The item must not be taken already (its upload id in the
 * queue, whatever was decided since, or the same document of the same station waiting or
 * approved), and must fit the station's quotas and the hub's disk as a creation must
 * (./upload-room.ts). Then its file is copied into hub-uploads/ while hashed — a file truncated or
 * changed by one byte is not its Content-Digest — checked whole as a PDF or EPUB
 * (./content-check.ts), put in place and queued, pending, counted in the station's uploads of the
 * day. A refusal writes nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Library } from '../library.js';
import { durably } from '../db/durable.js';
import { moveIntoPlace } from '../store/atomic-write.js';
import { declaredDigest } from '../station-auth/content-digest.js';
import { readSignature, verifyMessage } from '../station-auth/message-signature.js';
import type { MessageRef } from '../../shared/messages.js';
import { BUNDLE_COMPONENTS, FILES_DIR, ITEMS_DIR, MAX_ITEM_BYTES, creationParts, creationSchema, itemFileName } from '../outbox/bundle-format.js';
import type { BundleCreation, BundleEntry, BundleManifest } from '../outbox/bundle-format.js';
import { copyHashed } from '../outbox/bundle-files.js';
import type { contentProblem } from './content-check.js';
import { outsideWindow, readBounded } from './bundle-open.js';
import { countUploadCreated } from './quotas.js';
import { readMetadata } from './signed-uploads.js';
import { STATE_REFUSALS, isRefusal } from './station-auth.js';
import { ed25519Key, stationRow } from './stations.js';
import type { StationRow } from './stations.js';
import type { UploadRoom } from './upload-room.js';
import { DEFAULT_MAX_UPLOAD_BYTES, checkedMetadata, hubUploadsDir, queueForModeration, removeUploadFiles } from './uploads.js';
import type { CheckedMetadata } from './uploads.js';

/** What every item of one bundle is checked against. */
export interface BundleContext {
  library: Library;
  dir: string;
  manifest: BundleManifest;
  station: StationRow;
  room: UploadRoom;
  checkContent: typeof contentProblem;
  now: () => Date;
}

const mismatch: MessageRef = { key: 'usbBundle.itemMismatch' };

async function readCreation(dir: string, uploadId: string): Promise<BundleCreation | null> {
  const bytes = await readBounded(path.join(dir, ITEMS_DIR, `${uploadId}.json`), MAX_ITEM_BYTES);
  try {
    return creationSchema.parse(JSON.parse((bytes ?? Buffer.alloc(0)).toString('utf8')));
  } catch {
    return null;
  }
}

/** Why the creation's signature does not hold (see the module's comment), or null. */
function signatureProblem(creation: BundleCreation, { manifest, station, now }: BundleContext): MessageRef | null {
  const received = readSignature(creation['signature-input'], creation.signature);
  if (typeof received === 'string') return { key: 'hub.signatureMalformed' };
  const missing = BUNDLE_COMPONENTS.filter((name) => !received.components.includes(name));
  if (missing.length) return { key: 'hub.signatureIncomplete', params: { components: missing.join(' ') } };
  if (received.keyId !== manifest.stationId) return { key: 'hub.notYourStation' };
  const late = outsideWindow(received.created, Math.floor(now().getTime() / 1000));
  if (late) return late;
  return verifyMessage(received, creationParts(creation), ed25519Key(station.public_key as string)) ? null : { key: 'hub.signatureInvalid' };
}

/** The creation's fields checked against the manifest's entry and made plain, or why not. */
function describedUpload(creation: BundleCreation, entry: BundleEntry, station: StationRow): CheckedMetadata | MessageRef {
  const metadata = readMetadata(creation['upload-metadata']);
  if (!metadata) return { key: 'usbBundle.itemInvalid' };
  if (metadata.get('uploadId') !== entry.uploadId) return mismatch;
  if (metadata.get('stationId') !== station.station_id) return { key: 'hub.notYourStation' };
  const size = Number(creation['upload-length']);
  const checked = checkedMetadata(Object.fromEntries(metadata), size);
  if (isRefusal(checked)) return checked.ref;
  if (checked.sha256 !== entry.sha256 || checked.mediaType !== entry.mediaType || size !== entry.size) return mismatch;
  if (declaredDigest(creation['content-digest'])?.toString('hex') !== checked.sha256) return mismatch;
  if (size > DEFAULT_MAX_UPLOAD_BYTES) return { key: 'usbBundle.tooLarge', params: { megabytes: Math.round(DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024) } };
  return { ...checked, stationName: station.name };
}

/** Whether the hub holds this upload already, or the same document from the same station waiting or approved. */
function alreadyTaken(library: Library, uploadId: string, checked: CheckedMetadata): boolean {
  const found = library.db
    .prepare(
      `SELECT 1 FROM hub_uploads WHERE id = @uploadId
         OR (station_id = @stationId AND publication_id = @publicationId AND sha256 = @sha256 AND state IN ('pending', 'approved'))`,
    )
    .get({ uploadId, stationId: checked.stationId, publicationId: checked.description.id, sha256: checked.sha256 });
  return found !== undefined;
}

/** Copies the item's file into hub-uploads/ and checks it there; the refusal, or null with the file in place. */
async function placeFile(context: BundleContext, entry: BundleEntry, checked: CheckedMetadata): Promise<MessageRef | null> {
  const uploads = hubUploadsDir(context.library);
  await fs.mkdir(uploads, { recursive: true });
  const source = path.join(context.dir, FILES_DIR, itemFileName(entry.uploadId, checked.mediaType));
  if (!(await fs.stat(source).catch(() => null))?.isFile()) return { key: 'usbBundle.fileMissing' };
  const temp = path.join(uploads, `.bundle-${entry.uploadId}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const copied = await copyHashed(source, temp, entry.size);
    if (copied.size !== entry.size || copied.sha256 !== checked.sha256) return { key: 'hub.fileDamaged' };
    const problem = await context.checkContent(temp, checked.mediaType);
    if (problem) return problem;
    await moveIntoPlace(temp, path.join(uploads, entry.uploadId));
    return null;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Takes one item of an opened bundle into the moderation queue; null when taken, else why it was refused. */
export async function takeItem(context: BundleContext, entry: BundleEntry): Promise<MessageRef | null> {
  const { library, station, now } = context;
  const creation = await readCreation(context.dir, entry.uploadId);
  if (!creation) return { key: 'usbBundle.itemInvalid' };
  const unsigned = signatureProblem(creation, context);
  if (unsigned) return unsigned;
  const checked = describedUpload(creation, entry, station);
  if (!('sha256' in checked)) return checked;
  if (alreadyTaken(library, entry.uploadId, checked)) return { key: 'usbBundle.alreadyTaken' };
  const over = await context.room.admit(station.station_id, entry.size);
  if (over) return over.ref;
  const refused = await placeFile(context, entry, checked);
  if (refused) return refused;
  const why = durably(library.db, (): MessageRef | null => {
    // Revoked while its file was checked: nothing of it is kept.
    const state = stationRow(library.db, station.station_id)?.state ?? 'unenrolled';
    if (state !== 'approved') return { key: STATE_REFUSALS[state] };
    if (!queueForModeration(library, entry.uploadId, checked, entry.size, now())) return { key: 'usbBundle.alreadyTaken' };
    countUploadCreated(library.db, station.station_id, now());
    return null;
  });
  // Refused at the last moment: the file goes, unless it is the same upload already waiting (taken by an import alongside).
  const waiting = library.db.prepare(`SELECT 1 FROM hub_uploads WHERE id = ? AND state = 'pending'`).get(entry.uploadId) !== undefined;
  if (why && !waiting) await removeUploadFiles(library, entry.uploadId);
  return why;
}

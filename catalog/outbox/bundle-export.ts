/**
 * A station with no network carries its outbox to the hub on a USB drive (docs/uploads.md § USB
 * bundles): `outbox.exportBundle {folder}` / `bookshelf outbox --export-bundle DIR` copies every
 * item waiting to be sent (waiting, or failed) into a new bundle folder on the drive
 * (./bundle-format.ts), each file copied while hashed and checked against the sha256 it was
 * queued with, each item's creation and the manifest signed with the station's key. The bundle
 * is written under a hidden name and renamed whole once every file and folder is fsynced, so a
 * drive pulled half-way holds no bundle that looks whole. Only then are the items marked
 * carried: state `sent` with the bundle's upload URL `usb-bundle:<bundle>/<upload id>` (the
 * outbox asks the hub about it like any upload it sent, once it has a network) and the reason
 * `usbBundle.carried`, so they never go again over the network. A missing folder, a read-only or
 * full drive: a translated error, the drive cleaned of the half bundle, the outbox untouched.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Library } from '../library.js';
import { durably } from '../db/durable.js';
import { storeRef } from '../db/stored-refs.js';
import { localDay } from '../reads.js';
import { fsyncDirectory } from '../store/atomic-write.js';
import { stationKey } from '../station-auth/station-key.js';
import { encodeMetadata } from '../hub/signed-uploads.js';
import { AppError } from '../../shared/errors.js';
import type { MessageRef } from '../../shared/messages.js';
import type { BundleExport } from '../../shared/contract/outbox.js';
import { BUNDLE_FORMAT, FILES_DIR, ITEMS_DIR, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, MAX_BUNDLE_ITEMS, bundleDirName, itemFileName, signCreation, signManifest } from './bundle-format.js';
import type { BundleManifest } from './bundle-format.js';
import { copyHashed, writeSynced } from './bundle-files.js';
import { outboxSettings } from './settings.js';
import type { OutboxRow } from './store.js';

/** The URL an item carried in a bundle keeps: its last segment is the upload id the hub files it under. */
export const carriedUrl = (bundleId: string, uploadId: string) => `usb-bundle:${bundleId}/${uploadId}`;

/** Items waiting to be sent, oldest first, as many as a bundle holds (the rest go in the next): queued, or failed (whatever the hub holds of a network try expires there). */
function waitingRows(library: Library): OutboxRow[] {
  return library.db.prepare(`SELECT * FROM outbox WHERE state IN ('waiting', 'failed') ORDER BY id LIMIT ?`).all(MAX_BUNDLE_ITEMS) as OutboxRow[];
}

/** A file-system failure on the drive, in words. */
function driveProblem(error: unknown, folder: string): MessageRef {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { key: 'usbBundle.noFolder', params: { folder } };
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { key: 'usbBundle.readOnly', params: { folder } };
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return { key: 'usbBundle.diskFull', params: { folder } };
  return { key: 'usbBundle.writeFailed', params: { folder, detail: code ?? (error as Error).message.split('\n')[0] } };
}

interface Carried {
  row: OutboxRow;
  uploadId: string;
}

/** Writes the bundle's content into `dir` (a new, hidden folder): files, signed items, then the signed manifest. */
async function writeBundle(library: Library, dir: string, bundleId: string, rows: OutboxRow[], now: Date): Promise<Carried[]> {
  const key = await stationKey(library);
  const { stationName } = outboxSettings(library);
  const createdSeconds = Math.floor(now.getTime() / 1000);
  await fs.mkdir(path.join(dir, FILES_DIR));
  await fs.mkdir(path.join(dir, ITEMS_DIR));
  const carried: Carried[] = [];
  for (const row of rows) {
    const uploadId = randomBytes(16).toString('hex');
    const copied = await copyHashed(library.files.pathOf(row.sha256), path.join(dir, FILES_DIR, itemFileName(uploadId, row.media_type)));
    if (copied.sha256 !== row.sha256 || copied.size !== row.size) throw new AppError('conflict', { key: 'usbBundle.fileDamaged', params: { title: row.title } });
    const metadata = new Map([
      ['filename', row.file_name],
      ['filetype', row.media_type],
      ['sha256', row.sha256],
      ['description', row.description],
      ['stationId', key.keyId],
      ['stationName', stationName],
      ['uploadId', uploadId],
    ]);
    const fields = {
      'content-digest': `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`,
      'upload-length': String(row.size),
      'upload-metadata': encodeMetadata(metadata),
    };
    await writeSynced(path.join(dir, ITEMS_DIR, `${uploadId}.json`), JSON.stringify(signCreation(fields, key, createdSeconds)));
    carried.push({ row, uploadId });
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    bundleId,
    stationId: key.keyId,
    stationName,
    createdAt: now.toISOString(),
    items: carried.map(({ row, uploadId }) => ({ uploadId, title: row.title.slice(0, 1000), mediaType: row.media_type as BundleManifest['items'][number]['mediaType'], sha256: row.sha256, size: row.size })),
  };
  const bytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  await writeSynced(path.join(dir, MANIFEST_FILE), bytes);
  await writeSynced(path.join(dir, MANIFEST_SIGNATURE_FILE), signManifest(bytes, key));
  for (const sub of [FILES_DIR, ITEMS_DIR, '.']) await fsyncDirectory(path.join(dir, sub));
  return carried;
}

/** Marks the items carried (only those still waiting: one that began to go over the network meanwhile goes on so). */
function markCarried(library: Library, bundleId: string, bundleName: string, carried: Carried[], now: Date): void {
  const reason = storeRef({ key: 'usbBundle.carried', params: { bundle: bundleName } });
  durably(library.db, () => {
    const mark = library.db.prepare(
      `UPDATE outbox SET state = 'sent', upload_url = @url, reason = @reason, bytes_sent = size, next_attempt_at = NULL, updated_at = @at
       WHERE id = @id AND state IN ('waiting', 'failed')`,
    );
    for (const { row, uploadId } of carried) mark.run({ id: row.id, url: carriedUrl(bundleId, uploadId), reason, at: now.toISOString() });
  });
}

/** Copies the outbox's waiting items into a new bundle in `folder`; see the module's comment. */
export async function exportBundle(library: Library, folder: string, now = new Date()): Promise<BundleExport> {
  const target = path.resolve(folder);
  const stat = await fs.stat(target).catch((error: unknown) => {
    throw new AppError('bad_request', driveProblem(error, folder));
  });
  if (!stat.isDirectory()) throw new AppError('bad_request', { key: 'usbBundle.noFolder', params: { folder } });
  const rows = waitingRows(library);
  if (!rows.length) return { bundle: null, folder: null, items: 0, bytes: 0 };
  const bundleId = randomBytes(16).toString('hex');
  const name = bundleDirName(localDay(now), bundleId);
  const hidden = path.join(target, `.${name}.partial`);
  const final = path.join(target, name);
  let carried: Carried[];
  try {
    await fs.mkdir(hidden);
    carried = await writeBundle(library, hidden, bundleId, rows, now);
    await fs.rename(hidden, final);
    await fsyncDirectory(target);
  } catch (error) {
    await fs.rm(hidden, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', driveProblem(error, folder));
  }
  markCarried(library, bundleId, name, carried, now);
  return { bundle: name, folder: final, items: carried.length, bytes: carried.reduce((sum, { row }) => sum + row.size, 0) };
}

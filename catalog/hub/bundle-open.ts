/**
 * A hub opening USB bundles of uploads (catalog/outbox/bundle-format.ts): the bundles in a folder
 * (the folder itself when it holds a manifest, else its `tu-sach-gui-len-*` folders; a hidden one
 * being written or cut off by a pulled drive is not a bundle), and each bundle's manifest checked
 * before any item is read: bounded, in the format, signed over its exact bytes by the key the hub
 * approved for the station it names, that station approved, and made within the bundle window
 * (BUNDLE_WINDOW_DAYS back, a day ahead). A bundle that fails any of these is refused whole.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Library } from '../library.js';
import type { MessageRef } from '../../shared/messages.js';
import { AppError } from '../../shared/errors.js';
import {
  BUNDLE_AHEAD_SECONDS,
  BUNDLE_DIR_PREFIX,
  BUNDLE_WINDOW_DAYS,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  MAX_MANIFEST_BYTES,
  manifestSchema,
  manifestSigned,
} from '../outbox/bundle-format.js';
import type { BundleManifest } from '../outbox/bundle-format.js';
import { STATE_REFUSALS } from './station-auth.js';
import { ed25519Key, stationRow } from './stations.js';
import type { StationRow } from './stations.js';

const MAX_SIGNATURE_BYTES = 4096;

/** A file's bytes, or null when it is missing or longer than `max`. */
export async function readBounded(file: string, max: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(max + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return bytesRead > max ? null : buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The bundle folders in `folder`, by name. */
export async function findBundles(folder: string): Promise<string[]> {
  const dir = path.resolve(folder);
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) throw new AppError('bad_request', { key: 'usbBundle.noFolder', params: { folder } });
  if (await fs.stat(path.join(dir, MANIFEST_FILE)).catch(() => null)) return [dir];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const found = entries.filter((entry) => entry.isDirectory() && entry.name.startsWith(BUNDLE_DIR_PREFIX)).map((entry) => path.join(dir, entry.name));
  if (!found.length) throw new AppError('not_found', { key: 'usbBundle.noBundle', params: { folder } });
  return found.sort();
}

/** Why a signature made at `createdSeconds` is outside the bundle window at `nowSeconds`, or null. */
export function outsideWindow(createdSeconds: number, nowSeconds: number): MessageRef | null {
  if (nowSeconds - createdSeconds > BUNDLE_WINDOW_DAYS * 86_400) return { key: 'usbBundle.tooOld', params: { days: BUNDLE_WINDOW_DAYS } };
  if (createdSeconds - nowSeconds > BUNDLE_AHEAD_SECONDS) return { key: 'usbBundle.fromFuture' };
  return null;
}

export interface OpenedBundle {
  dir: string;
  /** The manifest when it could be read (even if refused: its items are listed as refused). */
  manifest: BundleManifest | null;
  /** The approved station that signed it, when it holds. */
  station: StationRow | null;
  refusal: MessageRef | null;
}

/** Reads and checks one bundle's manifest (see the module's comment). */
export async function openBundle(library: Library, dir: string, now: Date): Promise<OpenedBundle> {
  const refuse = (manifest: BundleManifest | null, refusal: MessageRef): OpenedBundle => ({ dir, manifest, station: null, refusal });
  const bytes = await readBounded(path.join(dir, MANIFEST_FILE), MAX_MANIFEST_BYTES);
  let manifest: BundleManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse((bytes ?? Buffer.alloc(0)).toString('utf8')));
  } catch {
    return refuse(null, { key: 'usbBundle.manifestInvalid' });
  }
  const station = stationRow(library.db, manifest.stationId);
  if (!station?.public_key) return refuse(manifest, { key: 'hub.stationUnknown' });
  const signature = (await readBounded(path.join(dir, MANIFEST_SIGNATURE_FILE), MAX_SIGNATURE_BYTES))?.toString('utf8') ?? '';
  if (!manifestSigned(bytes as Buffer, signature, manifest.stationId, ed25519Key(station.public_key))) return refuse(manifest, { key: 'usbBundle.manifestSignature' });
  if (station.state !== 'approved') return refuse(manifest, { key: STATE_REFUSALS[station.state] });
  const late = outsideWindow(Math.floor(Date.parse(manifest.createdAt) / 1000), Math.floor(now.getTime() / 1000));
  if (late) return refuse(manifest, late);
  return { dir, manifest, station, refusal: null };
}

/**
 * A hub takes in the USB bundles of uploads found in a folder (`moderation.importBundle
 * {folder}`, `bookshelf moderate --import-bundle DIR`; docs/uploads.md § USB bundles): each
 * bundle's manifest checked first (./bundle-open.ts) — refused, every item of it is refused with
 * the same reason — then each item on its own (./bundle-item.ts): one corrupt, forged, replayed
 * or over quota is refused with its reason and nothing written for it, the others still taken.
 * Items are checked one at a time (the content check parses a whole file in a worker); a
 * temporary copy a crash left in hub-uploads/ is removed a day later. The answer
 * says, per bundle and item, taken or refused and why, as message references.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Library } from '../library.js';
import type { BundleImport, BundleImported } from '../../shared/contract/hub.js';
import { contentProblem } from './content-check.js';
import { findBundles, openBundle } from './bundle-open.js';
import { takeItem } from './bundle-item.js';
import { UploadRoom, statfsReader } from './upload-room.js';
import type { DiskReader } from './upload-room.js';
import { hubUploadsDir, removeUploadFiles } from './uploads.js';

export interface BundleImportOptions {
  now?: () => Date;
  /** Reads the free space of the hub's disk (default: statfs of the library folder); tests give a reading. */
  disk?: DiskReader;
}

async function importOne(library: Library, dir: string, room: UploadRoom, now: () => Date): Promise<BundleImported> {
  const opened = await openBundle(library, dir, now());
  const { manifest, station } = opened;
  const summary = { bundle: path.basename(dir), stationName: station?.name ?? manifest?.stationName ?? null, createdAt: manifest?.createdAt ?? null };
  if (!manifest || !station || opened.refusal) {
    const items = (manifest?.items ?? []).map((entry) => ({ uploadId: entry.uploadId, title: entry.title, accepted: false, reason: opened.refusal }));
    return { ...summary, reason: opened.refusal, items };
  }
  const context = { library, dir, manifest, station, room, checkContent: contentProblem, now };
  const items: BundleImported['items'] = [];
  for (const entry of manifest.items) {
    const reason = await takeItem(context, entry);
    items.push({ uploadId: entry.uploadId, title: entry.title, accepted: reason === null, reason });
  }
  return { ...summary, reason: null, items };
}

const DAY_MS = 86_400_000;

/** Removes the temporary copies an import cut off (a crash, a power cut) left in hub-uploads/ a day ago or more. */
async function sweepCutCopies(library: Library, now: Date): Promise<void> {
  const dir = hubUploadsDir(library);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => /^\.bundle-[0-9a-f]{32}\.[0-9a-f]{12}\.tmp$/.test(n))) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs >= DAY_MS) await fs.rm(file, { force: true });
  }
}

/** Takes in every bundle in `folder` (see the module's comment). */
export async function importBundles(library: Library, folder: string, options: BundleImportOptions = {}): Promise<BundleImport> {
  const now = options.now ?? (() => new Date());
  const dirs = await findBundles(folder);
  await sweepCutCopies(library, now());
  const room = new UploadRoom({
    db: library.db,
    dir: hubUploadsDir(library),
    disk: options.disk ?? statfsReader(library.dir),
    now,
    remove: (id) => removeUploadFiles(library, id),
  });
  const bundles: BundleImported[] = [];
  for (const dir of dirs) bundles.push(await importOne(library, dir, room, now));
  const all = bundles.flatMap((bundle) => bundle.items);
  return { bundles, accepted: all.filter((item) => item.accepted).length, refused: all.filter((item) => !item.accepted).length };
}

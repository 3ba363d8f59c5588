/**
 * A station's uploads at the hub, found by the station that sent them: the uploads waiting in the
 * moderation queue (hub_uploads, pending) and the unfinished tus uploads whose metadata names it
 * (the hub checks at creation that this is the signing station, ./signed-uploads.ts). A revoked
 * station's are dropped, rows and bytes.
 */
import { FileConfigstore } from '@tus/file-store';
import { durably } from '../db/durable.js';
import type { Library } from '../library.js';
import { hubUploadsDir, removeUploadFiles } from './uploads.js';

/** The station that sent an upload of the moderation queue, or null when the queue has no such upload. */
export function senderOf(library: Library, uploadId: string): string | null {
  return (library.db.prepare('SELECT station_id FROM hub_uploads WHERE id = ?').pluck().get(uploadId) as string | undefined) ?? null;
}

/** The ids of the tus uploads (finished or not) kept under hub-uploads/ for this station. */
async function tusUploadsOf(library: Library, stationId: string): Promise<string[]> {
  const store = new FileConfigstore(hubUploadsDir(library));
  let ids: string[];
  try {
    ids = await store.list();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mine: string[] = [];
  for (const id of ids) if ((await store.get(id))?.metadata?.stationId === stationId) mine.push(id);
  return mine;
}

/** Drops the station's uploads waiting for moderation and its unfinished ones; returns how many. */
export async function dropStationUploads(library: Library, stationId: string): Promise<number> {
  const queued = durably(library.db, () => {
    const ids = library.db.prepare(`SELECT id FROM hub_uploads WHERE station_id = ? AND state = 'pending'`).pluck().all(stationId) as string[];
    library.db.prepare(`DELETE FROM hub_uploads WHERE station_id = ? AND state = 'pending'`).run(stationId);
    return ids;
  });
  const ids = new Set([...queued, ...(await tusUploadsOf(library, stationId))]);
  for (const id of ids) await removeUploadFiles(library, id);
  return ids.size;
}

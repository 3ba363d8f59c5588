/**
 * The hub's moderation queue (table hub_uploads): uploads received whole and checked, waiting for
 * an official. Approving copies the file into the hub's store, extracts its text (a scan's OCR
 * layer is in the PDF) in the extraction worker, and writes the description, text and structure
 * into its catalog (origin national, the station's publication id) with a change-log entry, so
 * the next `bookshelf publish` carries it — searchable — to every station; the station that sent
 * it gets it back under the same id, maintained by the hub from then on. Rejecting keeps the reason for the
 * station to read. Either way the upload's bytes are then removed from the tus folder.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Library } from '../library.js';
import { saveDocuments } from '../documents.js';
import type { DocumentRecord } from '../documents.js';
import { Extractor } from '../import/extract.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { durably } from '../db/durable.js';
import { AppError } from '../../shared/errors.js';
import type { ModerationItem, ModerationState, ModerationStatus, UploadDescription } from '../../shared/outbox.js';
import { hubUploadsDir, removeUploadFiles } from './uploads.js';
import { plainModerationItem } from './plain-metadata.js';
import type { SentDocumentColumns } from '../outbox/store.js';

interface HubUploadRow extends SentDocumentColumns {
  id: string;
  station_id: string;
  station_name: string;
  publication_id: string;
  state: ModerationState;
  reason: string | null;
  received_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

/** A row as officials see it, its words made plain again (rows stored before they were cleaned on arrival). */
function toItem(row: HubUploadRow): ModerationItem {
  return plainModerationItem({
    id: row.id,
    state: row.state,
    stationId: row.station_id,
    stationName: row.station_name,
    title: row.title,
    publicationId: row.publication_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sha256: row.sha256,
    size: row.size,
    description: JSON.parse(row.description) as UploadDescription,
    reason: row.reason,
    receivedAt: row.received_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  });
}

function getRow(library: Library, id: string): HubUploadRow | null {
  return (library.db.prepare('SELECT * FROM hub_uploads WHERE id = ?').get(id) as HubUploadRow | undefined) ?? null;
}

/** Uploads in a state (default: waiting), oldest first; decided ones newest first. */
export function listModeration(library: Library, state: ModerationState | 'all' = 'pending'): ModerationItem[] {
  const rows = library.db
    .prepare(
      state === 'all'
        ? `SELECT * FROM hub_uploads ORDER BY state <> 'pending', CASE WHEN state = 'pending' THEN received_at END, decided_at DESC`
        : `SELECT * FROM hub_uploads WHERE state = ? ORDER BY ${state === 'pending' ? 'received_at' : 'decided_at DESC'}`,
    )
    .all(...(state === 'all' ? [] : [state])) as HubUploadRow[];
  return rows.map(toItem);
}

/** What a station may learn of its upload. */
export function moderationStatus(library: Library, id: string): ModerationStatus | null {
  const row = getRow(library, id);
  return row ? { id: row.id, state: row.state, reason: row.reason } : null;
}

function pendingRow(library: Library, id: string): HubUploadRow {
  const row = getRow(library, id);
  if (!row) throw new AppError('not_found', { key: 'moderation.noUpload', params: { id } });
  if (row.state !== 'pending') throw new AppError('conflict', { key: 'moderation.decided' });
  return row;
}

export async function approveUpload(library: Library, id: string, decidedBy: string, now = new Date()): Promise<ModerationItem> {
  const row = pendingRow(library, id);
  const exists = library.db.prepare('SELECT origin FROM publications WHERE id = ?').pluck().get(row.publication_id) as string | undefined;
  if (exists) throw new AppError('conflict', { key: 'moderation.exists', params: { id: row.publication_id } });
  const file = path.join(hubUploadsDir(library), row.id);
  try {
    await library.files.put(createReadStream(file), { sha256: row.sha256, size: row.size });
  } catch {
    throw new AppError('unavailable', { key: 'moderation.fileMissing' });
  }
  const description = JSON.parse(row.description) as UploadDescription;
  const at = now.toISOString();
  const record: DocumentRecord = {
    publication: { ...description, origin: 'national' },
    files: [{ sha256: row.sha256, size: row.size, mediaType: row.media_type, state: 'present', role: 'content' }],
    ...(await extractText(library.files.pathOf(row.sha256))),
  };
  durably(library.db, () => {
    pendingRow(library, id);
    saveDocuments(library.db, [record], at);
    library.db.prepare(`UPDATE hub_uploads SET state = 'approved', decided_at = ?, decided_by = ? WHERE id = ?`).run(at, decidedBy, id);
  });
  await removeUploadFiles(library, id);
  return toItem(getRow(library, id) as HubUploadRow);
}

/** The text and structure of an approved file, read in the extraction worker; none when it has no text to read. */
async function extractText(file: string): Promise<Pick<DocumentRecord, 'text' | 'sections'>> {
  const extractor = new Extractor({ cover: false });
  try {
    const outcome = await extractor.extract(file);
    if (!outcome.ok) return {};
    const text = outcome.extraction.text.normalize('NFC');
    if (text.trim() === '') return {};
    return { text: { text, pageStarts: outcome.extraction.pageStarts, pageCount: outcome.extraction.pageCount }, sections: parseStructure(text) };
  } finally {
    await extractor.close();
  }
}

export async function rejectUpload(library: Library, id: string, reason: string, decidedBy: string, now = new Date()): Promise<ModerationItem> {
  const text = reason.trim();
  if (!text) throw new AppError('invalid_input', { key: 'moderation.reasonRequired' });
  durably(library.db, () => {
    pendingRow(library, id);
    library.db.prepare(`UPDATE hub_uploads SET state = 'rejected', reason = ?, decided_at = ?, decided_by = ? WHERE id = ?`).run(text, now.toISOString(), decidedBy, id);
  });
  await removeUploadFiles(library, id);
  return toItem(getRow(library, id) as HubUploadRow);
}

/**
 * Reading in the background what the catalog has not read yet: the legal texts whose relations
 * were never read — a library from before the relations table, a text that arrived on the kiosk's
 * thread (catalog/sync/text-backlog.ts), one read by an older reader — and the statuses whose day
 * has come (a document entering into force, a replacement taking effect). In the writer thread
 * (catalog/writer/), at start and every hour (service.ts): each text is read outside any
 * transaction and its rows written in a short one (writeWhenFree: another process's lock is
 * waited for without holding the thread), the event loop free between two documents, so a desk
 * save or a sync slice waits for one document at most; a stop is honoured between two. A complete
 * reading is noted (settings), so the next start asks for none while no text was left unread since.
 */
import type { Library } from '../library.js';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import { writeWhenFree } from '../db/without-waiting.js';
import { localDay } from '../reads.js';
import { yieldToEventLoop } from '../sync/stage.js';
import type { PublicationKind } from '../../shared/domain.js';
import { READER_VERSION, readText } from './readings.js';
import { deriveStatuses, dueStatuses } from './status.js';
import { relationsAfterWrite } from './updates.js';

/** Statuses derived again per transaction. */
const STATUS_SLICE = 200;

export interface BackfillOptions {
  signal?: AbortSignal;
  now?: () => Date;
}

export interface BackfillResult {
  /** Texts read. */
  read: number;
  /** Statuses derived again because their day came. */
  derived: number;
  stopped: boolean;
}

/** Legal documents with a text this reader has not read (a reading a feed gave is not read again). */
function unreadTexts(library: Library): string[] {
  return library.db
    .prepare(
      `SELECT p.id FROM publications p JOIN publication_texts t ON t.publication_id = p.id
       LEFT JOIN relation_readings r ON r.publication_id = p.id
       WHERE p.kind = 'legal' AND (r.reader IS NULL OR (r.given = 0 AND r.reader < ?)) ORDER BY p.id`,
    )
    .pluck()
    .all(READER_VERSION) as string[];
}

/** Reads the unread texts, then derives again the statuses that are due; see the module comment. */
export async function readPendingRelations(library: Library, options: BackfillOptions = {}): Promise<BackfillResult> {
  const db = library.db;
  const now = () => options.now?.() ?? new Date();
  const result: BackfillResult = { read: 0, derived: 0, stopped: false };
  const stopped = () => (result.stopped = options.signal?.aborted === true);
  const textOf = db.prepare('SELECT p.kind, t.text FROM publications p JOIN publication_texts t ON t.publication_id = p.id WHERE p.id = ?');
  const sameText = db.prepare('SELECT 1 FROM publication_texts WHERE publication_id = ? AND text = ?').pluck();
  const unread = getSetting(db, SETTINGS.relationsUnread);
  for (const id of unreadTexts(library)) {
    if (stopped()) return result;
    const row = textOf.get(id) as { kind: PublicationKind; text: string } | undefined;
    if (!row) continue;
    const reading = readText(row.kind, row.text);
    await writeWhenFree(db, () => {
      // A text replaced meanwhile (a sync, a save) was read by that write, or is left to the next run.
      if (sameText.get(id, row.text) === undefined) return;
      relationsAfterWrite(db, id, { reading }, now().toISOString());
      result.read += 1;
    });
    await yieldToEventLoop();
  }
  // Texts left unread meanwhile are counted: the next reading reads them.
  await writeWhenFree(db, () => setSetting(db, SETTINGS.relationsRead, { reader: READER_VERSION, unread }));
  const due = dueStatuses(db, localDay(now()));
  for (let i = 0; i < due.length; i += STATUS_SLICE) {
    if (stopped()) return result;
    const slice = due.slice(i, i + STATUS_SLICE);
    await writeWhenFree(db, () => deriveStatuses(db, slice, localDay(now())));
    result.derived += slice.length;
    await yieldToEventLoop();
  }
  return result;
}

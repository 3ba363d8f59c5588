/**
 * What a legal text says of its relations and of its effective date (shared/legal/relations.ts),
 * stored: the text's rows of the relations table (a correction's rows are kept) and its reading
 * (relation_readings: the date it states, or that it takes effect on signing) — or the hub's
 * reading of the same text, given by a feed, which is stored the same way and not read again
 * here. Only legal documents are read. A reading replaces the last one whole; each target is linked as it is
 * stored (links.ts).
 */
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import { statement } from '../db/statements.js';
import { extractRelations } from '../../shared/legal/relations.js';
import type { DocumentRelations } from '../../shared/legal/relations.js';
import type { PublicationKind } from '../../shared/domain.js';
import { numberKey } from '../../shared/text.js';
import { resolveTarget } from './links.js';

/** The version of the reader: texts read by an older one are read again in the background (backfill.ts). */
export const READER_VERSION = 1;

/**
 * SQL for the effective date of publication `p` whose reading is `r` (LEFT JOINed): the date
 * given (feed, hub, official), else the one its text states, else its issue date when its text
 * says it takes effect on signing.
 */
export const effectiveDateOf = (p: string, r: string) =>
  `coalesce(${p}.effective_date, ${r}.effective_date, CASE WHEN ${r}.on_signing = 1 THEN ${p}.issued_date END)`;

/** What a legal document's text says of its relations (an empty text: nothing, read); null for other kinds or no text. */
export function readText(kind: PublicationKind, text: string | undefined): DocumentRelations | null {
  return kind === 'legal' && text !== undefined ? extractRelations(text) : null;
}

/** The publications a document's relations are linked to. */
export function targetsOf(db: Db, id: string): string[] {
  return statement(db, 'SELECT DISTINCT target_id FROM relations WHERE publication_id = ? AND target_id IS NOT NULL').pluck().all(id) as string[];
}

/**
 * Replaces a publication's reading with `reading` (null: nothing to read), in the caller's
 * transaction: read here from its text, or given by a feed (the hub's, published.ts). A
 * correction's rows are kept, and win over the reading's.
 */
export function storeReading(db: Db, id: string, reading: DocumentRelations | null, source: 'text' | 'feed' = 'text'): void {
  statement(db, "DELETE FROM relations WHERE publication_id = ? AND source IN ('text', 'feed')").run(id);
  statement(db, 'DELETE FROM relation_readings WHERE publication_id = ?').run(id);
  if (!reading) return;
  statement(db, 'INSERT INTO relation_readings (publication_id, effective_date, on_signing, reader, given) VALUES (?, ?, ?, ?, ?)').run(
    id,
    reading.effective,
    reading.onSigning ? 1 : 0,
    READER_VERSION,
    source === 'feed' ? 1 : 0,
  );
  const insert = statement(db,
    `INSERT OR IGNORE INTO relations (publication_id, kind, target_number, target_key, target_title, scope, articles, evidence, source, target_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of reading.relations) {
    if (r.target === null && r.targetTitle === null) continue;
    insert.run(id, r.kind, r.target, r.target === null ? null : numberKey(r.target), r.targetTitle, r.scope, JSON.stringify(r.articles ?? []), r.evidence, source, resolveTarget(db, r.target, id));
  }
}

/** Forgets the reading of a legal text that changed, to be read again in the background (backfill.ts); its relations stay until then. */
export function markUnread(db: Db, id: string): void {
  if (statement(db, 'SELECT kind FROM publications WHERE id = ?').pluck().get(id) !== 'legal') return;
  statement(db, 'DELETE FROM relation_readings WHERE publication_id = ?').run(id);
  setSetting(db, SETTINGS.relationsUnread, getSetting(db, SETTINGS.relationsUnread) + 1);
}

/**
 * Migration 16: a library without a legal text (a new one) has nothing to read — noted, so that
 * its first start asks for no reading; an older one's texts are read in the background.
 */
export function noteNothingUnread(db: Db): void {
  const texts = db.prepare("SELECT EXISTS (SELECT 1 FROM publications p JOIN publication_texts t ON t.publication_id = p.id WHERE p.kind = 'legal')").pluck().get();
  if (texts === 0) setSetting(db, SETTINGS.relationsRead, { reader: READER_VERSION, unread: getSetting(db, SETTINGS.relationsUnread) });
}

/** Whether some text may be unread: no complete reading by this reader since the last text was left unread. */
export function textsMayBeUnread(db: Db): boolean {
  const read = getSetting(db, SETTINGS.relationsRead);
  return read === null || read.reader !== READER_VERSION || read.unread !== getSetting(db, SETTINGS.relationsUnread);
}

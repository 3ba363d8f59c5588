/**
 * Writing a whole document into the catalog — its metadata, files, extracted text, legal
 * structure, search index and change-log entry — in one transaction, so a crash or a refused
 * document leaves no partial rows.
 */
import type { Db } from './db/open.js';
import { statement } from './db/statements.js';
import { upsertPublication } from './publications.js';
import type { NewFileLink, NewPublication } from './publications.js';
import { indexPublication, unindexPublication } from './search/index-writer.js';
import type { Section } from '../shared/legal/structure.js';

export interface DocumentText {
  /** Full text (NFC); pages or spine items joined. */
  text: string;
  /** Offset in `text` where each page (PDF) or spine item (EPUB) starts. */
  pageStarts: number[];
  pageCount: number | null;
}

export interface DocumentRecord {
  publication: NewPublication;
  files: NewFileLink[];
  text?: DocumentText;
  sections?: Section[];
}

/** The 1-based page that contains an offset. */
export function pageAt(pageStarts: number[], offset: number): number | null {
  if (pageStarts.length === 0) return null;
  let low = 0;
  let high = pageStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pageStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function writeDocument(db: Db, record: DocumentRecord, now: string): void {
  const id = record.publication.id;
  upsertPublication(db, record.publication, record.files, now);
  statement(db, 'DELETE FROM sections WHERE publication_id = ?').run(id);
  statement(db, 'DELETE FROM publication_texts WHERE publication_id = ?').run(id);
  if (record.text) {
    const { text, pageStarts, pageCount } = record.text;
    statement(db, 'INSERT INTO publication_texts (publication_id, text, page_starts, page_count) VALUES (?, ?, ?, ?)').run(
      id,
      text.normalize('NFC'),
      JSON.stringify(pageStarts),
      pageCount,
    );
    const insert = statement(db,
      `INSERT INTO sections (publication_id, ordinal, level, number, heading, start, end, parent_ordinal, page)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    (record.sections ?? []).forEach((section, ordinal) =>
      insert.run(id, ordinal, section.level, section.number, section.heading, section.start, section.end, section.parent, pageAt(pageStarts, section.start)),
    );
  }
  indexPublication(db, id);
  logChange(db, id, 'put', now);
}

/** Records a change in the change log (see migration 3), in the caller's transaction. */
function logChange(db: Db, publicationId: string, op: 'put' | 'delete', now: string): void {
  statement(db, 'INSERT INTO changes (publication_id, op, changed_at) VALUES (?, ?, ?)').run(publicationId, op, now);
}

/** Saves documents atomically: all of them or none. */
export function saveDocuments(db: Db, records: DocumentRecord[], now = new Date().toISOString()): void {
  db.transaction(() => {
    for (const record of records) writeDocument(db, record, now);
  })();
}

/** Removes a publication with its text, structure and index rows. */
export function deletePublication(db: Db, id: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    unindexPublication(db, id);
    statement(db, 'DELETE FROM search_docs WHERE publication_id = ?').run(id);
    if (statement(db, 'DELETE FROM publications WHERE id = ?').run(id).changes) logChange(db, id, 'delete', now);
  })();
}

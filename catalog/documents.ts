/**
 * Writing a whole document into the catalog — its metadata, files, extracted text, legal
 * structure, search index, relations (what its text says of other documents, the status derived
 * from them: catalog/relations/) and change-log entry — in one transaction, so a crash or a
 * refused document leaves no partial rows. A metadata change can keep the stored text (and its
 * index); a text can be replaced on its own (a station's text arriving after its metadata).
 */
import type { Db } from './db/open.js';
import { statement } from './db/statements.js';
import { upsertPublication } from './publications.js';
import type { NewFileLink, NewPublication } from './publications.js';
import { indexPublication, indexPublicationMeta, indexPublicationText, unindexPublication } from './search/index-writer.js';
import { readText } from './relations/readings.js';
import { deleteWithRelations, relationsAfterWrite } from './relations/updates.js';
import type { TextChange } from './relations/updates.js';
import type { DocumentRelations } from '../shared/legal/relations.js';
import type { Section } from '../shared/legal/structure.js';

export interface DocumentText {
  /** Full text (NFC); pages or spine items joined. */
  text: string;
  /** Offset in `text` where each page (PDF) or spine item (EPUB) starts. */
  pageStarts: number[];
  pageCount: number | null;
}

/** The feed text object a stored text came from (a station), or was published as (a hub). */
export interface TextObjectRef {
  sha256: string;
  size: number;
}

export interface DocumentRecord {
  publication: NewPublication;
  files: NewFileLink[];
  /** The text; absent: the document has none (unless `keepText`). */
  text?: DocumentText;
  sections?: Section[];
  /** Where `text` came from, when it came from a feed. */
  textObject?: TextObjectRef;
  /** Keep the text, structure and passages already stored: only the metadata changes. */
  keepText?: boolean;
  /** What `text` says of its relations, read before the transaction (null: nothing to read); read while saving when absent. */
  reading?: DocumentRelations | null;
  /** The hub's reading of its text, given by a feed: stored instead of one read here (with `keepText` too). */
  givenReading?: DocumentRelations;
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

/** Replaces a publication's stored text and structure (none when `text` is undefined). Passages are not indexed here. */
function storeText(db: Db, id: string, text: DocumentText | undefined, sections: Section[] | undefined, object: TextObjectRef | undefined): void {
  statement(db, 'DELETE FROM sections WHERE publication_id = ?').run(id);
  statement(db, 'DELETE FROM publication_texts WHERE publication_id = ?').run(id);
  if (!text) return;
  const { pageStarts, pageCount } = text;
  statement(db, 'INSERT INTO publication_texts (publication_id, text, page_starts, page_count, object_sha256, object_size) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    text.text.normalize('NFC'),
    JSON.stringify(pageStarts),
    pageCount,
    object?.sha256 ?? null,
    object?.size ?? null,
  );
  const insert = statement(db,
    `INSERT INTO sections (publication_id, ordinal, level, number, heading, start, end, parent_ordinal, page)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  (sections ?? []).forEach((section, ordinal) =>
    insert.run(id, ordinal, section.level, section.number, section.heading, section.start, section.end, section.parent, pageAt(pageStarts, section.start)),
  );
}

function writeDocument(db: Db, record: DocumentRecord, now: string): void {
  const id = record.publication.id;
  upsertPublication(db, record.publication, record.files, now);
  const given: TextChange | undefined = record.givenReading && { reading: record.givenReading, source: 'feed' };
  if (record.keepText) {
    indexPublicationMeta(db, id);
    relationsAfterWrite(db, id, given ?? 'same', now);
  } else {
    storeText(db, id, record.text, record.sections, record.textObject);
    indexPublication(db, id);
    relationsAfterWrite(db, id, given ?? { reading: record.reading !== undefined ? record.reading : readText(record.publication.kind, record.text?.text) }, now);
  }
  logChange(db, id, 'put', now);
}

/**
 * Replaces the text and structure of an existing publication and re-indexes its passages, in the
 * caller's transaction (a synced document's text fetched or extracted after its metadata, on the
 * kiosk's thread: what it says of its relations is read in the background, catalog/relations/backfill.ts).
 */
export function replaceDocumentText(db: Db, id: string, text: DocumentText, sections: Section[], object?: TextObjectRef, now = new Date().toISOString()): void {
  storeText(db, id, text, sections, object);
  indexPublicationText(db, id);
  relationsAfterWrite(db, id, 'unread', now);
  logChange(db, id, 'put', now);
}

/** A stored text with its structure, as a record carries it. */
export interface StoredText {
  text: DocumentText;
  sections: Section[];
}

/** The text and structure a publication holds, if any. */
export function storedText(db: Db, id: string): StoredText | null {
  const row = statement(db, 'SELECT text, page_starts, page_count FROM publication_texts WHERE publication_id = ?').get(id) as
    | { text: string; page_starts: string; page_count: number | null }
    | undefined;
  if (!row) return null;
  const rows = statement(db, 'SELECT level, number, heading, start, end, parent_ordinal FROM sections WHERE publication_id = ? ORDER BY ordinal').all(id) as
    (Omit<Section, 'parent'> & { parent_ordinal: number | null })[];
  return {
    text: { text: row.text, pageStarts: JSON.parse(row.page_starts) as number[], pageCount: row.page_count },
    sections: rows.map(({ parent_ordinal, ...section }) => ({ ...section, parent: parent_ordinal })),
  };
}

/** Removes a publication's text, structure and passages (a station that no longer keeps its text); its metadata stays. */
export function removeDocumentText(db: Db, id: string): void {
  storeText(db, id, undefined, undefined, undefined);
  indexPublicationText(db, id);
}

/** Records a change in the change log (see migration 3), in the caller's transaction. */
export function logChange(db: Db, publicationId: string, op: 'put' | 'delete', now: string): void {
  statement(db, 'INSERT INTO changes (publication_id, op, changed_at) VALUES (?, ?, ?)').run(publicationId, op, now);
}

/** Writes documents in the caller's transaction (a sync's slice: no savepoint per document). */
export function writeDocuments(db: Db, records: DocumentRecord[], now = new Date().toISOString()): void {
  for (const record of records) writeDocument(db, record, now);
}

/** Saves documents atomically: all of them or none. */
export function saveDocuments(db: Db, records: DocumentRecord[], now = new Date().toISOString()): void {
  db.transaction(() => writeDocuments(db, records, now))();
}

/** Removes a publication with its text, structure and index rows. */
export function deletePublication(db: Db, id: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    unindexPublication(db, id);
    statement(db, 'DELETE FROM search_docs WHERE publication_id = ?').run(id);
    deleteWithRelations(db, id, () => {
      if (statement(db, 'DELETE FROM publications WHERE id = ?').run(id).changes) logChange(db, id, 'delete', now);
    }, now);
  })();
}

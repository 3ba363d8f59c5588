/**
 * Keeps the search indexes in step with the catalog: one metadata row per publication in
 * meta_fts, and one row per passage (an article, or a chunk of text outside articles) in
 * passage_fts. Call inside the transaction that changes the publication.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { indexForms } from '../../shared/search/tokens.js';
import { numberKey } from '../../shared/text.js';

/** Text outside articles is cut into passages of about this many characters, at line ends. */
const CHUNK_CHARS = 1500;

interface PassageSpan {
  sectionId: number | null;
  start: number;
  end: number;
  heading: string;
}

function chunk(text: string, start: number, end: number): PassageSpan[] {
  const spans: PassageSpan[] = [];
  let from = start;
  while (from < end) {
    let to = Math.min(end, from + CHUNK_CHARS);
    if (to < end) {
      const lineEnd = text.lastIndexOf('\n', to);
      if (lineEnd > from + CHUNK_CHARS / 2) to = lineEnd + 1;
    }
    if (text.slice(from, to).trim()) spans.push({ sectionId: null, start: from, end: to, heading: '' });
    from = to;
  }
  return spans;
}

/** Articles as passages, and the text between them (preamble, annexes, books) in chunks. */
function passageSpans(db: Db, publicationId: string, text: string): PassageSpan[] {
  const articles = statement(db, `SELECT id, start, end, number, heading FROM sections WHERE publication_id = ? AND level = 'article' ORDER BY start`)
    .all(publicationId) as { id: number; start: number; end: number; number: string; heading: string }[];
  const spans: PassageSpan[] = [];
  let cursor = 0;
  for (const article of articles) {
    if (article.start > cursor) spans.push(...chunk(text, cursor, article.start));
    spans.push({ sectionId: article.id, start: article.start, end: article.end, heading: `Điều ${article.number}. ${article.heading}` });
    cursor = Math.max(cursor, article.end);
  }
  if (cursor < text.length) spans.push(...chunk(text, cursor, text.length));
  return spans;
}

function unindexPassages(db: Db, publicationId: string): void {
  statement(db, 'DELETE FROM passage_fts WHERE rowid IN (SELECT id FROM passages WHERE publication_id = ?)').run(publicationId);
  statement(db, 'DELETE FROM passages WHERE publication_id = ?').run(publicationId);
}

function unindexMeta(db: Db, publicationId: string): void {
  const row = statement(db, 'SELECT rowid FROM search_docs WHERE publication_id = ?').get(publicationId) as { rowid: number } | undefined;
  if (row) statement(db, 'DELETE FROM meta_fts WHERE rowid = ?').run(row.rowid);
}

export function unindexPublication(db: Db, publicationId: string): void {
  unindexPassages(db, publicationId);
  unindexMeta(db, publicationId);
}

/** (Re)indexes one publication's metadata and text. */
export function indexPublication(db: Db, publicationId: string): void {
  if (indexPublicationMeta(db, publicationId)) indexPublicationText(db, publicationId);
  else unindexPassages(db, publicationId);
}

/** (Re)indexes one publication's metadata only (its text did not change); false when it does not exist. */
export function indexPublicationMeta(db: Db, publicationId: string): boolean {
  unindexMeta(db, publicationId);
  const pub = statement(db, 'SELECT title, number, issuer FROM publications WHERE id = ?').get(publicationId) as
    | { title: string; number: string | null; issuer: string | null }
    | undefined;
  if (!pub) return false;
  statement(db, 'INSERT OR IGNORE INTO search_docs (publication_id) VALUES (?)').run(publicationId);
  const { rowid } = statement(db, 'SELECT rowid FROM search_docs WHERE publication_id = ?').get(publicationId) as { rowid: number };
  const title = indexForms(pub.title);
  statement(db, 'INSERT INTO meta_fts (rowid, title, number, issuer, pairs) VALUES (?, ?, ?, ?, ?)').run(
    rowid,
    title.words,
    pub.number ? numberKey(pub.number).replace(/[/-]/g, ' ') : '',
    pub.issuer ? indexForms(pub.issuer).words : '',
    title.pairs,
  );
  return true;
}

/** (Re)indexes one publication's text: its articles and the chunks between them. */
export function indexPublicationText(db: Db, publicationId: string): void {
  unindexPassages(db, publicationId);
  const textRow = statement(db, 'SELECT text FROM publication_texts WHERE publication_id = ?').get(publicationId) as { text: string } | undefined;
  if (!textRow) return;
  const insertPassage = statement(db, 'INSERT INTO passages (publication_id, section_id, start, end) VALUES (?, ?, ?, ?)');
  const insertFts = statement(db, 'INSERT INTO passage_fts (rowid, heading, body, pairs) VALUES (?, ?, ?, ?)');
  for (const span of passageSpans(db, publicationId, textRow.text)) {
    const { lastInsertRowid } = insertPassage.run(publicationId, span.sectionId, span.start, span.end);
    const body = indexForms(textRow.text.slice(span.start, span.end));
    insertFts.run(lastInsertRowid, indexForms(span.heading).words, body.words, body.pairs);
  }
}

/**
 * Keeps the search indexes in step with the catalog: one metadata row per publication in
 * meta_fts, and one row per passage (an article, or a chunk of text outside articles) in
 * passage_fts. Passages are bounded: an article longer than MAX_ARTICLE_CHARS (a long annex the
 * structure parser took for one article) is cut into parts of the same article, so a search
 * never reads more than a few kilobytes of text per hit. Each passage also records where it lies
 * in the text's UTF-8 bytes, so a search reads its text with a byte substr inside SQLite (counting
 * characters through a 1 MB text costs milliseconds; cutting bytes, microseconds).
 * Call inside the transaction that changes the publication.
 */
import type { Db } from '../db/open.js';
import { articleLabel } from '../../shared/legal/structure.js';
import { statement } from '../db/statements.js';
import { indexForms } from '../../shared/search/tokens.js';
import { numberKey } from '../../shared/text.js';

/** Text outside articles is cut into passages of about this many characters, at line ends. */
const CHUNK_CHARS = 1500;
/** An article longer than this is cut into parts of about PART_CHARS, at line ends. */
export const MAX_ARTICLE_CHARS = 6000;
const PART_CHARS = 3000;

interface PassageSpan {
  sectionId: number | null;
  start: number;
  end: number;
  heading: string;
}

/** [start, end) cut into spans of about `size` characters at line ends, blank ones left out. */
function chunk(text: string, start: number, end: number, size = CHUNK_CHARS, sectionId: number | null = null, heading = ''): PassageSpan[] {
  const spans: PassageSpan[] = [];
  let from = start;
  while (from < end) {
    let to = Math.min(end, from + size);
    if (to < end) {
      const lineEnd = text.lastIndexOf('\n', to);
      if (lineEnd > from + size / 2) to = lineEnd + 1;
    }
    if (text.slice(from, to).trim()) spans.push({ sectionId, start: from, end: to, heading });
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
    const heading = `${articleLabel(article.number)}. ${article.heading}`;
    if (article.end - article.start > MAX_ARTICLE_CHARS) spans.push(...chunk(text, article.start, article.end, PART_CHARS, article.id, heading));
    else spans.push({ sectionId: article.id, start: article.start, end: article.end, heading });
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

/** UTF-16 offsets of a text → the same places as UTF-8 byte offsets. */
function byteOffsets(text: string, offsets: number[]): Map<number, number> {
  const out = new Map<number, number>();
  let at = 0;
  let bytes = 0;
  for (const offset of [...new Set(offsets)].sort((a, b) => a - b)) {
    bytes += Buffer.byteLength(text.slice(at, offset));
    at = offset;
    out.set(offset, bytes);
  }
  return out;
}

/** (Re)indexes one publication's text: its articles (in parts when long) and the chunks between them. */
export function indexPublicationText(db: Db, publicationId: string): void {
  unindexPassages(db, publicationId);
  const textRow = statement(db, 'SELECT text FROM publication_texts WHERE publication_id = ?').get(publicationId) as { text: string } | undefined;
  if (!textRow) return;
  const insertPassage = statement(db, 'INSERT INTO passages (publication_id, section_id, start, end, byte_start, byte_end) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFts = statement(db, 'INSERT INTO passage_fts (rowid, heading, body, pairs) VALUES (?, ?, ?, ?)');
  const spans = passageSpans(db, publicationId, textRow.text);
  const bytes = byteOffsets(textRow.text, spans.flatMap((span) => [span.start, span.end]));
  for (const span of spans) {
    const { lastInsertRowid } = insertPassage.run(publicationId, span.sectionId, span.start, span.end, bytes.get(span.start), bytes.get(span.end));
    const body = indexForms(textRow.text.slice(span.start, span.end));
    insertFts.run(lastInsertRowid, indexForms(span.heading).words, body.words, body.pairs);
  }
}

/**
 * Indexes again, once, the texts indexed before passages were bounded and placed in bytes (schema
 * version 13): those with an article longer than MAX_ARTICLE_CHARS are cut again, the others only
 * get their byte offsets.
 */
export function reindexUnboundedPassages(db: Db): void {
  for (const id of db.prepare('SELECT DISTINCT publication_id FROM passages WHERE end - start > ?').pluck().all(MAX_ARTICLE_CHARS) as string[]) {
    indexPublicationText(db, id);
  }
  const place = db.prepare('UPDATE passages SET byte_start = ?, byte_end = ? WHERE id = ?');
  for (const id of db.prepare('SELECT DISTINCT publication_id FROM passages WHERE byte_end = 0').pluck().all() as string[]) {
    const text = statement(db, 'SELECT text FROM publication_texts WHERE publication_id = ?').pluck().get(id) as string | undefined;
    const passages = db.prepare('SELECT id, start, end FROM passages WHERE publication_id = ?').all(id) as { id: number; start: number; end: number }[];
    const bytes = byteOffsets(text ?? '', passages.flatMap((p) => [p.start, p.end]));
    for (const p of passages) place.run(bytes.get(p.start), bytes.get(p.end), p.id);
  }
}

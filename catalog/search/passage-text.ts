/**
 * The text of passages, read without the rest of their publication's text: SQLite cuts the
 * passage's UTF-8 bytes out of the stored text (index-writer.ts keeps where they lie), so a hit in
 * a 1 MB gazette costs a few kilobytes of JavaScript string, not the whole text.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** Passage id → its text, for the passages given (those without text are left out). */
export function passageTexts(db: Db, ids: Iterable<number>): Map<number, string> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = statement(db,
    `SELECT ps.id, substr(CAST(t.text AS BLOB), ps.byte_start + 1, ps.byte_end - ps.byte_start) AS bytes
     FROM passages ps JOIN publication_texts t ON t.publication_id = ps.publication_id
     WHERE ps.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(list)) as { id: number; bytes: Buffer }[];
  return new Map(rows.map((row) => [row.id, row.bytes.toString('utf8')]));
}

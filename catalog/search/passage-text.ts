/**
 * The text of passages, read without the rest of their publication's text: SQLite cuts the
 * passages' UTF-8 bytes out of the stored text (index-writer.ts keeps where they lie), so a hit in
 * a 1 MB gazette costs a few kilobytes of JavaScript string, not the whole text.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** Passage id → its text, for the passages given (those without text are left out). */
export function passageTexts(db: Db, ids: Iterable<number>): Map<number, string> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  // Reading a text reads all of it: each publication's is read once, from its first wanted
  // passage to its last, and the passages are cut from that span here.
  const rows = statement(db,
    `WITH wanted AS (SELECT id, publication_id, byte_start, byte_end FROM passages WHERE id IN (SELECT value FROM json_each(?))),
          spans AS (SELECT publication_id, min(byte_start) AS first, max(byte_end) AS last,
                           json_group_array(json_array(id, byte_start, byte_end)) AS parts
                    FROM wanted GROUP BY publication_id)
     SELECT s.first, s.parts, substr(CAST(t.text AS BLOB), s.first + 1, s.last - s.first) AS bytes
     FROM spans s JOIN publication_texts t ON t.publication_id = s.publication_id`,
  ).all(JSON.stringify(list)) as { first: number; parts: string; bytes: Buffer }[];
  const texts = new Map<number, string>();
  for (const { first, parts, bytes } of rows) {
    for (const [id, start, end] of JSON.parse(parts) as [number, number, number][]) texts.set(id, bytes.toString('utf8', start - first, end - first));
  }
  return texts;
}

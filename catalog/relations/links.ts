/**
 * Relations linked to the station's copies of their targets, by number key: a printed number
 * names the documents of its keys (numberKeys forgives a law's misprinted legislature term).
 * Several copies of one number (a national record and a station's own scan of another print):
 * a legal document first, a national one first, the oldest first. A target the station does not
 * hold stays unlinked until a publication with its number arrives; a publication whose number
 * changed, or that is deleted, leaves its rows to another copy or to none.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { numberKeys, printedKeys } from '../../shared/legal/relations.js';

const BEST_COPY = `SELECT id FROM publications WHERE number_key IN (SELECT value FROM json_each(?)) AND id != ?
  ORDER BY number_key = ? DESC, kind = 'legal' DESC, origin = 'national' DESC, created_at, id LIMIT 1`;

/** The station's copy of the document a printed number names (not the document naming it), or null. */
export function resolveTarget(db: Db, number: string | null, self: string): string | null {
  if (number === null) return null;
  const keys = numberKeys(number);
  return (statement(db, BEST_COPY).pluck().get(JSON.stringify(keys), self, keys[0]) as string | undefined) ?? null;
}

interface RowTarget {
  id: number;
  publication_id: string;
  target_number: string | null;
}

/** Links the given rows again — to another copy, or to none (their target renumbered or deleted); returns the copies they now link to. */
export function relinkRows(db: Db, rows: RowTarget[]): Set<string> {
  const linked = new Set<string>();
  const set = statement(db, 'UPDATE relations SET target_id = ? WHERE id = ?');
  for (const row of rows) {
    const target = resolveTarget(db, row.target_number, row.publication_id);
    set.run(target, row.id);
    if (target !== null) linked.add(target);
  }
  return linked;
}

/**
 * After publication `id` was written, in the caller's transaction: rows linked to it whose number
 * is no longer its own go to another copy (or none), and rows waiting for its number are linked
 * to it. Returns the publications whose incoming relations changed.
 */
export function relink(db: Db, id: string): Set<string> {
  const key = statement(db, 'SELECT number_key FROM publications WHERE id = ?').pluck().get(id) as string | null | undefined;
  const changed = new Set<string>();
  const linked = statement(db, 'SELECT id, publication_id, target_number FROM relations WHERE target_id = ?').all(id) as RowTarget[];
  const gone = linked.filter((row) => key === null || key === undefined || row.target_number === null || !numberKeys(row.target_number).includes(key));
  if (gone.length > 0) {
    changed.add(id);
    for (const other of relinkRows(db, gone)) changed.add(other);
  }
  // Rows waiting for its number: looked for first (an index probe), as most numbers have none and an UPDATE costs ten times more.
  const keys = key ? JSON.stringify(printedKeys(key)) : null;
  if (keys && statement(db, 'SELECT 1 FROM relations WHERE target_id IS NULL AND publication_id != ? AND target_key IN (SELECT value FROM json_each(?)) LIMIT 1').get(id, keys)) {
    const waiting = statement(db,
      `UPDATE relations SET target_id = ? WHERE target_id IS NULL AND publication_id != ?
         AND target_key IN (SELECT value FROM json_each(?))`,
    ).run(id, id, keys);
    if (waiting.changes > 0) changed.add(id);
  }
  return changed;
}

/** The rows linked to a publication about to be deleted. */
export function rowsLinkedTo(db: Db, id: string): RowTarget[] {
  return statement(db, 'SELECT id, publication_id, target_number FROM relations WHERE target_id = ? AND publication_id != ?').all(id, id) as RowTarget[];
}

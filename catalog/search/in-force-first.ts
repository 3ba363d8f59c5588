/**
 * For the same subject, the rule in force first (issue 15): a document no longer in force that a
 * result replaces or repeals whole comes right after that result, wherever it ranked; one found
 * by its number keeps its place (she asked for that document).
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

interface Ranked {
  publicationId: string;
  matchedBy: 'number' | 'title' | 'text';
}

/** `ranked` (best first) with each replaced document moved after the result that replaced it. */
export function inForceFirst<T extends Ranked>(db: Db, ranked: T[]): T[] {
  if (ranked.length < 2) return ranked;
  const ids = JSON.stringify(ranked.map((entry) => entry.publicationId));
  const pairs = statement(db,
    `SELECT r.target_id AS replaced, r.publication_id AS replacing FROM relations r JOIN publications t ON t.id = r.target_id
     WHERE r.target_id IN (SELECT value FROM json_each(?)) AND r.publication_id IN (SELECT value FROM json_each(?))
       AND r.kind IN ('replaces', 'repeals') AND r.scope = 'whole' AND r.removed_at IS NULL AND t.status = 'not_in_force'`,
  ).all(ids, ids) as { replaced: string; replacing: string }[];
  if (pairs.length === 0) return ranked;
  const replacers = new Map<string, Set<string>>();
  for (const { replaced, replacing } of pairs) replacers.set(replaced, (replacers.get(replaced) ?? new Set()).add(replacing));

  const out: T[] = [];
  const placed = new Set<string>();
  /** Replaced documents waiting for a replacing one to be placed. */
  let waiting: T[] = [];
  const place = (entry: T) => {
    out.push(entry);
    placed.add(entry.publicationId);
    const ready = waiting.filter((w) => [...replacers.get(w.publicationId)!].some((id) => placed.has(id)));
    if (ready.length === 0) return;
    waiting = waiting.filter((w) => !ready.includes(w));
    for (const next of ready) place(next);
  };
  for (const entry of ranked) {
    const by = replacers.get(entry.publicationId);
    if (by && entry.matchedBy !== 'number' && ![...by].some((id) => placed.has(id))) waiting.push(entry);
    else place(entry);
  }
  return [...out, ...waiting];
}

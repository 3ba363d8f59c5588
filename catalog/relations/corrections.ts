/**
 * An official's corrections to the relations (shared/contract/relations.ts), in one transaction
 * each: a relation added or its scope corrected becomes a 'correction' row, which no reading of a
 * text and no feed replaces; a relation removed stays as a removed correction (removed_at), so no
 * later reading brings it back, until the removal is undone. The statuses concerned are derived
 * again at once, and the change is logged on the document stating the relation, so that a hub
 * publishes it (catalog/feed/publish.ts).
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { logChange } from '../documents.js';
import { localDay } from '../reads.js';
import { AppError } from '../../shared/errors.js';
import type { RelationKind } from '../../shared/related.js';
import { numberKey } from '../../shared/text.js';
import { resolveTarget } from './links.js';
import { targetsOf } from './readings.js';
import { deriveStatuses } from './status.js';

export interface RelationCorrection {
  publicationId: string;
  kind: RelationKind;
  /** The other document's number, as printed. */
  target: string;
  scope: 'whole' | 'part';
  articles: string[];
}

const notFound = () => new AppError('not_found', { key: 'error.not_found' });

/** Runs `change` on publication `id`'s relations, then derives again what they name (before and after) and logs the change. */
function changing(db: Db, id: string, now: Date, change: () => void): void {
  db.transaction(() => {
    const before = targetsOf(db, id);
    change();
    const stamp = now.toISOString();
    deriveStatuses(db, new Set([id, ...before, ...targetsOf(db, id)]), localDay(now));
    logChange(db, id, 'put', stamp);
  })();
}

/** Adds a relation, or corrects the one of the same kind and target. */
export function correctRelation(db: Db, input: RelationCorrection, now = new Date()): void {
  const id = input.publicationId;
  if (statement(db, 'SELECT EXISTS (SELECT 1 FROM publications WHERE id = ?)').pluck().get(id) !== 1) throw notFound();
  changing(db, id, now, () => {
    statement(db,
      `INSERT INTO relations (publication_id, kind, target_number, target_key, target_title, scope, articles, evidence, source, target_id)
       VALUES (?, ?, ?, ?, NULL, ?, ?, '', 'correction', ?)
       ON CONFLICT (publication_id, kind, coalesce(target_key, 'title:' || target_title)) DO UPDATE SET
         target_number = excluded.target_number, scope = excluded.scope, articles = excluded.articles,
         source = 'correction', target_id = excluded.target_id, removed_at = NULL`,
    ).run(id, input.kind, input.target, numberKey(input.target), input.scope, JSON.stringify(input.articles), resolveTarget(db, input.target, id));
  });
}

/** The document stating relation `relationId`. */
function ownerOf(db: Db, relationId: number): string {
  const owner = statement(db, 'SELECT publication_id FROM relations WHERE id = ?').pluck().get(relationId) as string | undefined;
  if (owner === undefined) throw notFound();
  return owner;
}

/** Removes a relation (kept as removed: no reading brings it back). */
export function removeRelation(db: Db, relationId: number, now = new Date()): void {
  changing(db, ownerOf(db, relationId), now, () => {
    statement(db, "UPDATE relations SET source = 'correction', removed_at = ? WHERE id = ?").run(now.toISOString(), relationId);
  });
}

/** Undoes the removal of a relation. */
export function restoreRelation(db: Db, relationId: number, now = new Date()): void {
  changing(db, ownerOf(db, relationId), now, () => {
    statement(db, 'UPDATE relations SET removed_at = NULL WHERE id = ?').run(relationId);
  });
}

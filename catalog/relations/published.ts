/**
 * What a hub publishes of a legal document's relations (docs/feed.md): once it has read the text,
 * its reading — the effective date the text states, whether it takes effect on signing, and the
 * relations the hub holds for it, read and corrected by its officials (a removed one left out).
 * A station stores that reading as given instead of reading the text again (readings.ts); before
 * the hub has read it, nothing is published and the station reads the text itself.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { DocumentRelations, Relation } from '../../shared/legal/relations.js';

interface Row {
  kind: Relation['kind'];
  target: string | null;
  targetTitle: string | null;
  scope: Relation['scope'];
  articles: string;
  evidence: string;
}

/** The reading a hub publishes with publication `id`; null when it has not read its text. */
export function publishedReading(db: Db, id: string): DocumentRelations | null {
  const read = statement(db, 'SELECT effective_date AS effective, on_signing AS onSigning FROM relation_readings WHERE publication_id = ?').get(id) as
    | { effective: string | null; onSigning: number }
    | undefined;
  if (!read) return null;
  const rows = statement(db,
    `SELECT kind, target_number AS target, target_title AS targetTitle, scope, articles, evidence
     FROM relations WHERE publication_id = ? AND removed_at IS NULL ORDER BY id`,
  ).all(id) as Row[];
  return {
    effective: read.effective,
    onSigning: read.onSigning === 1,
    relations: rows.map((row) => ({ ...row, articles: JSON.parse(row.articles) as string[] })),
  };
}

/**
 * A publication as its page shows it (the contract's publications.get): its record, its effective
 * date (given, else read from its text), why it has its status (when derived), the documents it
 * names and that name it, grouped as shared/related.ts orders them, and the relations an official
 * removed (so that an official can undo a removal). publicationPage is that page or not_found.
 */
import { AppError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { readStoredRef } from '../db/stored-refs.js';
import { getPublication } from '../publications.js';
import type { DocumentStatus, PublicationDetail } from '../../shared/domain.js';
import { RELATED_GROUPS } from '../../shared/related.js';
import type { RelatedDocument, RelatedGroup, RelationDirection, RelationKind, RelationSource } from '../../shared/related.js';
import { effectiveDateOf } from './readings.js';

interface RelatedRow {
  relationId: number;
  kind: RelationKind;
  source: RelationSource;
  number: string | null;
  title: string | null;
  publicationId: string | null;
  status: DocumentStatus | null;
  scope: 'whole' | 'part';
  articles: string;
}

/** Relations that stand (removed: those an official removed). */
const outgoing = (removed: boolean) => `SELECT r.id AS relationId, r.kind, r.source, coalesce(t.number, r.target_number) AS number, coalesce(t.title, r.target_title) AS title,
    r.target_id AS publicationId, t.status, r.scope, r.articles
  FROM relations r LEFT JOIN publications t ON t.id = r.target_id
  WHERE r.publication_id = ? AND r.removed_at IS ${removed ? 'NOT NULL' : 'NULL'} ORDER BY r.id`;
const incoming = (removed: boolean) => `SELECT r.id AS relationId, r.kind, r.source, s.number, s.title, s.id AS publicationId, s.status, r.scope, r.articles
  FROM relations r JOIN publications s ON s.id = r.publication_id
  WHERE r.target_id = ? AND r.removed_at IS ${removed ? 'NOT NULL' : 'NULL'} ORDER BY s.issued_date DESC, s.id`;

/** The documents related to publication `id` (or those whose relation an official removed), both ways. */
function relatedDocuments(db: Db, id: string, removed: boolean): RelatedDocument[] {
  const rows = (direction: RelationDirection, sql: string): RelatedDocument[] =>
    (statement(db, sql).all(id) as RelatedRow[]).map((row) => ({ ...row, direction, articles: JSON.parse(row.articles) as string[] }));
  return [...rows('outgoing', outgoing(removed)), ...rows('incoming', incoming(removed))];
}

/** The documents related to publication `id`, in groups (empty ones left out). */
export function relatedGroups(db: Db, id: string): RelatedGroup[] {
  const related = relatedDocuments(db, id, false);
  return RELATED_GROUPS.flatMap(({ group, kind, direction }) => {
    const items = related.filter((item) => item.kind === kind && item.direction === direction);
    return items.length > 0 ? [{ group, items }] : [];
  });
}

/** The publication as its page shows it, or null when there is none with this id. */
export function publicationDetail(db: Db, id: string): PublicationDetail | null {
  const publication = getPublication(db, id);
  if (!publication) return null;
  const row = statement(db,
    `SELECT ${effectiveDateOf('p', 'r')} AS effective, p.status_reason AS reason
     FROM publications p LEFT JOIN relation_readings r ON r.publication_id = p.id WHERE p.id = ?`,
  ).get(id) as { effective: string | null; reason: string | null };
  return {
    ...publication,
    effectiveDate: row.effective,
    statusReason: readStoredRef(row.reason),
    related: relatedGroups(db, id),
    removedRelations: relatedDocuments(db, id, true),
  };
}

/** The publication as its page shows it; not_found when there is none with this id. */
export function publicationPage(db: Db, id: string): PublicationDetail {
  const detail = publicationDetail(db, id);
  if (!detail) throw new AppError('not_found', { key: 'error.not_found' });
  return detail;
}

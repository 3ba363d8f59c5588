/**
 * Search filters (type, issuer, year, field, legal status, kind, language) as one SQL
 * condition on the `pub` alias of publications, with its bound parameters.
 */
import type { DocumentStatus, PublicationKind } from '../../shared/domain.js';

export interface SearchFilters {
  docType?: string[];
  issuer?: string[];
  year?: number[];
  field?: string[];
  /** The status shown (catalog/relations/status.ts). */
  legalStatus?: DocumentStatus[];
  kind?: PublicationKind[];
  language?: string[];
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

export function filterCondition(filters: SearchFilters = {}): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  const column = (name: string, values: unknown[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${name} IN (${placeholders(values)})`);
    params.push(...values);
  };
  column('pub.doc_type', filters.docType);
  column('pub.issuer', filters.issuer);
  column('pub.status', filters.legalStatus);
  column('pub.kind', filters.kind);
  column('pub.language', filters.language);
  column("CAST(substr(pub.issued_date, 1, 4) AS INTEGER)", filters.year);
  if (filters.field?.length) {
    parts.push(`EXISTS (SELECT 1 FROM json_each(pub.fields) WHERE value IN (${placeholders(filters.field)}))`);
    params.push(...filters.field);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/**
 * Facet counts (type, issuer, year, field, legal status, kind, language) over a set of
 * publications: the results of a query, or the whole catalog.
 */
import type { Db } from '../db/open.js';
import { FACET_NAMES } from '../../shared/search/results.js';
import type { FacetName, Facets, FacetValue } from '../../shared/search/results.js';

const FACET_VALUE: Record<Exclude<FacetName, 'field'>, string> = {
  docType: 'pub.doc_type',
  issuer: 'pub.issuer',
  year: 'substr(pub.issued_date, 1, 4)',
  legalStatus: 'pub.legal_status',
  kind: 'pub.kind',
  language: 'pub.language',
};

/** At most this many values per facet, the most frequent first. */
const MAX_VALUES = 50;

/** Counts over the given publication ids, or over every publication when `ids` is null. */
export function countFacets(db: Db, ids: string[] | null): Facets {
  const scope = ids ? 'pub.id IN (SELECT value FROM json_each(?))' : '1';
  const params = ids ? [JSON.stringify(ids)] : [];
  const facets = {} as Facets;
  for (const name of FACET_NAMES) {
    const sql =
      name === 'field'
        ? `SELECT f.value AS value, count(*) AS count FROM publications pub, json_each(pub.fields) f WHERE ${scope} GROUP BY f.value`
        : `SELECT ${FACET_VALUE[name]} AS value, count(*) AS count FROM publications pub WHERE ${scope} AND ${FACET_VALUE[name]} IS NOT NULL GROUP BY 1`;
    const rows = db.prepare(`${sql} ORDER BY count DESC, value ASC LIMIT ${MAX_VALUES}`).all(...params) as FacetValue[];
    facets[name] = rows.map((row) => ({ value: String(row.value), count: row.count }));
  }
  return facets;
}

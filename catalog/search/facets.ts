/**
 * Facet counts (type, issuer, year, field, legal status, kind, language) over a set of
 * publications: the results of a query (their rows read once and counted here), or the whole
 * catalog (counted by SQL, one GROUP BY per facet).
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { FACET_NAMES } from '../../shared/search/results.js';
import type { FacetName, Facets, FacetValue } from '../../shared/search/results.js';

const FACET_VALUE: Record<Exclude<FacetName, 'field'>, string> = {
  docType: 'pub.doc_type',
  issuer: 'pub.issuer',
  year: 'substr(pub.issued_date, 1, 4)',
  legalStatus: 'pub.status',
  kind: 'pub.kind',
  language: 'pub.language',
};

/** At most this many values per facet, the most frequent first. */
const MAX_VALUES = 50;

const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** Counts over every publication. */
function countAll(db: Db): Facets {
  const facets = {} as Facets;
  for (const name of FACET_NAMES) {
    const sql =
      name === 'field'
        ? 'SELECT f.value AS value, count(*) AS count FROM publications pub, json_each(pub.fields) f GROUP BY f.value'
        : `SELECT ${FACET_VALUE[name]} AS value, count(*) AS count FROM publications pub WHERE ${FACET_VALUE[name]} IS NOT NULL GROUP BY 1`;
    const rows = statement(db, `${sql} ORDER BY count DESC, value ASC LIMIT ${MAX_VALUES}`).all() as FacetValue[];
    facets[name] = rows.map((row) => ({ value: String(row.value), count: row.count }));
  }
  return facets;
}

/** Counts over the given publications: their facet values read in one query. */
function countOf(db: Db, ids: string[]): Facets {
  const columns = (Object.entries(FACET_VALUE) as [Exclude<FacetName, 'field'>, string][]).map(([name, sql]) => `${sql} AS ${name}`).join(', ');
  const rows = statement(db, `SELECT ${columns}, pub.fields AS field FROM publications pub WHERE pub.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<FacetName, string | null>[];
  const counts = Object.fromEntries(FACET_NAMES.map((name) => [name, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  const add = (name: FacetName, value: string) => counts[name].set(value, (counts[name].get(value) ?? 0) + 1);
  for (const row of rows) {
    for (const name of FACET_NAMES) {
      const value = row[name];
      if (value === null) continue;
      if (name === 'field') for (const field of JSON.parse(value) as string[]) add(name, String(field));
      else add(name, String(value));
    }
  }
  const facets = {} as Facets;
  for (const name of FACET_NAMES) facets[name] = [...counts[name]].map(([value, count]) => ({ value, count })).sort(byCount).slice(0, MAX_VALUES);
  return facets;
}

/** Counts over the given publication ids, or over every publication when `ids` is null. */
export function countFacets(db: Db, ids: string[] | null): Facets {
  return ids ? countOf(db, ids) : countAll(db);
}

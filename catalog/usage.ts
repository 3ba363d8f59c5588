/**
 * Daily usage counters for the yearly report (tables usage_days and no_result_terms, migration 7;
 * documents opened come from reads, migration 6). Only counts per day are kept: no address, no
 * session, nothing about who used the station. A search with no result keeps its text folded
 * (no accents, lower case), trimmed to 100 characters, with long digit runs (phone or ID card
 * numbers) masked, and counted per day with the same searches of others.
 */
import type { Db } from './db/open.js';
import { statement } from './db/statements.js';
import { localDay } from './reads.js';
import { vnFold } from '../shared/text.js';
import { USAGE_COUNTERS, USAGE_REPORT_MAX_MONTHS, monthsInPeriod } from '../shared/contract.js';
import type { UsageCounter, UsageMonth, UsageSummary } from '../shared/contract.js';

export const NO_RESULT_TERM_MAX = 100;
const TOP_DOCUMENTS = 20;
const TOP_TERMS = 20;

export function isUsageCounter(name: string): name is UsageCounter {
  return (USAGE_COUNTERS as readonly string[]).includes(name);
}

/** Adds n to a counter for the day of `now` (local time). */
export function countUsage(db: Db, counter: UsageCounter, n = 1, now = new Date()): void {
  if (!isUsageCounter(counter)) throw new RangeError(`unknown usage counter: ${String(counter)}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`usage count must be a positive integer: ${n}`);
  statement(db, 'INSERT INTO usage_days (day, counter, count) VALUES (?, ?, ?) ON CONFLICT (day, counter) DO UPDATE SET count = count + excluded.count').run(
    localDay(now),
    counter,
    n,
  );
}

/**
 * What is kept of a query that found nothing: folded, spaces collapsed, runs of 7 digits or
 * more (phone, ID card numbers; document numbers have shorter ones) replaced by '#', at most
 * 100 characters. Empty when nothing is left.
 */
export function noResultTerm(query: string): string {
  return vnFold(query)
    .replace(/\d{7,}/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, NO_RESULT_TERM_MAX)
    .trim();
}

/** Counts a search with no result: the search_no_result counter and its folded term. */
export function countNoResult(db: Db, query: string, now = new Date()): void {
  db.transaction(() => {
    countUsage(db, 'search_no_result', 1, now);
    const term = noResultTerm(query);
    if (term) {
      statement(db, 'INSERT INTO no_result_terms (day, term, count) VALUES (?, ?, 1) ON CONFLICT (day, term) DO UPDATE SET count = count + 1').run(
        localDay(now),
        term,
      );
    }
  })();
}

/**
 * Counts a search the engine answered: only a first page (offset 0) of a non-empty query is a
 * search (a next page or browsing is not), and it found nothing when total is 0. The engine
 * counts through catalog/db/deferred-writes.ts, so counting never fails or delays the search.
 */
export function countSearch(db: Db, query: string, offset: number, total: number, now = new Date()): void {
  if (offset !== 0 || !query.trim()) return;
  db.transaction(() => {
    countUsage(db, 'search', 1, now);
    if (total === 0) countNoResult(db, query, now);
  })();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** Every month of a period, YYYY-MM, in order (empty ones too). */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

function zeroCounts(): Record<UsageCounter, number> {
  return Object.fromEntries(USAGE_COUNTERS.map((c) => [c, 0])) as Record<UsageCounter, number>;
}

/**
 * Use of the station from `from` to `to` (YYYY-MM-DD, local days, both included): every month
 * of the period (empty ones too), totals, the documents opened most, openings by field, and
 * the searches with no result most often. Documents added are read from the catalog itself:
 * the publications that arrived at this station in the period (import or sync; their
 * created_at, which an update keeps), so the figure also covers the time before the counters
 * existed and needs no hook in every writer. The demo set shipped with the app (demo_publications,
 * catalog/demo.ts) was not added by anyone and is left out. `document_added` rows of usage_days
 * are therefore not summed (they would count the same documents twice).
 */
export function usageBetween(db: Db, from: string, to: string): UsageSummary {
  if (!isIsoDay(from) || !isIsoDay(to)) throw new RangeError(`dates must be YYYY-MM-DD: ${from}, ${to}`);
  if (from > to) throw new RangeError(`the period ends before it starts: ${from} > ${to}`);
  if (monthsInPeriod(from, to) > USAGE_REPORT_MAX_MONTHS) throw new RangeError(`at most ${USAGE_REPORT_MAX_MONTHS} months`);

  const months = new Map<string, UsageMonth>(monthsOf(from, to).map((month) => [month, { month, opened: 0, counts: zeroCounts() }]));
  const counterRows = db
    .prepare('SELECT substr(day, 1, 7) AS month, counter, sum(count) AS n FROM usage_days WHERE day BETWEEN ? AND ? GROUP BY month, counter')
    .all(from, to) as { month: string; counter: string; n: number }[];
  for (const row of counterRows) {
    const month = months.get(row.month);
    if (month && isUsageCounter(row.counter) && row.counter !== 'document_added') month.counts[row.counter] += row.n;
  }
  const added = db
    .prepare(
      `SELECT substr(date(created_at, 'localtime'), 1, 7) AS month, count(*) AS n FROM publications
       WHERE date(created_at, 'localtime') BETWEEN ? AND ? AND id NOT IN (SELECT publication_id FROM demo_publications)
       GROUP BY month`,
    )
    .all(from, to) as { month: string; n: number }[];
  for (const row of added) {
    const month = months.get(row.month);
    if (month) month.counts.document_added += row.n;
  }
  const opened = db
    .prepare('SELECT substr(day, 1, 7) AS month, sum(count) AS n FROM reads WHERE day BETWEEN ? AND ? GROUP BY month')
    .all(from, to) as { month: string; n: number }[];
  for (const row of opened) {
    const month = months.get(row.month);
    if (month) month.opened += row.n;
  }

  const totals = { ...zeroCounts(), opened: 0 };
  for (const month of months.values()) {
    totals.opened += month.opened;
    for (const counter of USAGE_COUNTERS) totals[counter] += month.counts[counter];
  }

  const topDocuments = (
    db
      .prepare(
        `SELECT r.publication_id AS id, p.title, p.number, sum(r.count) AS opened
         FROM reads r LEFT JOIN publications p ON p.id = r.publication_id
         WHERE r.day BETWEEN ? AND ? GROUP BY r.publication_id ORDER BY opened DESC, p.title_sort, r.publication_id LIMIT ?`,
      )
      .all(from, to, TOP_DOCUMENTS) as { id: string; title: string | null; number: string | null; opened: number }[]
  ).map((row) => ({ ...row, title: row.title ?? row.id }));

  // A document in two fields counts in both; one with no field (or since deleted) under null.
  const byField = db
    .prepare(
      `WITH opened AS (
         SELECT publication_id, sum(count) AS n FROM reads WHERE day BETWEEN ? AND ? GROUP BY publication_id
       )
       SELECT f.value AS field, sum(o.n) AS opened
       FROM opened o LEFT JOIN publications p ON p.id = o.publication_id
       LEFT JOIN json_each(CASE WHEN json_array_length(coalesce(p.fields, '[]')) > 0 THEN p.fields END) f
       GROUP BY field ORDER BY field IS NULL, opened DESC, field`,
    )
    .all(from, to) as { field: string | null; opened: number }[];

  const noResultTerms = db
    .prepare('SELECT term, sum(count) AS count FROM no_result_terms WHERE day BETWEEN ? AND ? GROUP BY term ORDER BY count DESC, term LIMIT ?')
    .all(from, to, TOP_TERMS) as { term: string; count: number }[];

  return { from, to, totals, months: [...months.values()], topDocuments, byField, noResultTerms };
}

/**
 * Typeahead: titles and document numbers as the user types. Unranked FTS5 prefix queries
 * (fast with the prefix index) gather up to 200 candidates each, re-ranked here: titles that
 * start with the input first, then the input as a phrase, then all its syllables.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { numberKey } from '../../shared/text.js';
import { exactSyllables, tokenize } from '../../shared/search/tokens.js';
import type { Suggestion } from '../../shared/search/results.js';
import { ftsTerm } from './query.js';
import { matchRanges } from './snippets.js';

/** Candidates gathered before re-ranking; later tiers run only while fewer have been found. */
const CANDIDATES = 60;
const NUMBER_START = /^\s*\d/;

interface Row {
  id: string;
  title: string;
  number: string | null;
  docType: string | null;
  issuedDate: string | null;
}

const COLUMNS = 'pub.id, pub.title, pub.number, pub.doc_type AS docType, pub.issued_date AS issuedDate';

function byNumber(db: Db, q: string): Row[] {
  const key = numberKey(q);
  return statement(db, `SELECT ${COLUMNS} FROM publications pub WHERE pub.number_key >= ? AND pub.number_key < ? ORDER BY pub.number_key LIMIT ${CANDIDATES}`)
    .all(key, `${key}\uffff`) as Row[];
}

function byTitle(db: Db, words: string[], typed: string): { row: Row; tier: number }[] {
  const last = words.length - 1;
  const phrase = `"${words.join(' ').replace(/"/g, '""')}" *`;
  const allOf = words.map((w, i) => (i === last ? `${ftsTerm(w)} *` : ftsTerm(w))).join(' AND ');
  const matching = (match: string) =>
    statement(db, 
      `SELECT ${COLUMNS} FROM meta_fts JOIN search_docs sd ON sd.rowid = meta_fts.rowid JOIN publications pub ON pub.id = sd.publication_id
       WHERE meta_fts MATCH ? LIMIT ${CANDIDATES}`,
    ).all(match) as Row[];
  // Tier 0, titles that start with the input, is a range on the folded title (fast however
  // common the words); tiers 1 and 2 search the index for the phrase, then for all syllables.
  const key = words.join(' ') + (/[\p{L}\p{N}]$/u.test(typed) ? '' : ' ');
  const startsWith = () =>
    statement(db, `SELECT ${COLUMNS} FROM publications pub WHERE pub.title_key >= ? AND pub.title_key < ? LIMIT ${CANDIDATES}`).all(key, `${key}\uffff`) as Row[];
  const seen = new Set<string>();
  const found: { row: Row; tier: number }[] = [];
  const tiers = [startsWith, () => matching(`title : ${phrase}`), () => matching(`{title number} : (${allOf})`)];
  for (const [tier, rows] of tiers.entries()) {
    if (found.length >= CANDIDATES) break;
    for (const row of rows()) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      found.push({ row, tier });
    }
  }
  return found;
}

export function suggest(db: Db, q: string, limit: number): Suggestion[] {
  const input = q.normalize('NFC').trim().slice(0, 200);
  if (!input) return [];
  const words = tokenize(input).map((t) => t.text);
  const typedExact = new Set(exactSyllables(input));
  const scored: { row: Row; score: number }[] = [];
  if (NUMBER_START.test(input)) {
    const key = numberKey(input);
    for (const row of byNumber(db, input)) {
      // "14/2019" should offer 14/2019/QĐ-TTg before 14/20190…: a whole segment beats a partial one.
      const next = numberKey(row.number ?? '').charAt(key.length);
      scored.push({ row, score: 10 + (next === '' || next === '/' || next === '-' ? 1 : 0) });
    }
  }
  if (words.length) {
    for (const { row, tier } of byTitle(db, words, input)) {
      const exact = exactSyllables(row.title).filter((s) => typedExact.has(s)).length;
      scored.push({ row, score: 3 - tier + 0.1 * exact - row.title.length / 10_000 });
    }
  }
  const wordSet = new Set(words);
  const seen = new Set<string>();
  return scored
    .sort((a, b) => b.score - a.score || a.row.title.localeCompare(b.row.title, 'vi'))
    .filter(({ row }) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, limit)
    .map(({ row }) => ({ ...row, titleHighlights: matchRanges(row.title, { words: wordSet }) }));
}

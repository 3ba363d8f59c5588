/**
 * Turns what a resident typed into the parts the search runs: document numbers (full and
 * partial), folded syllables and syllable pairs for FTS5, and the exact-accent keys used to
 * rank "đường" above "dương" when the query has its marks.
 */
import { parseNumberQuery, partialKeyRange } from '../../shared/legal/numbers.js';
import { exactKey, pairsOf, tokenize } from '../../shared/search/tokens.js';

export interface ParsedQuery {
  /** numberKey forms of full document numbers in the query. */
  numbers: string[];
  /** Key ranges of partial numbers such as "14/2019". */
  numberRanges: { low: string; high: string }[];
  /** Folded syllables of the rest of the query, without duplicates, in order. */
  words: string[];
  /** Folded syllable pairs of the rest of the query. */
  pairs: string[];
  /** For each folded syllable typed with marks, its exact-accent key. */
  exact: Map<string, string>;
  /** The syllables typed with marks, as typed (NFC). */
  marked: string[];
}

const HAS_MARKS = /[^\p{ASCII}]/u;

export function parseQuery(query: string): ParsedQuery {
  const nfc = query.normalize('NFC').slice(0, 500);
  const numbers = parseNumberQuery(nfc);
  const rest = numbers.rest;
  const tokens = tokenize(rest);
  const exact = new Map<string, string>();
  const marked: string[] = [];
  for (const token of tokens) {
    const typed = rest.slice(token.start, token.end);
    if (!HAS_MARKS.test(typed)) continue;
    if (!exact.has(token.text)) marked.push(typed);
    exact.set(token.text, exactKey(typed));
  }
  return {
    numbers: numbers.full,
    numberRanges: numbers.partial.map((p) => partialKeyRange(p.prefix)),
    words: [...new Set(tokens.map((t) => t.text))],
    pairs: [...new Set(pairsOf(tokens, rest))],
    exact,
    marked,
  };
}

/** A token quoted for an FTS5 MATCH expression (folded tokens hold letters, digits and '_'). */
export function ftsTerm(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

export function anyOf(tokens: string[]): string {
  return tokens.map(ftsTerm).join(' OR ');
}

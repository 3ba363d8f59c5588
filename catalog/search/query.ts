/**
 * What a search runs (made by understand.ts from what a resident typed): document numbers (full
 * and partial) and references, folded syllables and syllable pairs for FTS5, the exact-accent
 * keys used to rank "đường" above "dương" when the query has its marks, and the law's words the
 * thesaurus adds; and the FTS5 quoting of a term.
 */

export interface ParsedQuery {
  /** numberKey forms of full document numbers in the query. */
  numbers: string[];
  /** Key ranges of partial numbers such as "14/2019". */
  numberRanges: { low: string; high: string }[];
  /** "quyết định 28": documents of this type whose number starts with the serial. */
  references: { docType: string; low: string; high: string }[];
  /** Folded syllables that drive ranking (the query's, less the words that only make a question), without duplicates, in order. */
  words: string[];
  /** Folded syllable pairs of those words. */
  pairs: string[];
  /** Those words in the order typed, in runs of adjacent ones: a passage that holds a long run quotes the query. */
  runs: string[][];
  /** For each folded syllable typed with marks, its exact-accent key. */
  exact: Map<string, string>;
  /** The syllables typed with marks, as typed (NFC). */
  marked: string[];
  /**
   * The law's words for what was typed (thesaurus), folded: searched besides, weighing less —
   * least for a phrase the catalog's own text also uses ('legal'), more for everyday words it
   * does not ('everyday': "ly dị", "sổ đỏ"); `phrases`: each added term's folded syllables.
   */
  expansions: { tier: 'everyday' | 'legal'; words: string[]; pairs: string[]; phrases: string[][] }[];
}

/** A token quoted for an FTS5 MATCH expression (folded tokens hold letters, digits and '_'). */
export function ftsTerm(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

export function anyOf(tokens: string[]): string {
  return tokens.map(ftsTerm).join(' OR ');
}

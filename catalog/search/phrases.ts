/**
 * How a passage holds the query's words together, read from its text: the longest run of the
 * query's adjacent words it holds verbatim (a quote of the query), and whether it holds any of
 * them side by side, or a phrase the thesaurus added. A passage that holds the words only
 * scattered ("lý" here, "hơn" there for "ly hôn") does not answer the query (rank.ts).
 */
import { vnFold } from '../../shared/text.js';
import type { ParsedQuery } from './query.js';

/** A text folded to its syllables, one space apart, with a space at each end. */
export function foldedWords(text: string): string {
  return ` ${vnFold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

const holds = (folded: string, words: string[]) => folded.includes(` ${words.join(' ')} `);

/** The longest run of adjacent query words the folded text holds verbatim. */
export function longestRun(folded: string, runs: string[][]): number {
  let longest = 0;
  for (const run of runs) {
    for (let i = 0; i + longest < run.length; i += 1) {
      let j = i + longest + 1;
      if (!holds(folded, run.slice(i, j))) continue;
      while (j < run.length && holds(folded, run.slice(i, j + 1))) j += 1;
      longest = j - i;
    }
  }
  return longest;
}

/** The folded text holds one of the phrases the thesaurus added. */
export function holdsExpansion(folded: string, expansions: ParsedQuery['expansions']): boolean {
  return expansions.some((e) => e.phrases.some((phrase) => holds(folded, phrase)));
}

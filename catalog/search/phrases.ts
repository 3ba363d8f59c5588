/**
 * How a passage holds the query's words together, read from its text: the longest run of the
 * query's adjacent words it holds verbatim (a quote of the query), and whether it holds any of
 * them side by side, or a phrase the thesaurus added. A passage that holds the words only
 * scattered ("lý" here, "hơn" there for "ly hôn") does not answer the query (rank.ts).
 */
import { fromCodeUnits, vnFold } from '../../shared/text.js';
import type { ParsedQuery } from './query.js';

/** Per BMP code unit: 1 a letter or digit, 2 anything else, 0 not looked at yet (halves of surrogate pairs count as letters). */
const WORD_CHAR = new Uint8Array(0x10000);

function isWordCode(code: number): boolean {
  let kind = WORD_CHAR[code];
  if (!kind) WORD_CHAR[code] = kind = (code >= 0xd800 && code <= 0xdfff) || /[\p{L}\p{N}]/u.test(String.fromCharCode(code)) ? 1 : 2;
  return kind === 1;
}

/**
 * A text folded to its syllables, one space apart, with a space at each end (each run of other
 * characters is one space). `folded`: the text already folded with vnFold.
 */
export function foldedWords(text: string, folded = vnFold(text)): string {
  const out = new Uint16Array(folded.length + 2);
  let n = 0;
  out[n++] = 32;
  let gap = false;
  for (let i = 0; i < folded.length; i += 1) {
    const code = folded.charCodeAt(i);
    if (isWordCode(code)) {
      out[n++] = code;
      gap = false;
    } else if (!gap) {
      out[n++] = 32;
      gap = true;
    }
  }
  out[n++] = 32;
  return fromCodeUnits(out.subarray(0, n));
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

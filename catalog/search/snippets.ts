/**
 * Snippets with highlights on the original accented text: the query's folded syllables are
 * found in the folded passage (one character per character, see vnFold), so their offsets
 * are offsets in the text the reader sees.
 */
import { tokenize } from '../../shared/search/tokens.js';

export interface Snippet {
  text: string;
  /** [start, end) offsets in `text` to highlight. */
  highlights: [number, number][];
}

const SNIPPET_CHARS = 260;

/** Offsets of the syllables of `text` that are query words, folded. */
export function matchRanges(text: string, words: ReadonlySet<string>): [number, number][] {
  return tokenize(text)
    .filter((t) => words.has(t.text))
    .map((t) => [t.start, t.end]);
}

/** The window of `text` with the most query words, trimmed to word boundaries, with highlights. */
export function makeSnippet(text: string, words: ReadonlySet<string>, maxChars = SNIPPET_CHARS): Snippet {
  const nfc = text.normalize('NFC');
  const ranges = matchRanges(nfc, words);
  let start = 0;
  if (ranges.length) {
    // Slide a window over the matches and keep the one covering the most distinct words.
    let bestCount = -1;
    for (let i = 0; i < ranges.length; i += 1) {
      const from = ranges[i][0];
      const distinct = new Set<string>();
      for (let j = i; j < ranges.length && ranges[j][1] - from <= maxChars; j += 1) {
        distinct.add(nfc.slice(ranges[j][0], ranges[j][1]).toLowerCase());
      }
      if (distinct.size > bestCount) {
        bestCount = distinct.size;
        start = from;
      }
    }
    start = Math.max(0, start - 40);
    const space = nfc.lastIndexOf(' ', start);
    if (start > 0 && space > start - 20) start = space + 1;
  }
  let end = Math.min(nfc.length, start + maxChars);
  if (end < nfc.length) {
    const space = nfc.lastIndexOf(' ', end);
    if (space > start + maxChars / 2) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < nfc.length ? '…' : '';
  // Line breaks stay (offsets must not move); the UI collapses white space when it shows it.
  const body = nfc.slice(start, end);
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: prefix + body + suffix, highlights };
}

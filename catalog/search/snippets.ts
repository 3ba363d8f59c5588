/**
 * Snippets with highlights on the original accented text: the query's folded syllables are
 * found in the folded passage (one character per character, see vnFold), so their offsets
 * are offsets in the text the reader sees. A syllable typed with marks is highlighted only
 * where the text has the same marks ("hôn", not "hơn"); a phrase the thesaurus added ("làm
 * thêm giờ") only where it stands whole.
 */
import { exactKey } from '../../shared/search/tokens.js';
import { escapeRegExp, vnFold } from '../../shared/text.js';
import type { Token } from '../../shared/search/tokens.js';

/** What to highlight: folded syllables, and for those typed with marks, the exact-accent key they must have; phrases of folded syllables, whole. */
export interface Highlight {
  words: ReadonlySet<string>;
  exact?: ReadonlyMap<string, string>;
  phrases?: readonly (readonly string[])[];
}

export interface Snippet {
  text: string;
  /** [start, end) offsets in `text` to highlight. */
  highlights: [number, number][];
}

const SNIPPET_CHARS = 260;

/** A syllable character: anything between two found syllables that is one means they are not adjacent. */
const SYLLABLE_CHAR = /[\p{L}\p{N}]/u;

/** One pattern per highlight finding any of its syllables, whole, in folded text. */
const patterns = new WeakMap<Highlight, RegExp | null>();

function patternOf(highlight: Highlight): RegExp | null {
  let pattern = patterns.get(highlight);
  if (pattern === undefined) {
    const terms = [...new Set([...highlight.words, ...(highlight.phrases ?? []).flat()])];
    pattern = terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
    patterns.set(highlight, pattern);
  }
  return pattern;
}

/**
 * The syllables of `text` to highlight, with their offsets: the query's syllables (with their
 * marks when typed with them), and the thesaurus's phrases where their syllables follow each other.
 * Only the syllables the highlight names are found, not every syllable of the text.
 */
function matches(text: string, highlight: Highlight): Token[] {
  const pattern = patternOf(highlight);
  if (!pattern) return [];
  const { words, exact, phrases = [] } = highlight;
  const folded = vnFold(text);
  const found: Token[] = [];
  for (const match of folded.matchAll(pattern)) found.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  const marked = found.map((t) => {
    if (!words.has(t.text)) return false;
    const key = exact?.get(t.text);
    return key === undefined || exactKey(text.slice(t.start, t.end)) === key;
  });
  const adjacent = (i: number) => !SYLLABLE_CHAR.test(folded.slice(found[i].end, found[i + 1].start));
  for (let i = 0; i < found.length; i += 1) {
    for (const phrase of phrases) {
      if (!phrase.every((word, k) => found[i + k]?.text === word && (k === 0 || adjacent(i + k - 1)))) continue;
      for (let k = 0; k < phrase.length; k += 1) marked[i + k] = true;
    }
  }
  return found.filter((_, i) => marked[i]);
}

/** Offsets of the syllables of `text` to highlight. */
export function matchRanges(text: string, highlight: Highlight): [number, number][] {
  return matches(text, highlight).map((t) => [t.start, t.end]);
}

/** The window of `text` with the most query words, trimmed to word boundaries, with highlights. */
export function makeSnippet(text: string, highlight: Highlight, maxChars = SNIPPET_CHARS): Snippet {
  const nfc = text.normalize('NFC');
  const found = matches(nfc, highlight);
  const ranges = found.map((t): [number, number] => [t.start, t.end]);
  let start = 0;
  if (found.length) {
    // Two pointers over the matches: the window of at most maxChars covering the most
    // distinct query words wins; its first match is where the snippet starts.
    const counts = new Map<string, number>();
    let bestCount = -1;
    let right = 0;
    for (let left = 0; left < found.length; left += 1) {
      while (right < found.length && found[right].end - found[left].start <= maxChars) {
        counts.set(found[right].text, (counts.get(found[right].text) ?? 0) + 1);
        right += 1;
      }
      if (counts.size > bestCount) {
        bestCount = counts.size;
        start = found[left].start;
      }
      const leaving = found[left].text;
      const remaining = (counts.get(leaving) ?? 1) - 1;
      if (remaining) counts.set(leaving, remaining);
      else counts.delete(leaving);
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

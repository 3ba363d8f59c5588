/**
 * The words of a search, found in a reader's text the way the results page marks them: each
 * syllable folded (no marks, đ→d, any case), in any order, as a whole word (or, for the book
 * search box, as the start of one); a syllable typed with its marks only where the text has the
 * same marks ("hôn", not "hơn"). Words that follow each other with only spaces between them make
 * one run, so "xử phạt giao thông" standing together is one result, not four. Words in quotes
 * ("\"ly hôn\"", as a hit carries the law's words the search added) are found only together, in
 * that order, so "hôn" alone in "kết hôn" is not marked. Pure: the PDF reader runs it on pdf.js's
 * page text, the EPUB reader on a book's passages.
 */
import { exactKey } from '../../../../shared/search/tokens.js';
import { escapeRegExp, vnFold } from '../../../../shared/text.js';

export interface SearchWord {
  /** The syllable folded (a phrase: its syllables folded, one space between). */
  folded: string;
  /** Its exact-accent key, when it was typed with marks. */
  exact?: string;
}

/** A stretch of text holding one or more of the words, offsets in the raw text (end exclusive). */
export interface WordRun {
  start: number;
  end: number;
  /** The words of the search it holds (folded, each once). */
  words: string[];
}

const SYLLABLE = /[\p{L}\p{N}]+/gu;
const COMBINING = /\p{M}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** What may stand between two words of one run: spaces and line breaks, nothing else. */
const RUN_GAP = /^[\s\u00a0]+$/;

/** Quoted words ("…" or “…”): a phrase. */
const QUOTED = /["“”]([^"“”]*)["“”]/gu;
/** What stands between the syllables of a phrase in the text. */
const GAP = '[\\s\\u00a0]+';

/** A word or phrase with the marks it was typed with: its folded form and its exact key (phrases: syllables joined by one space). */
function searchWord(syllables: readonly string[]): SearchWord {
  const typed = syllables.join(' ');
  const folded = vnFold(typed);
  return folded !== typed.toLowerCase() ? { folded, exact: exactKey(typed) } : { folded };
}

/** The different syllables of a query and its quoted phrases, folded, with the marks they were typed with. */
export function searchWords(query: string): SearchWord[] {
  const byFolded = new Map<string, SearchWord>();
  const add = (word: SearchWord) => {
    const seen = byFolded.get(word.folded);
    // Typed both with and without marks: any marks will do.
    if (seen) seen.exact = seen.exact !== undefined && word.exact === seen.exact ? seen.exact : undefined;
    else byFolded.set(word.folded, word);
  };
  const nfc = query.normalize('NFC');
  for (const [, phrase] of nfc.matchAll(QUOTED)) {
    const syllables = [...phrase.matchAll(SYLLABLE)].map((m) => m[0]);
    if (syllables.length > 0) add(searchWord(syllables));
  }
  for (const [syllable] of nfc.replace(QUOTED, ' ').matchAll(SYLLABLE)) add(searchWord([syllable]));
  return [...byFolded.values()];
}

/**
 * Folds text like `vnFold` and maps each folded character back to the raw text, so a match in
 * folded text is a range in the raw text even when it is not NFC (pdf.js gives decomposed text).
 * map[i] is the raw offset where folded character i starts; map[folded.length] = raw.length.
 */
export function foldWithMap(raw: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  while (i < raw.length) {
    let j = i + 1;
    // A surrogate pair stays together; combining marks join their base letter.
    if (raw.charCodeAt(i) >= 0xd800 && raw.charCodeAt(i) < 0xdc00 && j < raw.length) j += 1;
    while (j < raw.length && COMBINING.test(raw[j])) j += 1;
    const out = vnFold(raw.slice(i, j));
    for (let k = 0; k < out.length; k += 1) {
      folded += out[k];
      map.push(i);
    }
    i = j;
  }
  map.push(raw.length);
  return { folded, map };
}

/** One pattern per search: any of its words, starting a word (and ending one unless `prefix`). */
function patternOf(words: readonly SearchWord[], prefix: boolean): RegExp {
  const alternatives = words
    .map((w) => w.folded.split(' ').map(escapeRegExp).join(GAP))
    .sort((a, b) => b.length - a.length)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'gu');
}

/** Where the words are in `raw`: runs of them in text order. `prefix`: a word may be the start of a longer one. */
export function findWords(raw: string, words: readonly SearchWord[], { prefix = false } = {}): WordRun[] {
  if (words.length === 0 || raw.length === 0) return [];
  const { folded, map } = foldWithMap(raw);
  const exactOf = new Map(words.map((w) => [w.folded, w.exact]));
  const runs: WordRun[] = [];
  let run: { start: number; end: number; foldedEnd: number; words: Set<string> } | null = null;
  for (const match of folded.matchAll(patternOf(words, prefix))) {
    const at = match.index;
    // A phrase's syllables may stand across a line break or several spaces.
    const word = match[0].replace(/[\s\u00a0]+/gu, ' ');
    let end = at + match[0].length;
    // As a prefix, the match covers the rest of the word in the text.
    if (prefix) while (end < folded.length && WORD_CHAR.test(folded[end])) end += 1;
    const exact = exactOf.get(word);
    if (exact !== undefined && exactKey(raw.slice(map[at], map[end]).normalize('NFC').replace(/[\s\u00a0]+/gu, ' ').slice(0, word.length)) !== exact) continue;
    if (run && RUN_GAP.test(folded.slice(run.foldedEnd, at))) {
      run.end = map[end];
      run.foldedEnd = end;
      run.words.add(word);
      continue;
    }
    if (run) runs.push({ start: run.start, end: run.end, words: [...run.words] });
    run = { start: map[at], end: map[end], foldedEnd: end, words: new Set([word]) };
  }
  if (run) runs.push({ start: run.start, end: run.end, words: [...run.words] });
  return runs;
}

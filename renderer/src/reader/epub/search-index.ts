/**
 * Search inside the open book: an in-memory FlexSearch index of its passages (paragraphs or
 * lines), with the catalog's Vietnamese folding (`vnFold`) so "lao hac" finds "Lão Hạc".
 * Pure (no DOM): passages come from extract.ts; results give raw offsets for highlighting.
 */
import { Index } from 'flexsearch';
import { escapeRegExp, vnFold } from '../../../../shared/text.js';

export interface Passage {
  /** Position in the book (index build order). */
  id: number;
  /** Spine position of its section. */
  section: number;
  /** The text as in the book (offsets below refer to it). */
  text: string;
}

export interface SearchHit {
  passage: Passage;
  /** Offsets of the match in passage.text, end exclusive. */
  start: number;
  end: number;
  /** Whether the whole query was found as written (folded), not only its words. */
  phrase: boolean;
}

export interface Snippet {
  before: string;
  match: string;
  after: string;
}

const COMBINING = /[\u0300-\u036f]/;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/**
 * Folds text like `vnFold` and maps each folded character back to the raw text, so a match
 * in folded text is a range in the raw text even when the book is not NFC (decomposed marks).
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

/** The words of a text as the index sees them (folded). */
export function searchTerms(text: string): string[] {
  return vnFold(text).split(WORD_SPLIT).filter(Boolean);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Where a query matches a passage: the whole folded query if it appears (spaces between words
 * may be any run of non-letters), else the first word that starts with a query term.
 */
export function findMatch(text: string, query: string): { start: number; end: number; phrase: boolean } | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  const { folded, map } = foldWithMap(text);
  const phrase = new RegExp(terms.map(escapeRegExp).join('[^\\p{L}\\p{N}]+'), 'gu');
  for (const found of folded.matchAll(phrase)) {
    const at = found.index ?? 0;
    if (at > 0 && isWordChar(folded[at - 1])) continue; // must start a word
    return { start: map[at], end: map[at + found[0].length], phrase: true };
  }
  let best: { start: number; end: number } | null = null;
  for (const term of terms) {
    const re = new RegExp(escapeRegExp(term), 'gu');
    for (const found of folded.matchAll(re)) {
      const at = found.index ?? 0;
      if (at > 0 && isWordChar(folded[at - 1])) continue;
      if (!best || map[at] < best.start) best = { start: map[at], end: map[at + term.length] };
      break;
    }
  }
  return best ? { ...best, phrase: false } : null;
}

/** The words around a match, whitespace collapsed, cut at word boundaries. */
export function snippet(text: string, start: number, end: number, before = 60, after = 100): Snippet {
  let from = Math.max(0, start - before);
  let to = Math.min(text.length, end + after);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const collapse = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + collapse(text.slice(from, start)).trimStart(),
    match: collapse(text.slice(start, end)),
    after: collapse(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

/** The index of one book, filled section by section while the reader is already open. */
export class BookSearchIndex {
  private readonly index = new Index({ tokenize: 'forward', encode: searchTerms });
  private readonly passages: Passage[] = [];

  add(section: number, texts: readonly string[]): Passage[] {
    const added: Passage[] = [];
    for (const text of texts) {
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
      const passage = { id: this.passages.length, section, text };
      this.passages.push(passage);
      this.index.add(passage.id, text);
      added.push(passage);
    }
    return added;
  }

  get size(): number {
    return this.passages.length;
  }

  /** Matching passages: whole-phrase matches first, each group in book order. */
  search(query: string, limit = 200): SearchHit[] {
    if (searchTerms(query).length === 0) return [];
    const ids = this.index.search(query, { limit: 5000 }) as number[];
    const hits: SearchHit[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const passage = this.passages[id];
      const match = passage && findMatch(passage.text, query);
      if (match) hits.push({ passage, ...match });
    }
    hits.sort((a, b) => Number(b.phrase) - Number(a.phrase) || a.passage.id - b.passage.id);
    return hits.slice(0, limit);
  }
}

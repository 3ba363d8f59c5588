/**
 * Search inside the open book: an in-memory FlexSearch index of its passages (paragraphs or
 * lines), with the catalog's Vietnamese folding (`vnFold`) so "lao hac" finds "Lão Hạc", and the
 * query's words found in any order (shared/find-words.ts), as the results page marks them,
 * weighed by how rare they are in the book (a question's "là" or "ai" tells little).
 * Pure (no DOM): passages come from extract.ts; results give raw offsets for highlighting.
 */
import { Index } from 'flexsearch';
import { vnFold } from '../../../../shared/text.js';
import { findWords, searchWords } from '../shared/find-words.js';
import type { WordRun } from '../shared/find-words.js';

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
  /** The run shown first (the one with the most words of the search), offsets in passage.text, end exclusive. */
  start: number;
  end: number;
  /** Every run of the search's words in the passage, in text order (all are marked). */
  runs: WordRun[];
  /** Whether one run holds every word of the search (the query found as typed, in any order). */
  phrase: boolean;
  /** How many different words of the search the passage holds. */
  words: number;
  /** How well it answers the search: its words, weighed by how rare they are in the book, more when together. */
  score: number;
}

/** A piece of a passage around a hit, with the runs to mark ([start, end) in `text`). */
export interface Snippet {
  text: string;
  ranges: [number, number][];
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** The words of a text as the index sees them (folded). */
export function searchTerms(text: string): string[] {
  return vnFold(text).split(WORD_SPLIT).filter(Boolean);
}

/**
 * Where a query's words are in a passage (any order, each at the start of a word), or null when
 * none is. `weight` says how much each word tells (a rare word more than "là"): the run shown
 * first is the weightiest, and the score adds up the words found, more when they stand together.
 */
export function findMatch(text: string, query: string, weight: (word: string) => number = () => 1): Omit<SearchHit, 'passage'> | null {
  const words = searchWords(query);
  const runs = findWords(text, words, { prefix: true });
  if (runs.length === 0) return null;
  const weightOf = (found: readonly string[]) => found.reduce((sum, word) => sum + weight(word), 0);
  const best = runs.reduce((a, b) => (weightOf(b.words) > weightOf(a.words) ? b : a));
  const found = [...new Set(runs.flatMap((run) => run.words))];
  const together = Math.max(...runs.map((run) => run.words.length));
  return { start: best.start, end: best.end, runs, phrase: best.words.length === words.length, words: found.length, score: weightOf(found) * (1 + (together - 1) / 2) };
}

/** The words around a hit's first run, cut at word boundaries, with every run inside marked. */
export function snippet(text: string, hit: Pick<SearchHit, 'start' | 'end' | 'runs'>, before = 60, after = 100): Snippet {
  let from = Math.max(0, hit.start - before);
  let to = Math.min(text.length, hit.end + after);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < hit.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > hit.end) to = space;
  }
  const lead = from > 0 ? '…' : '';
  const ranges = hit.runs
    .filter((run) => run.start >= from && run.end <= to)
    .map((run): [number, number] => [run.start - from + lead.length, run.end - from + lead.length]);
  return { text: lead + text.slice(from, to) + (to < text.length ? '…' : ''), ranges };
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

  /**
   * Passages with the query's words, in any order: a run holding every word first, in book order;
   * then the others that answer at least half as well as the best (a word found in every other
   * passage, such as "là", weighs little), best first.
   */
  search(query: string, limit = 200): SearchHit[] {
    const words = searchWords(query);
    if (words.length === 0) return [];
    const ids = new Set<number>();
    const weights = new Map<string, number>();
    for (const word of words) {
      const found = this.index.search(word.folded, { limit: 5000 }) as number[];
      for (const id of found) ids.add(id);
      weights.set(word.folded, Math.log(1 + this.passages.length / Math.max(1, found.length)));
    }
    const weight = (word: string) => weights.get(word) ?? 0;
    const hits: SearchHit[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const passage = this.passages[id];
      const match = passage && findMatch(passage.text, query, weight);
      if (match) hits.push({ passage, ...match });
    }
    const best = Math.max(0, ...hits.map((hit) => hit.score));
    return hits
      .filter((hit) => hit.phrase || hit.score >= best / 2)
      .sort((a, b) => Number(b.phrase) - Number(a.phrase) || (a.phrase ? 0 : b.score - a.score) || a.passage.id - b.passage.id)
      .slice(0, limit);
  }
}

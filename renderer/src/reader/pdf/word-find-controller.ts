/**
 * pdf.js's find controller, finding words as the results page marks them: the query's syllables
 * folded, in any order, whole words, runs of them counted as one result (shared/find-words.ts) —
 * so the search that led to a page finds its words there, whatever order or marks they were
 * typed in. A match is scrolled into view inside the document's own container, never by
 * scrolling the window (which would push the toolbar off the screen).
 */
import './pdfjs.js'; // first: defines globalThis.pdfjsLib for pdf_viewer.mjs
import { PDFFindController } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { findWords, searchWords } from '../shared/find-words.js';
import type { SearchWord } from '../shared/find-words.js';

type FindOptions = ConstructorParameters<typeof PDFFindController>[0];

/** Where a found match sits in the container: a quarter down, so the lines before it show too. */
const MATCH_AT = 0.25;
const SIDE_MARGIN = 16;

/** Scrolls `container` (only) so that `element` is in view. */
export function scrollInside(container: HTMLElement, element: HTMLElement): void {
  const box = container.getBoundingClientRect();
  const target = element.getBoundingClientRect();
  container.scrollTop += target.top - box.top - box.height * MATCH_AT;
  if (target.left < box.left || target.right > box.right) container.scrollLeft += target.left - box.left - SIDE_MARGIN;
}

export class WordFindController extends PDFFindController {
  private words: { query: string; words: SearchWord[] } = { query: '', words: [] };

  constructor(
    options: FindOptions,
    private readonly container: HTMLElement,
  ) {
    super(options);
  }

  private wordsOf(query: string): SearchWord[] {
    if (this.words.query !== query) this.words = { query, words: searchWords(query) };
    return this.words.words;
  }

  /** pdf.js's hook for its own matching: `pageContent` is the page's text as pdf.js normalised it (decomposed marks). */
  override match(_normalized: string | string[], pageContent: string): { index: number; length: number }[] {
    const raw = (this.state as { query?: unknown } | null)?.query;
    const query = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join(' ') : '';
    return findWords(pageContent, this.wordsOf(query)).map((run) => ({ index: run.start, length: run.end - run.start }));
  }

  override scrollMatchIntoView({ element, pageIndex = -1, matchIndex = -1 }: { element: HTMLElement; pageIndex: number; matchIndex: number }): void {
    const selected = this._selected;
    if (!this._scrollMatches || !element || !selected) return;
    if (matchIndex === -1 || matchIndex !== selected.matchIdx || pageIndex === -1 || pageIndex !== selected.pageIdx) return;
    this._scrollMatches = false;
    scrollInside(this.container, element);
  }
}

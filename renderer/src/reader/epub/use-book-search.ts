/**
 * Search inside the open book: the words typed, the search run and its hits (found again as more
 * of the book is indexed). For the search that led here, the first hit is shown once the whole
 * book is indexed. Kept by the reader, so closing the search panel keeps the results.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from './search-index.js';
import type { OpenBook } from './use-epub-book.js';

export interface BookSearch {
  /** The words in the search field. */
  text: string;
  setText(text: string): void;
  /** The words searched for. */
  query: string;
  run(): void;
  hits: SearchHit[] | null;
  /** Whether part of the book is still being indexed (hits may be missing). */
  indexing: boolean;
}

export function useBookSearch(book: OpenBook, initialQuery?: string): BookSearch {
  const [text, setText] = useState(initialQuery ?? '');
  const [query, setQuery] = useState(initialQuery ?? '');
  const { status, indexed, search, showHit } = book;
  // indexed.version: search again as more of the book is indexed.
  const hits = useMemo(() => (query.trim() ? search(query) : null), [query, search, indexed.version, status]);

  const shownFirst = useRef(false);
  const indexComplete = status === 'ready' && indexed.done >= indexed.total && indexed.version > 0;
  useEffect(() => {
    if (shownFirst.current || !initialQuery || !indexComplete || !hits) return;
    shownFirst.current = true;
    if (hits[0]) void showHit(hits[0]);
  }, [initialQuery, indexComplete, hits, showHit]);

  return { text, setText, query, run: () => setQuery(text.trim()), hits, indexing: indexed.done < indexed.total || indexed.version === 0 };
}

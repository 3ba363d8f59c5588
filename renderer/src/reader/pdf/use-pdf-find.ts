/**
 * Search inside the PDF with pdf.js's find controller: every match highlighted, the current one
 * counted ("Kết quả 2 / 14"); the search that led here runs as soon as the pages are laid out.
 * The words are found as the results page marks them — folded, in any order (word-find-controller.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { PdfDocument } from './use-pdf-document.js';

export interface PdfFind {
  /** Whether the find bar is shown. */
  open: boolean;
  text: string;
  setText(text: string): void;
  /** The current match (1-based) and how many there are. */
  current: number;
  total: number;
  /** Whether pdf.js is still looking. */
  pending: boolean;
  /** Whether a search has been run since the bar was opened. */
  searched: boolean;
  input: RefObject<HTMLInputElement | null>;
  /** Finds the words typed (`again`: the next or, with `previous`, the previous match of the same words). */
  run(again: boolean, previous?: boolean): void;
  show(): void;
  close(): void;
}

interface FindState {
  open: boolean;
  text: string;
  current: number;
  total: number;
  pending: boolean;
  searched: boolean;
}

/** pdf.js's FindState.PENDING. */
const FIND_PENDING = 3;

function findCommand(query: string, type: '' | 'again', findPrevious: boolean) {
  return { source: null, type, query, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious, matchDiacritics: false };
}

export function usePdfFind({ kiosk, focus }: PdfDocument, query: string | undefined): PdfFind {
  const input = useRef<HTMLInputElement>(null);
  const [find, setFind] = useState<FindState>({ open: Boolean(query), text: query ?? '', current: 0, total: 0, pending: false, searched: false });

  useEffect(() => {
    if (!kiosk) return;
    const { eventBus } = kiosk;
    const onCount = ({ matchesCount, state }: { matchesCount: { current: number; total: number }; state?: number }) =>
      setFind((f) => ({ ...f, current: matchesCount.current, total: matchesCount.total, pending: state === FIND_PENDING ? true : state === undefined ? f.pending : false }));
    const onPagesInit = () => {
      if (!query?.trim()) return;
      eventBus.dispatch('find', findCommand(query.trim(), '', false));
      setFind((f) => ({ ...f, pending: true, searched: true }));
    };
    eventBus.on('updatefindmatchescount', onCount);
    eventBus.on('updatefindcontrolstate', onCount);
    eventBus.on('pagesinit', onPagesInit);
    return () => {
      eventBus.off('updatefindmatchescount', onCount);
      eventBus.off('updatefindcontrolstate', onCount);
      eventBus.off('pagesinit', onPagesInit);
    };
  }, [kiosk, query]);

  const run = useCallback(
    (again: boolean, previous = false) => {
      const words = find.text.trim();
      if (!kiosk || !words) return;
      kiosk.eventBus.dispatch('find', findCommand(words, again ? 'again' : '', previous));
      setFind((f) => ({ ...f, pending: !again, searched: true }));
    },
    [kiosk, find.text],
  );
  const show = useCallback(() => {
    setFind((f) => ({ ...f, open: true }));
    window.setTimeout(() => input.current?.select(), 0);
  }, []);
  const close = useCallback(() => {
    kiosk?.eventBus.dispatch('findbarclose', { source: null });
    setFind((f) => ({ ...f, open: false, current: 0, total: 0, searched: false }));
    focus();
  }, [kiosk, focus]);
  const setText = useCallback((text: string) => setFind((f) => ({ ...f, text })), []);

  return { ...find, setText, input, run, show, close };
}

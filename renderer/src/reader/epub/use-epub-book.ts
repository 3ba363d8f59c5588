/**
 * An EPUB open for reading: fetched, shown in the stage, then — in the background — indexed for
 * search and measured for positions (open → render → index → locations). Gives the reader its
 * state (opening, ready or failed; the contents; where the reader is) and what it can do with
 * the book (turn pages, go to a place, find words). Pages turn with ← / → and PageUp / PageDown
 * anywhere on the page (the book's frame forwards its keys: frame-events.ts) and with swipes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { pageTurnKey } from '../shared/page-keys.js';
import { applySettings, createBook, currentLocation, followStageSize, linkTarget, onLocation, renderBook, sectionAt, sectionsOf, shownPage } from './adapter.js';
import type { Book, BookLocation, Contents, NavItem, Rendition, ShownPage } from './adapter.js';
import { BookIndex } from './book-index.js';
import { listenToFrame } from './frame-events.js';
import { classifyLink } from './links.js';
import type { SearchHit } from './search-index.js';
import type { ReaderSettings } from './settings.js';

export interface Position extends BookLocation {
  /** How far into the book, once positions are worked out. */
  percent: number | null;
}

/** An entry of the table of contents, flattened, with its depth. */
export interface TocEntry {
  id: string;
  href: string;
  label: string;
  depth: number;
}

export interface OpenBook {
  status: 'opening' | 'ready' | 'failed';
  toc: TocEntry[];
  position: Position | null;
  /** Whether positions (percentages) are worked out: the slider works from then on. */
  locationsReady: boolean;
  /** Sections indexed for search so far; `version` changes with each. */
  indexed: { done: number; total: number; version: number };
  next(): void;
  prev(): void;
  /** Shows a place in the book (a path from the contents, or a CFI). */
  display(target: string): void;
  displayPercent(percent: number): void;
  /** Hits for `query` in the part of the book indexed so far; null before the book is open. */
  search(query: string): SearchHit[] | null;
  /** Shows a search hit and highlights its words (every run of them in its passage). */
  showHit(hit: SearchHit): Promise<void>;
  /** The chapter (contents entry) a section belongs to. */
  chapterOf(href: string): string | undefined;
  sectionHref(index: number): string;
  /** The page shown, in its section's document (null before the book is shown). */
  shownPage(): ShownPage | null;
  /** Shows the page holding `range` of section `section`. */
  showRange(section: number, range: Range): Promise<void>;
  /** Shows the start of the section after the one shown (in reading order); false at the book's end (or when it cannot be shown). */
  nextSection(): Promise<boolean>;
}

interface Options {
  url: string;
  title: string;
  stage: RefObject<HTMLDivElement | null>;
  settings: ReaderSettings;
  /** The station's large text: the book's text a quarter larger. */
  largeText: boolean;
  /** A web address tapped in the book. */
  onOutsideLink(url: string): void;
  /** Keys other than page turns, pressed anywhere on the page or in the book's frame. */
  onKey(event: KeyboardEvent): void;
}

interface Engine {
  book: Book;
  rendition: Rendition;
  index: BookIndex;
  /** The search hit's words highlighted (their CFIs). */
  highlights: string[];
}

const HIGHLIGHT_STYLE = { fill: '#f4c542', 'fill-opacity': '0.55', 'mix-blend-mode': 'multiply' };

function stripFragment(href: string): string {
  return href.split('#')[0] ?? href;
}

/** The table of contents as one list; entries that lead out of the book (javascript: …) are left out. */
function flattenToc(items: NavItem[], depth = 0): TocEntry[] {
  return items.flatMap((item) => [
    ...(classifyLink(item.href).kind === 'internal' ? [{ id: item.id, href: item.href, label: item.label.trim(), depth }] : []),
    ...flattenToc(item.subitems ?? [], depth + 1),
  ]);
}

export function useEpubBook(options: Options): OpenBook {
  const { url, title, stage, settings, largeText } = options;
  const latest = useRef(options);
  latest.current = options;
  const engineRef = useRef<Engine | null>(null);
  const [status, setStatus] = useState<OpenBook['status']>('opening');
  const [toc, setToc] = useState<TocEntry[]>([]);
  const [position, setPosition] = useState<Position | null>(null);
  const [locationsReady, setLocationsReady] = useState(false);
  const [indexed, setIndexed] = useState({ done: 0, total: 1, version: 0 });

  const next = useCallback(() => void engineRef.current?.rendition.next().catch(() => undefined), []);
  const prev = useCallback(() => void engineRef.current?.rendition.prev().catch(() => undefined), []);
  const display = useCallback((target: string) => void engineRef.current?.rendition.display(target).catch(() => undefined), []);
  // Keys anywhere on the page (the book's frame forwards its own: frame-events.ts).
  const onKey = useCallback(
    (event: KeyboardEvent) => {
      const turn = pageTurnKey(event);
      if (turn === 0) {
        latest.current.onKey(event);
        return;
      }
      event.preventDefault();
      if (turn === 1) next();
      else prev();
    },
    [next, prev],
  );
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);
  const report = useCallback((location: BookLocation) => {
    const book = engineRef.current?.book;
    const ratio = book?.locations.length() ? book.locations.percentageFromCfi(location.cfi) : null;
    setPosition({ ...location, percent: ratio === null ? null : Math.round(ratio * 100) });
  }, []);

  useEffect(() => {
    let cancelled = false;
    /** The book being opened, to destroy on leaving, and the watch on its stage's size. */
    const opened: { book?: Book; unfollow?: () => void } = {};
    const element = stage.current;
    if (!element) return;
    setStatus('opening');

    const onContent = (contents: Contents) =>
      listenToFrame(contents, {
        onBookLink: (href, sectionIndex) => {
          const engine = engineRef.current;
          const target = engine && linkTarget(engine.book, sectionIndex, href);
          if (target) display(target);
        },
        onOutsideLink: (link) => latest.current.onOutsideLink(link),
        onKey,
        onSwipe: (direction) => (direction === 1 ? next() : prev()),
      });

    const open = async () => {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.arrayBuffer();
      if (cancelled) return;
      const book = createBook();
      opened.book = book;
      await book.open(data, 'binary');
      await book.ready;
      if (cancelled) return;
      const rendition = renderBook(book, element, latest.current.settings, latest.current.largeText, title, onContent);
      const engine: Engine = { book, rendition, index: new BookIndex(), highlights: [] };
      engineRef.current = engine;
      onLocation(rendition, report);
      opened.unfollow = followStageSize(rendition, element);
      await rendition.display();
      if (cancelled) return;
      setToc(flattenToc(book.navigation?.toc ?? []));
      setStatus('ready');
      await engine.index.build(book, (done, total) => setIndexed({ done, total, version: done }), () => cancelled);
      if (cancelled) return;
      await book.locations.generate(1200);
      if (cancelled) return;
      setLocationsReady(true);
      const location = currentLocation(rendition);
      if (location) report(location);
    };

    open().catch((error: unknown) => {
      if (cancelled) return;
      console.warn('EPUB cannot be opened:', error);
      setStatus('failed');
    });

    return () => {
      cancelled = true;
      engineRef.current = null;
      opened.unfollow?.();
      try {
        opened.book?.destroy();
      } catch {
        // Already torn down.
      }
    };
  }, [url, title, stage, next, prev, display, report, onKey]);

  // Settings (and the station's large text) apply to the open book. Larger text makes more pages:
  // the new count is shown once epub.js has laid the page out again.
  useEffect(() => {
    const rendition = engineRef.current?.rendition;
    if (!rendition) return;
    applySettings(rendition, settings, largeText);
    const timer = setTimeout(() => {
      const location = currentLocation(rendition);
      if (location) report(location);
    }, 400);
    return () => clearTimeout(timer);
  }, [settings, largeText, status, report]);

  const displayPercent = useCallback(
    (percent: number) => {
      const engine = engineRef.current;
      if (engine && engine.book.locations.length()) display(engine.book.locations.cfiFromPercentage(percent / 100));
    },
    [display],
  );

  const search = useCallback((query: string) => engineRef.current?.index.search(query) ?? null, []);

  const showHit = useCallback(async (hit: SearchHit) => {
    const engine = engineRef.current;
    if (!engine) return;
    try {
      const section = sectionAt(engine.book, hit.passage.section);
      if (!section) return;
      const ranges = engine.index.rangesOf(hit);
      if (ranges.length === 0) {
        await engine.rendition.display(section.href);
        return;
      }
      const cfis = ranges.map((range) => section.cfiFromRange(range));
      for (const cfi of engine.highlights) engine.rendition.annotations.remove(cfi, 'highlight');
      await engine.rendition.display(cfis[0]);
      for (const cfi of cfis) engine.rendition.annotations.highlight(cfi, {}, () => undefined, 'epub-search-hl', HIGHLIGHT_STYLE);
      engine.highlights = cfis;
    } catch (error) {
      console.warn('EPUB: cannot show this search result', error);
    }
  }, []);

  const chapterOf = useCallback(
    (href: string) => {
      const target = stripFragment(href);
      return toc.find((entry) => stripFragment(entry.href) === target || target.endsWith(`/${stripFragment(entry.href)}`))?.label;
    },
    [toc],
  );
  const sectionHref = useCallback((index: number) => {
    const engine = engineRef.current;
    return (engine && sectionAt(engine.book, index)?.href) ?? '';
  }, []);

  const shown = useCallback(() => {
    const engine = engineRef.current;
    return engine ? shownPage(engine.rendition) : null;
  }, []);
  const showRange = useCallback(async (index: number, range: Range) => {
    const engine = engineRef.current;
    const section = engine && sectionAt(engine.book, index);
    if (!engine || !section) return;
    await engine.rendition.display(section.cfiFromRange(range)).catch(() => undefined);
  }, []);
  const nextSection = useCallback(async () => {
    const engine = engineRef.current;
    const page = engine && shownPage(engine.rendition);
    const following = engine && page ? sectionsOf(engine.book).find((section) => section.index > page.section && section.linear) : undefined;
    if (!engine || !following) return false;
    await engine.rendition.display(following.href);
    // A long section may still be laid out when display() settles: wait for its page (at most ~3 s).
    for (let frame = 0; frame < 180; frame += 1) {
      if (shownPage(engine.rendition)?.section === following.index) return true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return false;
  }, []);

  return { status, toc, position, locationsReady, indexed, next, prev, display, displayPercent, search, showHit, chapterOf, sectionHref, shownPage: shown, showRange, nextSection };
}

/**
 * The EPUB reader (epub.js 0.3.93): pages turned by buttons, keys (←/→, PageUp/PageDown) and
 * swipes; table of contents; text size and white / sepia / dark backgrounds (for this session
 * only); position in the book; search inside the book with Vietnamese folding; web links shown
 * as a QR code instead of being opened.
 *
 * Security: book content never runs scripts. epub.js's iframe keeps `sandbox="allow-same-origin"`
 * (`allowScriptedContent` is never set) and the UI's CSP applies to it (srcdoc); sanitize.ts
 * also strips scripts, handlers and remote resources before a section is shown, and clicks on
 * links that leave the book are stopped here.
 */
import ePub, { Contents } from 'epubjs';
import type { Book, NavItem, Rendition } from 'epubjs';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { ArrowLeftIcon, ChevronLeftIcon, ChevronRightIcon, SearchIcon, WarningIcon } from '../../components/icons.js';
import { useT } from '../../i18n.js';
import type { ReaderProps } from '../types.js';
import { extractPassages, rangeOf } from './extract.js';
import type { PassageSource } from './extract.js';
import { classifyLink, internalTarget, preSanitizeText } from './links.js';
import { qrDataUrl } from './qr.js';
import { sanitizeDocument } from './sanitize.js';
import { inlineStylesheets } from './styles.js';
import { BookSearchIndex, snippet } from './search-index.js';
import type { SearchHit } from './search-index.js';
import {
  FONT_STEPS,
  SETTINGS_KEY,
  THEMES,
  clampFontStep,
  fontPercent,
  parseSettings,
  renditionOptions,
  themeRules,
} from './settings.js';
import type { ReaderSettings, ThemeName } from './settings.js';
import './epub.css';

type Panel = 'toc' | 'search' | 'settings';

interface Position {
  href: string;
  percent: number | null;
  page: number;
  total: number;
  atStart: boolean;
  atEnd: boolean;
}

interface RelocatedLocation {
  start: { href: string; cfi: string; displayed: { page: number; total: number } };
  atStart?: boolean;
  atEnd?: boolean;
}

interface Engine {
  book: Book;
  rendition: Rendition;
  index: BookSearchIndex;
  /** Passage id → the text nodes behind it and its section (for a CFI). */
  sources: Map<number, { source: PassageSource; section: number }>;
  highlight: string | null;
}

/** Minimal shapes of epub.js internals the reader uses (its .d.ts files miss or mistype them). */
interface SectionLike {
  index: number;
  href: string;
  linear: boolean;
  document?: Document;
  load(request: unknown): Promise<unknown>;
  cfiFromRange(range: Range): string;
}
interface HookLike {
  register(fn: (...args: never[]) => unknown): void;
}

const SWIPE_MIN = 50;
/** Phones (as in epub.css): panels cover the page. */
const NARROW = '(max-width: 40rem)';

/*
 * epub.js sets `link.onclick` and `img.onload` properties inside the book's document. In a
 * sandboxed frame without scripts those handlers never run (Chromium logs "Blocked script
 * execution" for each): links are handled by this reader instead (onContent), and image loads
 * are listened to with addEventListener, which works from the reader's side.
 */
const contentsProto = Contents.prototype as unknown as {
  linksHandler(): void;
  imageLoadListeners(): void;
  expand(): void;
  document: Document;
};
contentsProto.linksHandler = function linksHandledByTheReader() {};
contentsProto.imageLoadListeners = function imageLoadListeners(this: typeof contentsProto) {
  for (const img of Array.from(this.document.querySelectorAll('img'))) {
    if (img.naturalWidth === 0) img.addEventListener('load', () => this.expand(), { once: true });
  }
};

function loadSettings(): ReaderSettings {
  try {
    return parseSettings(globalThis.sessionStorage?.getItem(SETTINGS_KEY));
  } catch {
    return parseSettings(null);
  }
}

function saveSettings(settings: ReaderSettings): void {
  try {
    globalThis.sessionStorage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Not remembered; the choice still holds while the book is open.
  }
}

function stripFragment(href: string): string {
  return href.split('#')[0] ?? href;
}

/** The table of contents as one list; entries that lead out of the book (javascript: …) are left out. */
function flattenToc(items: NavItem[], depth = 0): { item: NavItem; depth: number }[] {
  return items.flatMap((item) => [
    ...(classifyLink(item.href).kind === 'internal' ? [{ item, depth }] : []),
    ...flattenToc(item.subitems ?? [], depth + 1),
  ]);
}

/** Whether an event comes from a place where arrow keys belong to the control (text fields, sliders). */
function ownsArrowKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"], dialog[open]') !== null;
}

export default function EpubReader({ publication, url, query, backTo }: ReaderProps) {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<Engine | null>(null);
  const [status, setStatus] = useState<'opening' | 'ready' | 'failed'>('opening');
  const [toc, setToc] = useState<NavItem[]>([]);
  const [panel, setPanel] = useState<Panel | null>(query ? 'search' : null);
  const [settings, setSettings] = useState<ReaderSettings>(loadSettings);
  const [position, setPosition] = useState<Position | null>(null);
  const [locationsReady, setLocationsReady] = useState(false);
  const [indexed, setIndexed] = useState({ done: 0, total: 1, version: 0 });
  const [searchText, setSearchText] = useState(query ?? '');
  const [activeQuery, setActiveQuery] = useState(query ?? '');
  const [external, setExternal] = useState<string | null>(null);
  const [slider, setSlider] = useState<number | null>(null);
  const reportRef = useRef<((location: RelocatedLocation) => void) | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const toolbarRef = useRef<HTMLDivElement>(null);
  /** Closes the open panel and puts focus back on the toolbar button that opened it. */
  const panelRef = useRef(panel);
  panelRef.current = panel;
  const closePanel = useCallback(() => {
    const open = panelRef.current;
    setPanel(null);
    if (open) toolbarRef.current?.querySelector<HTMLElement>(`[data-testid="epub-tool-${open}"]`)?.focus();
  }, []);
  const next = useCallback(() => void engineRef.current?.rendition.next().catch(() => undefined), []);
  const prev = useCallback(() => void engineRef.current?.rendition.prev().catch(() => undefined), []);

  // The reader fills the window below the header: measured, since the header's height varies.
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const fit = () => {
      const top = root.getBoundingClientRect().top + window.scrollY;
      root.style.height = `${Math.max(360, window.innerHeight - top)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  // Keys anywhere on the page (the book's iframe forwards its own, see onContent).
  const onKey = useCallback(
    (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || ownsArrowKeys(event.target)) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') {
        event.preventDefault();
        next();
      } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
        event.preventDefault();
        prev();
      } else if (event.key === 'Escape') {
        closePanel();
      }
    },
    [next, prev, closePanel],
  );
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  // Open the book, show it, then index it for search and work out positions, in the background.
  useEffect(() => {
    let cancelled = false;
    let book: Book | null = null;
    const title = publication.title;
    const stage = stageRef.current;
    if (!stage) return;
    setStatus('opening');

    const onContent = (contents: Contents) => {
      const doc = contents.document;
      // Links: capture phase, before epub.js's own handler on the link.
      doc.addEventListener(
        'click',
        (event) => {
          const target = event.target as Element | null;
          const link = target?.closest?.('a, area');
          if (!link) return;
          const href = link.getAttribute('href') ?? link.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
          const kind = classifyLink(href);
          event.preventDefault();
          event.stopImmediatePropagation();
          if (kind.kind === 'web') setExternal(kind.url);
          if (kind.kind === 'internal' && href) {
            const engine = engineRef.current;
            const section = engine?.book.spine.get(contents.sectionIndex) as unknown as { url: string } | null;
            const packageDir = (engine?.book as unknown as { path?: { directory?: string } } | undefined)?.path?.directory ?? '/';
            const target = section ? internalTarget(href, section.url, packageDir) : null;
            if (engine && target) void engine.rendition.display(target).catch(() => undefined);
          }
        },
        true,
      );
      doc.addEventListener('keydown', onKey);
      let start: { x: number; y: number } | null = null;
      doc.addEventListener(
        'touchstart',
        (event) => {
          const touch = event.changedTouches[0];
          start = touch ? { x: touch.clientX, y: touch.clientY } : null;
        },
        { passive: true },
      );
      doc.addEventListener(
        'touchend',
        (event) => {
          const touch = event.changedTouches[0];
          if (!start || !touch) return;
          const dx = touch.clientX - start.x;
          const dy = touch.clientY - start.y;
          start = null;
          if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > 1.5 * Math.abs(dy)) {
            if (dx < 0) next();
            else prev();
          }
        },
        { passive: true },
      );
    };

    const open = async () => {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.arrayBuffer();
      if (cancelled) return;
      // Resources as data: URLs: the UI's CSP allows data: images and fonts in the book's frame.
      book = ePub({ replacements: 'base64' } as unknown as Parameters<typeof ePub>[0]);
      // Before any section is loaded: every section is made inert first. epub.js's own content
      // hooks (a <base>, canonical link and identifier meta) go: the UI's CSP forbids <base>,
      // and resources are substituted by path, not resolved against a base.
      const contentHook = (book.spine as unknown as { hooks: { content: HookLike & { clear(): void } } }).hooks.content;
      contentHook.clear();
      const opened = book;
      contentHook.register((doc: Document, section: { url: string }) => {
        sanitizeDocument(doc);
        const archive = (opened as unknown as { archive?: { getText(path: string): Promise<string> | undefined } }).archive;
        const resources = (opened as unknown as { resources?: { substitute(css: string, url: string): string } }).resources;
        if (!archive) return undefined;
        return inlineStylesheets(doc, section.url, {
          getText: (path) => archive.getText(path),
          substitute: (css, path) => (resources ? resources.substitute(css, path) : css),
        });
      });
      // Each file's text is cleaned as it leaves the archive, before it is parsed.
      const bookWithArchive = book as unknown as { unarchive(input: ArrayBuffer, encoding?: string): Promise<unknown>; archive?: { getText(url: string, encoding?: string): Promise<string> | undefined } };
      const unarchive = bookWithArchive.unarchive.bind(book);
      bookWithArchive.unarchive = async (input, encoding) => {
        const result = await unarchive(input, encoding);
        const archive = bookWithArchive.archive;
        if (archive) {
          const getText = archive.getText.bind(archive);
          // A missing file gives undefined (not a promise), which epub.js reports itself.
          archive.getText = (path, enc) => getText(path, enc)?.then((text) => (typeof text === 'string' ? preSanitizeText(path, text) : text));
        }
        return result;
      };
      await book.open(data, 'binary');
      await book.ready;
      if (cancelled) return;
      const rendition = book.renderTo(stage, renditionOptions() as unknown as Parameters<Book['renderTo']>[1]);
      for (const theme of THEMES) rendition.themes.register(theme, themeRules(theme));
      rendition.themes.select(settingsRef.current.theme);
      rendition.themes.fontSize(fontPercent(settingsRef.current.fontStep));
      rendition.hooks.content.register(onContent);
      // The frame is named for screen readers (epub.js leaves it untitled).
      rendition.hooks.render.register((view: { iframe?: HTMLIFrameElement }) => view.iframe?.setAttribute('title', title));
      const engine: Engine = { book, rendition, index: new BookSearchIndex(), sources: new Map(), highlight: null };
      engineRef.current = engine;
      rendition.on('relocated', (location: RelocatedLocation) => report(location));
      reportRef.current = (location) => report(location);
      rendition.on('resized', () => {
        const current = rendition.currentLocation() as unknown as RelocatedLocation | undefined;
        if (current?.start) report(current);
      });
      const report = (location: RelocatedLocation) => {
        const ready = book?.locations.length() ? book.locations.percentageFromCfi(location.start.cfi) : null;
        setPosition({
          href: location.start.href,
          percent: ready === null ? null : Math.round(ready * 100),
          page: location.start.displayed.page,
          total: location.start.displayed.total,
          atStart: Boolean(location.atStart),
          atEnd: Boolean(location.atEnd),
        });
      };
      await rendition.display();
      if (cancelled) return;
      setToc(book.navigation?.toc ?? []);
      setStatus('ready');
      await buildIndex(engine);
      if (cancelled) return;
      await book.locations.generate(1200);
      if (cancelled) return;
      setLocationsReady(true);
      const current = rendition.currentLocation() as unknown as RelocatedLocation | undefined;
      if (current?.start) report(current);
    };

    const buildIndex = async (engine: Engine) => {
      const sections: SectionLike[] = [];
      (engine.book.spine as unknown as { each(fn: (s: SectionLike) => void): void }).each((s) => sections.push(s));
      setIndexed({ done: 0, total: sections.length, version: 0 });
      for (const [i, section] of sections.entries()) {
        if (cancelled) return;
        try {
          await section.load(engine.book.load.bind(engine.book));
          const doc = section.document;
          if (doc) {
            const sources = extractPassages(doc);
            const added = engine.index.add(section.index, sources.map((s) => s.text));
            // add() skips passages without letters: match them up by text, in order.
            let k = 0;
            for (const source of sources) {
              if (added[k] && added[k].text === source.text) {
                engine.sources.set(added[k].id, { source, section: section.index });
                k += 1;
              }
            }
          }
        } catch {
          // A section that cannot be read is left out of search; reading goes on.
        }
        setIndexed({ done: i + 1, total: sections.length, version: i + 1 });
        await new Promise((resolve) => setTimeout(resolve, 0)); // let the page breathe
      }
    };

    open().catch((error: unknown) => {
      if (cancelled) return;
      console.warn('EPUB cannot be opened:', error);
      setStatus('failed');
    });

    return () => {
      cancelled = true;
      engineRef.current = null;
      try {
        (book as Book | null)?.destroy();
      } catch {
        // Already torn down.
      }
    };
    // onKey/next/prev are stable; the book is opened once per file.
  }, [url, publication.title, onKey, next, prev]);

  // Settings apply to the open book and last for the session.
  useEffect(() => {
    saveSettings(settings);
    const rendition = engineRef.current?.rendition;
    if (!rendition) return;
    rendition.themes.select(settings.theme);
    rendition.themes.fontSize(fontPercent(settings.fontStep));
    // Larger text makes more pages: show the new count once epub.js has laid the page out again.
    const timer = setTimeout(() => {
      const current = rendition.currentLocation() as unknown as RelocatedLocation | undefined;
      if (current?.start) reportRef.current?.(current);
    }, 400);
    return () => clearTimeout(timer);
  }, [settings, status]);

  const hits = useMemo<SearchHit[] | null>(() => {
    const engine = engineRef.current;
    if (!engine || !activeQuery.trim()) return null;
    return engine.index.search(activeQuery, 100);
    // indexed.version: search again as more of the book is indexed.
  }, [activeQuery, indexed.version, status]);

  const goToHit = useCallback(async (hit: SearchHit) => {
    const engine = engineRef.current;
    if (!engine) return;
    try {
      const entry = engine.sources.get(hit.passage.id);
      const section = engine.book.spine.get(hit.passage.section) as unknown as SectionLike | null;
      if (!entry || !section) return;
      const doc = entry.source.segments[0]?.node.ownerDocument;
      const range = doc && rangeOf(doc, entry.source, hit.start, hit.end);
      if (!range) {
        await engine.rendition.display(section.href);
        return;
      }
      const cfi = section.cfiFromRange(range);
      if (engine.highlight) engine.rendition.annotations.remove(engine.highlight, 'highlight');
      await engine.rendition.display(cfi);
      engine.rendition.annotations.highlight(cfi, {}, () => undefined, 'epub-search-hl', { fill: '#f4c542', 'fill-opacity': '0.55', 'mix-blend-mode': 'multiply' });
      engine.highlight = cfi;
    } catch (error) {
      console.warn('EPUB: cannot show this search result', error);
    }
  }, []);

  // The search that led here: once the whole book is indexed, go to its first match.
  const initialDone = useRef(false);
  const indexComplete = status === 'ready' && indexed.done >= indexed.total && indexed.version > 0;
  useEffect(() => {
    if (initialDone.current || !query || !indexComplete || !hits) return;
    initialDone.current = true;
    if (hits[0]) void goToHit(hits[0]);
  }, [query, indexComplete, hits, goToHit]);

  const chapterOf = useCallback(
    (href: string): string | undefined => {
      const target = stripFragment(href);
      const found = flattenToc(toc).find(({ item }) => stripFragment(item.href) === target || target.endsWith(`/${stripFragment(item.href)}`));
      return found?.item.label.trim();
    },
    [toc],
  );
  const sectionHref = useCallback((index: number) => (engineRef.current?.book.spine.get(index) as unknown as SectionLike | null)?.href ?? '', []);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setActiveQuery(searchText.trim());
  };

  const onSlider = (value: number) => {
    setSlider(value);
  };
  // Move when the finger stops on the slider (not on every step of the drag).
  useEffect(() => {
    if (slider === null) return;
    const timer = setTimeout(() => {
      const engine = engineRef.current;
      if (engine && engine.book.locations.length()) {
        void engine.rendition.display(engine.book.locations.cfiFromPercentage(slider / 100)).catch(() => undefined);
      }
      setSlider(null);
    }, 350);
    return () => clearTimeout(timer);
  }, [slider]);

  if (status === 'failed') {
    return (
      // Its own key: React must not reuse the reader's element (and the height set on it).
      <div key="failed" className="epub-failed notice error" role="alert">
        <h1 className="notice-title">
          <WarningIcon />
          <span>{t('epub.openFailedTitle')}</span>
        </h1>
        <p>
          <strong>{publication.title}</strong>
        </p>
        <p>{t('epub.openFailed')}</p>
        <Link className="button big" to={backTo}>
          <ArrowLeftIcon />
          <span>{t('epub.backToBook')}</span>
        </Link>
      </div>
    );
  }

  const percentShown = slider ?? position?.percent ?? 0;
  const indexing = indexed.done < indexed.total || indexed.version === 0;
  const currentChapter = position ? chapterOf(position.href) : undefined;

  return (
    <div ref={rootRef} className={`epub-reader epub-theme-${settings.theme}`} data-testid="epub-reader">
      <div ref={toolbarRef} className="epub-toolbar" role="toolbar" aria-label={t('epub.toolbar')}>
        <Link className="epub-button epub-back" to={backTo} aria-label={t('epub.backLabel')}>
          <ArrowLeftIcon />
          <span>{t('epub.back')}</span>
        </Link>
        <h1 className="epub-title" title={publication.title}>
          {publication.title}
        </h1>
        <PanelButton panel="toc" current={panel} onToggle={setPanel} label={t('epub.toc')} icon={<TocIcon />} />
        <PanelButton panel="search" current={panel} onToggle={setPanel} label={t('epub.search')} short={t('epub.searchShort')} icon={<SearchIcon />} />
        <PanelButton panel="settings" current={panel} onToggle={setPanel} label={t('epub.settings')} short={t('epub.settingsShort')} icon={<TextSizeIcon />} />
      </div>

      <div className="epub-body">
        <div ref={stageRef} className="epub-stage" data-testid="epub-stage" role="region" aria-label={t('epub.content')} />
        {status === 'opening' && (
          <div className="epub-opening" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t('epub.opening')}</span>
          </div>
        )}

        {panel && (
          <section className="epub-panel" aria-labelledby="epub-panel-title" data-testid={`epub-panel-${panel}`}>
            <div className="epub-panel-head">
              <h2 id="epub-panel-title">{panel === 'toc' ? t('epub.toc') : panel === 'search' ? t('epub.search') : t('epub.settings')}</h2>
              <button type="button" className="epub-button" onClick={closePanel} aria-label={t('epub.closePanel')}>
                <span aria-hidden="true">✕</span>
                <span>{t('epub.close')}</span>
              </button>
            </div>

            {panel === 'toc' && (
              <nav aria-label={t('epub.toc')}>
                {flattenToc(toc).length === 0 ? (
                  <p>{t('epub.tocEmpty')}</p>
                ) : (
                  <ol className="epub-toc">
                    {flattenToc(toc).map(({ item, depth }) => (
                      <li key={`${item.id}-${item.href}`} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                        <button
                          type="button"
                          className="epub-toc-item"
                          aria-current={currentChapter !== undefined && item.label.trim() === currentChapter ? 'location' : undefined}
                          onClick={() => {
                            void engineRef.current?.rendition.display(item.href).catch(() => undefined);
                            closePanel();
                          }}
                        >
                          {item.label.trim()}
                        </button>
                      </li>
                    ))}
                  </ol>
                )}
              </nav>
            )}

            {panel === 'search' && (
              <div className="epub-search">
                <form role="search" onSubmit={onSearch} className="epub-search-form">
                  <label htmlFor="epub-search-input" className="epub-label">
                    {t('epub.searchLabel')}
                  </label>
                  <div className="epub-search-row">
                    <input
                      id="epub-search-input"
                      type="search"
                      value={searchText}
                      placeholder={t('epub.searchPlaceholder')}
                      onChange={(event) => setSearchText(event.target.value)}
                      autoComplete="off"
                      autoFocus={!query}
                    />
                    <button type="submit" className="epub-button primary">
                      <SearchIcon />
                      <span>{t('epub.searchButton')}</span>
                    </button>
                  </div>
                </form>
                {indexing && status === 'ready' && (
                  <div className="epub-indexing" role="status">
                    <span>{t('epub.indexing', { percent: Math.round((indexed.done / Math.max(1, indexed.total)) * 100) })}</span>
                    <progress max={indexed.total} value={indexed.done} />
                  </div>
                )}
                {hits && (
                  <div className="epub-results" data-testid="epub-results">
                    <p role="status" className="epub-results-count">
                      {hits.length === 0
                        ? t('epub.noResults', { query: activeQuery })
                        : t(hits.length >= 100 ? 'epub.resultsMany' : 'epub.results', { count: hits.length, query: activeQuery })}
                    </p>
                    {indexing && hits.length > 0 && <p className="epub-note">{t('epub.indexingPartial')}</p>}
                    <ol className="epub-result-list">
                      {hits.map((hit) => {
                        const part = snippet(hit.passage.text, hit.start, hit.end);
                        const chapter = chapterOf(sectionHref(hit.passage.section));
                        return (
                          <li key={hit.passage.id}>
                            <button
                              type="button"
                              className="epub-result"
                              data-testid="epub-result"
                              onClick={() => {
                                void goToHit(hit);
                                // On a phone the panel covers the page: close it to show the place found.
                                if (window.matchMedia(NARROW).matches) closePanel();
                              }}
                            >
                              {chapter && <span className="epub-result-chapter">{t('epub.resultIn', { chapter })}</span>}
                              <span className="epub-result-text">
                                {part.before}
                                <mark>{part.match}</mark>
                                {part.after}
                              </span>
                            </button>
                          </li>
                        );
                      })}
                    </ol>
                  </div>
                )}
              </div>
            )}

            {panel === 'settings' && (
              <div className="epub-settings">
                <h3>{t('epub.fontSize')}</h3>
                <div className="epub-font-row">
                  <button
                    type="button"
                    className="epub-button epub-font"
                    onClick={() => setSettings((s) => ({ ...s, fontStep: clampFontStep(s.fontStep - 1) }))}
                    disabled={settings.fontStep <= 0}
                    aria-label={t('epub.fontSmaller')}
                    data-testid="epub-font-smaller"
                  >
                    <span aria-hidden="true" className="epub-font-small">A−</span>
                  </button>
                  <output className="epub-font-value" aria-live="polite" aria-label={t('epub.fontValue', { size: fontPercent(settings.fontStep) })}>
                    {FONT_STEPS[settings.fontStep]}%
                  </output>
                  <button
                    type="button"
                    className="epub-button epub-font"
                    onClick={() => setSettings((s) => ({ ...s, fontStep: clampFontStep(s.fontStep + 1) }))}
                    disabled={settings.fontStep >= FONT_STEPS.length - 1}
                    aria-label={t('epub.fontLarger')}
                    data-testid="epub-font-larger"
                  >
                    <span aria-hidden="true" className="epub-font-large">A+</span>
                  </button>
                </div>
                <h3>{t('epub.theme')}</h3>
                <div className="epub-theme-row" role="radiogroup" aria-label={t('epub.theme')}>
                  {THEMES.map((theme: ThemeName) => (
                    <button
                      key={theme}
                      type="button"
                      role="radio"
                      aria-checked={settings.theme === theme}
                      className={`epub-button epub-theme-choice epub-swatch-${theme}`}
                      onClick={() => setSettings((s) => ({ ...s, theme }))}
                      data-testid={`epub-theme-${theme}`}
                    >
                      {t(`epub.theme.${theme}`)}
                    </button>
                  ))}
                </div>
              </div>
            )}
          </section>
        )}
      </div>

      <div className="epub-bottom">
        <button type="button" className="epub-button epub-turn" onClick={prev} disabled={status !== 'ready' || position?.atStart} aria-label={t('epub.prev')} data-testid="epub-prev">
          <ChevronLeftIcon />
          <span className="epub-turn-label">{t('epub.prev')}</span>
        </button>
        <div className="epub-progress">
          <input
            type="range"
            min={0}
            max={100}
            step={1}
            value={percentShown}
            disabled={!locationsReady}
            onChange={(event) => onSlider(Number(event.target.value))}
            aria-label={t('epub.progress')}
            aria-valuetext={t('epub.progressValue', { percent: percentShown })}
            data-testid="epub-slider"
          />
          <p className="epub-progress-text" aria-live="polite" data-testid="epub-progress">
            <span>{position?.percent !== null && position?.percent !== undefined ? t('epub.progressValue', { percent: percentShown }) : t('epub.progressPending')}</span>
            {position && position.total > 0 && <span className="epub-page-in-chapter">{t('epub.pageInChapter', { page: position.page, total: position.total })}</span>}
          </p>
        </div>
        <button type="button" className="epub-button epub-turn" onClick={next} disabled={status !== 'ready' || position?.atEnd} aria-label={t('epub.next')} data-testid="epub-next">
          <span className="epub-turn-label">{t('epub.next')}</span>
          <ChevronRightIcon />
        </button>
      </div>

      {external && <ExternalLinkDialog url={external} onClose={() => setExternal(null)} />}
    </div>
  );
}

function PanelButton({ panel, current, onToggle, label, short, icon }: { panel: Panel; current: Panel | null; onToggle(panel: Panel | null): void; label: string; short?: string; icon: ReactNode }) {
  const open = current === panel;
  return (
    <button
      type="button"
      className={`epub-button epub-tool${open ? ' active' : ''}`}
      aria-pressed={open}
      aria-label={label}
      onClick={() => onToggle(open ? null : panel)}
      data-testid={`epub-tool-${panel}`}
    >
      {icon}
      <span className="epub-tool-label epub-long">{label}</span>
      <span className="epub-tool-label epub-short" aria-hidden="true">{short ?? label}</span>
    </button>
  );
}

/** A web address from the book: large text and a QR code for her phone; the kiosk opens nothing. */
function ExternalLinkDialog({ url, onClose }: { url: string; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    let live = true;
    qrDataUrl(url).then(
      (data) => live && setQr(data),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <dialog ref={ref} className="epub-link-dialog" aria-labelledby="epub-link-title" onClose={onClose} data-testid="epub-link-dialog">
      <h2 id="epub-link-title">{t('epub.linkTitle')}</h2>
      <p>{t('epub.linkExplain')}</p>
      <p className="epub-link-url" data-testid="epub-link-url">
        {url}
      </p>
      {qr && <img className="epub-link-qr" src={qr} alt={t('epub.linkQr', { url })} width={240} height={240} data-testid="epub-link-qr" />}
      <button type="button" className="epub-button primary big" autoFocus onClick={() => ref.current?.close()} data-testid="epub-link-close">
        {t('epub.close')}
      </button>
    </dialog>
  );
}

function TocIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01" />
    </svg>
  );
}

function TextSizeIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M3 19l5-14 5 14M5 14h6M14 19l3.5-9 3.5 9M15.2 16h4.6" />
    </svg>
  );
}

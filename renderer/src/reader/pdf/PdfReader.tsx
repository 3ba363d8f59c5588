/**
 * The PDF reader (pdfjs-dist 5, modern build). Opens the file by URL with range loading so the
 * first page of a long gazette shows before the rest arrives; page-by-page or continuous
 * reading; zoom and fit; page jump; the document's outline and thumbnails in a side panel;
 * search inside the document with highlights (run at once for the search that led here);
 * keyboard and swipe; printing chosen pages; and a plain Vietnamese message — with the way
 * back — when a file is damaged, protected by a password or cannot be loaded.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FormEvent, PointerEvent as ReactPointerEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { useT } from '../../i18n.js';
import type { ReaderProps } from '../types.js';
import { DamagedPdfError, PROBLEM_MESSAGE, pdfProblem } from './errors.js';
import type { PdfProblem } from './errors.js';
import {
  BackIcon,
  CloseIcon,
  DownIcon,
  FitPageIcon,
  FitWidthIcon,
  NextIcon,
  PageModeIcon,
  PanelIcon,
  PrevIcon,
  PrintIcon,
  ScrollModeIcon,
  SearchIcon,
  UpIcon,
  ZoomInIcon,
  ZoomOutIcon,
} from './icons.js';
import { parsePageNumber } from './page-range.js';
import { openPdf } from './pdfjs.js';
import { PrintDialog } from './PrintDialog.js';
import { SidePanel } from './SidePanel.js';
import type { OutlineNode, PanelTab } from './SidePanel.js';
import { swipeDirection } from './swipe.js';
import { ScrollMode, createViewer } from './viewer.js';
import type { KioskViewer } from './viewer.js';
import { stepZoom, zoomPercent } from './zoom.js';
import { useDisplay } from '../../kiosk/display.js';
import './pdf.css';

type Status = { kind: 'loading'; percent: number | null } | { kind: 'ready' } | { kind: 'error'; problem: PdfProblem };
type Mode = 'scroll' | 'page';
interface FindState {
  open: boolean;
  text: string;
  current: number;
  total: number;
  pending: boolean;
  searched: boolean;
}

const NARROW = '(max-width: 700px)';

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export default function PdfReader({ publication, url, initialPage, query, backTo }: ReaderProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { printingAllowed } = useDisplay();
  const wantsPrint = params.get('print') === '1' && printingAllowed;
  const rootRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const kiosk = useRef<KioskViewer | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'loading', percent: null });
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(initialPage ?? 1);
  const [pageText, setPageText] = useState(String(initialPage ?? 1));
  const [pageProblem, setPageProblem] = useState(false);
  const [scale, setScale] = useState(1);
  const [mode, setMode] = useState<Mode>('scroll');
  const [panel, setPanel] = useState<PanelTab | null>(null);
  const [outline, setOutline] = useState<OutlineNode[]>([]);
  const [find, setFind] = useState<FindState>({ open: Boolean(query), text: query ?? '', current: 0, total: 0, pending: false, searched: false });
  const [printing, setPrinting] = useState(false);
  const [externalLink, setExternalLink] = useState<string | null>(null);
  const [brokenPages, setBrokenPages] = useState<number[]>([]);
  const [height, setHeight] = useState<number | null>(null);
  /** Milliseconds from opening to the first drawn page (a figure for tests and the bench). */
  const [firstPageMs, setFirstPageMs] = useState<number | null>(null);
  const narrow = useMediaQuery(NARROW);

  // Fill the window below the header: the reader scrolls inside itself, never the page.
  useLayoutEffect(() => {
    const measure = () => {
      const top = rootRef.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(360, window.innerHeight - Math.max(0, top + window.scrollY) - 8));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  // Load the document and build the viewer; tear both down when leaving (canvases, worker, pages).
  useEffect(() => {
    const container = containerRef.current;
    const viewerElement = viewerRef.current;
    if (!container || !viewerElement) return;
    let live = true;
    setStatus({ kind: 'loading', percent: null });
    setFirstPageMs(null);
    const started = performance.now();
    const created = createViewer(container, viewerElement, (link) => setExternalLink(link));
    kiosk.current = created;
    const { eventBus, viewer, linkService } = created;
    let task: PDFDocumentLoadingTask | null = null;

    eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
      setPage(pageNumber);
      setPageText(String(pageNumber));
      setPageProblem(false);
    });
    eventBus.on('scalechanging', ({ scale: value }: { scale: number }) => setScale(value));
    const onCount = ({ matchesCount, state }: { matchesCount: { current: number; total: number }; state?: number }) =>
      setFind((f) => ({ ...f, current: matchesCount.current, total: matchesCount.total, pending: state === 3 ? true : state === undefined ? f.pending : false }));
    eventBus.on('updatefindmatchescount', onCount);
    eventBus.on('updatefindcontrolstate', onCount);
    eventBus.on('pagerendered', ({ pageNumber, error }: { pageNumber: number; error: unknown }) => {
      setFirstPageMs((ms) => ms ?? Math.round(performance.now() - started));
      if (error) setBrokenPages((pages) => (pages.includes(pageNumber) ? pages : [...pages, pageNumber]));
    });
    eventBus.on('pagesinit', () => {
      viewer.currentScaleValue = 'page-width';
      const start = initialPage && initialPage <= viewer.pagesCount ? initialPage : 1;
      if (start > 1) viewer.currentPageNumber = start;
      if (query?.trim()) {
        eventBus.dispatch('find', { source: null, type: '', query: query.trim(), caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: false, matchDiacritics: false });
        setFind((f) => ({ ...f, pending: true, searched: true }));
      }
      setStatus({ kind: 'ready' });
      // Keys scroll the document at once; no focus ring until the reader uses the keyboard.
      container.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
    });

    (async () => {
      try {
        task = openPdf(url);
        task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
          if (live && total > 0) setStatus((s) => (s.kind === 'loading' ? { kind: 'loading', percent: Math.min(100, Math.round((loaded / total) * 100)) } : s));
        };
        const loaded = await task.promise;
        if (!live) return;
        if (loaded.numPages < 1) throw new DamagedPdfError('no pages');
        // The first page must be readable, or the file is treated as damaged.
        await loaded.getPage(1);
        if (!live) return;
        setDoc(loaded);
        linkService.setDocument(loaded, null);
        // The viewer hands the document to the find controller itself, after the first page is drawn;
        // a search dispatched before then (the `query` one, at pagesinit) waits for it.
        viewer.setDocument(loaded);
        loaded
          .getOutline()
          .then((nodes) => live && setOutline((nodes ?? []) as OutlineNode[]))
          .catch(() => undefined);
      } catch (error) {
        if (!live) return;
        const problem = pdfProblem(error);
        console.warn(`PDF reader: ${problem}`, error);
        setStatus({ kind: 'error', problem });
      }
    })();

    return () => {
      live = false;
      kiosk.current = null;
      setDoc(null);
      const release = () => {
        try {
          viewer.setDocument(null as unknown as PDFDocumentProxy);
        } catch {
          // Already torn down with the document.
        }
        void task?.destroy();
      };
      // The viewer asks for every page once the first is drawn; destroying the document under
      // those requests makes pdf.js log errors, so stop drawing now and let go when they are done.
      const pages = viewer.pdfDocument ? viewer.pagesPromise : null;
      if (pages) {
        viewer.cleanup();
        void Promise.race([pages, new Promise((resolve) => window.setTimeout(resolve, 10_000))]).then(release);
      } else {
        release();
      }
    };
  }, [url, attempt, initialPage, query]);

  // When the space for the page changes (side panel, window, a phone turned), keep "fit width" /
  // "fit page" true to their word.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || status.kind !== 'ready') return;
    let frame = 0;
    let width = container.clientWidth;
    let height = container.clientHeight;
    const observer = new ResizeObserver(() => {
      if (container.clientWidth === width && container.clientHeight === height) return;
      width = container.clientWidth;
      height = container.clientHeight;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const viewer = kiosk.current?.viewer;
        const preset = viewer?.currentScaleValue;
        if (viewer && (preset === 'page-width' || preset === 'page-fit')) viewer.currentScaleValue = preset;
      });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [status.kind]);

  // Page mode or continuous.
  useEffect(() => {
    const viewer = kiosk.current?.viewer;
    if (!viewer || status.kind !== 'ready') return;
    viewer.scrollMode = mode === 'page' ? ScrollMode.PAGE : ScrollMode.VERTICAL;
  }, [mode, status.kind]);

  useEffect(() => {
    if (wantsPrint && status.kind === 'ready') setPrinting(true);
  }, [wantsPrint, status.kind]);

  const goTo = useCallback((target: number) => {
    const viewer = kiosk.current?.viewer;
    if (!viewer || viewer.pagesCount === 0) return;
    viewer.currentPageNumber = Math.min(viewer.pagesCount, Math.max(1, target));
  }, []);
  const next = useCallback(() => kiosk.current?.viewer.nextPage(), []);
  const previous = useCallback(() => kiosk.current?.viewer.previousPage(), []);
  const zoom = useCallback((direction: 1 | -1) => {
    const viewer = kiosk.current?.viewer;
    if (viewer) viewer.currentScale = stepZoom(viewer.currentScale, direction);
  }, []);
  const fit = useCallback((value: 'page-width' | 'page-fit') => {
    const viewer = kiosk.current?.viewer;
    if (viewer) viewer.currentScaleValue = value;
  }, []);

  const runFind = useCallback((type: '' | 'again', findPrevious: boolean, text?: string) => {
    const current = kiosk.current;
    if (!current) return;
    const words = (text ?? '').trim();
    if (!words) return;
    current.eventBus.dispatch('find', { source: null, type, query: words, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious, matchDiacritics: false });
    setFind((f) => ({ ...f, pending: type === '', searched: true }));
  }, []);

  const openSearch = useCallback(() => {
    setFind((f) => ({ ...f, open: true }));
    window.setTimeout(() => searchInput.current?.select(), 0);
  }, []);
  const closeSearch = useCallback(() => {
    kiosk.current?.eventBus.dispatch('findbarclose', { source: null });
    setFind((f) => ({ ...f, open: false, current: 0, total: 0, searched: false }));
    containerRef.current?.focus({ preventScroll: true });
  }, []);

  // Keyboard: ←/→ and PageUp/PageDown turn pages, Home/End, +/− zoom, Ctrl+F finds.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (status.kind !== 'ready' || printing || externalLink) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        openSearch();
        return;
      }
      if (event.key === 'Escape' && find.open) {
        closeSearch();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
      // The side panel's tabs and lists keep their own arrow keys.
      if (event.target instanceof HTMLElement && event.target.closest('.pdf-panel') && event.key.startsWith('Arrow')) return;
      const viewer = kiosk.current?.viewer;
      if (!viewer) return;
      const actions: Record<string, () => void> = {
        ArrowLeft: previous,
        ArrowRight: next,
        PageUp: previous,
        PageDown: next,
        Home: () => goTo(1),
        End: () => goTo(viewer.pagesCount),
        '+': () => zoom(1),
        '=': () => zoom(1),
        '-': () => zoom(-1),
        '−': () => zoom(-1),
      };
      const action = actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [status.kind, printing, externalLink, find.open, openSearch, closeSearch, next, previous, goTo, zoom]);

  // Swipe to turn pages in page mode (touch only; pinch zoom is pdf.js's own).
  const swipeStart = useRef<{ x: number; y: number; time: number; id: number } | null>(null);
  const onPointerDown = (event: ReactPointerEvent) => {
    if (event.pointerType !== 'touch' || mode !== 'page') return;
    swipeStart.current = { x: event.clientX, y: event.clientY, time: performance.now(), id: event.pointerId };
  };
  const onPointerUp = (event: ReactPointerEvent) => {
    const start = swipeStart.current;
    swipeStart.current = null;
    if (!start || start.id !== event.pointerId) return;
    const container = containerRef.current;
    // Only when the page fits sideways: otherwise a sideways move scrolls the zoomed page.
    if (container && container.scrollWidth > container.clientWidth + 2) return;
    const direction = swipeDirection(event.clientX - start.x, event.clientY - start.y, performance.now() - start.time);
    if (direction === 1) next();
    else if (direction === -1) previous();
  };

  const submitPage = (event: FormEvent) => {
    event.preventDefault();
    const viewer = kiosk.current?.viewer;
    const target = viewer ? parsePageNumber(pageText, viewer.pagesCount) : null;
    if (target === null) {
      setPageProblem(true);
      return;
    }
    setPageProblem(false);
    goTo(target);
    containerRef.current?.focus({ preventScroll: true });
  };

  const onOutline = useCallback(
    (node: OutlineNode) => {
      const current = kiosk.current;
      if (!current) return;
      if (node.dest) void current.linkService.goToDestination(node.dest as string);
      else if (node.url) setExternalLink(node.url);
      if (narrow) setPanel(null);
    },
    [narrow],
  );
  const onThumbPage = useCallback(
    (target: number) => {
      goTo(target);
      if (narrow) setPanel(null);
    },
    [goTo, narrow],
  );
  const onThumbnailRendered = useCallback((pageNumber: number, pdfPage: unknown) => {
    kiosk.current?.eventBus.dispatch('thumbnailrendered', { source: null, pageNumber, pdfPage });
  }, []);
  const closePrint = useCallback(() => setPrinting(false), []);

  const total = doc?.numPages ?? 0;
  const ready = status.kind === 'ready' && doc !== null;
  const title = publication.title;

  if (status.kind === 'error') {
    return (
      <div className="pdf-reader pdf-reader-error" ref={rootRef} data-testid="pdf-reader" data-state="error" data-problem={status.problem}>
        <div className="pdf-error" role="alert" data-testid="pdf-error">
          <h2 className="pdf-error-title">{t('pdf.error.title')}</h2>
          <p className="pdf-error-doc">{title}</p>
          <p>{t(PROBLEM_MESSAGE[status.problem])}</p>
          <div className="pdf-error-actions">
            <Link to={backTo} className="pdf-button primary big" data-testid="pdf-back">
              <BackIcon />
              <span>{t('pdf.backLabel')}</span>
            </Link>
            {status.problem === 'unavailable' || status.problem === 'generic' ? (
              <button type="button" className="pdf-button big" onClick={() => {
                  setStatus({ kind: 'loading', percent: null });
                  setAttempt((n) => n + 1);
                }}>
                {t('pdf.error.retry')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
    );
  }

  const zoomLabel = t('pdf.zoomLevel', { percent: zoomPercent(scale) });
  return (
    <div
      className={`pdf-reader${narrow ? ' narrow' : ''}${panel ? ' with-panel' : ''}`}
      ref={rootRef}
      style={height ? { height } : undefined}
      data-testid="pdf-reader"
      data-state={status.kind}
      data-page={page}
      data-pages={total}
      data-mode={mode}
      data-first-page-ms={firstPageMs ?? undefined}
    >
      <div className="pdf-toolbar" role="toolbar" aria-label={t('pdf.toolbar')}>
        <div className="pdf-group">
          <Link to={backTo} className="pdf-button" aria-label={t('pdf.backLabel')} data-testid="pdf-back">
            <BackIcon />
            <span className="pdf-label">{t('pdf.back')}</span>
          </Link>
        </div>
        <div className="pdf-group pdf-paging">
          <button type="button" className="pdf-button pdf-icon-only" onClick={previous} disabled={!ready || page <= 1} aria-label={t('pdf.prevPage')} title={t('pdf.prevPage')} data-testid="pdf-prev">
            <PrevIcon />
          </button>
          <form className="pdf-page-form" onSubmit={submitPage}>
            <input
              className="pdf-input pdf-page-input"
              type="text"
              inputMode="numeric"
              value={pageText}
              onChange={(e) => setPageText(e.target.value)}
              onBlur={() => setPageText(String(page))}
              aria-label={t('pdf.pageNumber')}
              aria-invalid={pageProblem}
              aria-describedby={pageProblem ? 'pdf-page-problem' : undefined}
              disabled={!ready}
              data-testid="pdf-page-input"
              onFocus={(e) => e.target.select()}
            />
            <span className="pdf-total" data-testid="pdf-total">
              {t('pdf.pageTotal', { total: total || '…' })}
            </span>
            <button type="submit" className="pdf-visually-hidden">
              {t('pdf.goToPage')}
            </button>
          </form>
          <button type="button" className="pdf-button pdf-icon-only" onClick={next} disabled={!ready || page >= total} aria-label={t('pdf.nextPage')} title={t('pdf.nextPage')} data-testid="pdf-next">
            <NextIcon />
          </button>
        </div>
        <div className="pdf-group">
          <button type="button" className="pdf-button pdf-icon-only" onClick={() => zoom(-1)} disabled={!ready} aria-label={t('pdf.zoomOut')} title={t('pdf.zoomOut')} data-testid="pdf-zoom-out">
            <ZoomOutIcon />
          </button>
          <span className="pdf-zoom" aria-live="polite" title={zoomLabel} data-testid="pdf-zoom">
            <span className="pdf-visually-hidden">{zoomLabel}</span>
            <span aria-hidden="true">{zoomPercent(scale)}%</span>
          </span>
          <button type="button" className="pdf-button pdf-icon-only" onClick={() => zoom(1)} disabled={!ready} aria-label={t('pdf.zoomIn')} title={t('pdf.zoomIn')} data-testid="pdf-zoom-in">
            <ZoomInIcon />
          </button>
          <button type="button" className="pdf-button pdf-icon-only" onClick={() => fit('page-width')} disabled={!ready} aria-label={t('pdf.fitWidth')} title={t('pdf.fitWidth')} data-testid="pdf-fit-width">
            <FitWidthIcon />
          </button>
          <button type="button" className="pdf-button pdf-icon-only pdf-fit-page" onClick={() => fit('page-fit')} disabled={!ready} aria-label={t('pdf.fitPage')} title={t('pdf.fitPage')} data-testid="pdf-fit-page">
            <FitPageIcon />
          </button>
        </div>
        <div className="pdf-group">
          <button
            type="button"
            className="pdf-button"
            onClick={() => setMode((m) => (m === 'page' ? 'scroll' : 'page'))}
            disabled={!ready}
            aria-pressed={mode === 'page'}
            data-testid="pdf-mode"
            title={mode === 'page' ? t('pdf.modeScroll') : t('pdf.modePage')}
          >
            {mode === 'page' ? <ScrollModeIcon /> : <PageModeIcon />}
            <span className="pdf-label">{mode === 'page' ? t('pdf.modeScroll') : t('pdf.modePage')}</span>
          </button>
          <button
            type="button"
            className="pdf-button"
            onClick={() => setPanel((p) => (p ? null : outline.length > 0 ? 'outline' : 'thumbnails'))}
            disabled={!ready}
            aria-expanded={panel !== null}
            data-testid="pdf-panel-toggle"
            title={t('pdf.panel')}
          >
            <PanelIcon />
            <span className="pdf-label">{outline.length > 0 ? t('pdf.outline') : t('pdf.thumbnails')}</span>
          </button>
          <button type="button" className="pdf-button" onClick={openSearch} disabled={!ready} aria-expanded={find.open} data-testid="pdf-search-toggle" title={t('pdf.search')}>
            <SearchIcon />
            <span className="pdf-label">{t('pdf.search')}</span>
          </button>
          {printingAllowed && (
            <button type="button" className="pdf-button" onClick={() => setPrinting(true)} disabled={!ready} data-testid="pdf-print" title={t('pdf.printLabel')} aria-label={t('pdf.printLabel')}>
              <PrintIcon />
              <span className="pdf-label">{t('pdf.print')}</span>
            </button>
          )}
        </div>
      </div>
      {pageProblem && (
        <p className="pdf-problem pdf-bar" id="pdf-page-problem" role="alert">
          {t('pdf.pageInvalid', { total })}
        </p>
      )}
      {find.open && (
        <form
          className="pdf-searchbar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            runFind('', false, find.text);
          }}
        >
          <SearchIcon />
          <input
            ref={searchInput}
            className="pdf-input pdf-search-input"
            type="search"
            value={find.text}
            placeholder={t('pdf.searchPlaceholder')}
            aria-label={t('pdf.searchField')}
            data-testid="pdf-search-input"
            autoFocus={!query}
            onChange={(e) => setFind((f) => ({ ...f, text: e.target.value }))}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.shiftKey) {
                e.preventDefault();
                runFind('again', true, find.text);
              }
            }}
          />
          <button type="submit" className="pdf-button primary">
            {t('pdf.searchGo')}
          </button>
          <button type="button" className="pdf-button pdf-icon-only" onClick={() => runFind('again', true, find.text)} disabled={find.total === 0} aria-label={t('pdf.searchPrev')} title={t('pdf.searchPrev')} data-testid="pdf-search-prev">
            <UpIcon />
          </button>
          <button type="button" className="pdf-button pdf-icon-only" onClick={() => runFind('again', false, find.text)} disabled={find.total === 0} aria-label={t('pdf.searchNext')} title={t('pdf.searchNext')} data-testid="pdf-search-next">
            <DownIcon />
          </button>
          <span className="pdf-search-count" role="status" aria-live="polite" data-testid="pdf-search-count" data-total={find.total}>
            {find.total > 0 ? t('pdf.searchCount', { current: find.current || 1, total: find.total }) : find.pending ? t('pdf.searching') : find.searched ? t('pdf.searchNone') : ''}
          </span>
          <button type="button" className="pdf-button pdf-icon-only" onClick={closeSearch} aria-label={t('pdf.searchClose')} title={t('pdf.searchClose')}>
            <CloseIcon />
          </button>
        </form>
      )}
      <div className="pdf-body">
        {panel && doc && (
          <SidePanel
            doc={doc}
            outline={outline}
            tab={panel}
            onTab={setPanel}
            currentPage={page}
            onPage={onThumbPage}
            onOutline={onOutline}
            onClose={() => setPanel(null)}
            onThumbnailRendered={onThumbnailRendered}
          />
        )}
        <div className="pdf-stage">
          <div
            className={`pdf-container${mode === 'page' ? ' page-mode' : ''}`}
            ref={containerRef}
            tabIndex={0}
            role="region"
            aria-label={t('pdf.document', { title })}
            aria-roledescription="PDF"
            data-testid="pdf-container"
            onPointerDown={onPointerDown}
            onPointerUp={onPointerUp}
            onPointerCancel={() => (swipeStart.current = null)}
          >
            <div className="pdfViewer" ref={viewerRef} />
          </div>
          {status.kind === 'loading' && (
            <div className="pdf-loading" role="status" data-testid="pdf-loading">
              <span className="pdf-spinner" aria-hidden="true" />
              {status.percent !== null && status.percent < 100 ? t('pdf.loadingPercent', { percent: status.percent }) : t('pdf.loading')}
            </div>
          )}
          {brokenPages.includes(page) && (
            <p className="pdf-page-error" role="alert" data-testid="pdf-page-error">
              {t('pdf.pageError')}
            </p>
          )}
          {mode === 'page' && ready && (
            <>
              <button type="button" className="pdf-turn prev" onClick={previous} disabled={page <= 1} aria-label={t('pdf.prevPage')} tabIndex={-1}>
                <PrevIcon />
              </button>
              <button type="button" className="pdf-turn next" onClick={next} disabled={page >= total} aria-label={t('pdf.nextPage')} tabIndex={-1}>
                <NextIcon />
              </button>
            </>
          )}
        </div>
      </div>
      <p className="pdf-visually-hidden" aria-live="polite">
        {ready ? t('pdf.pageStatus', { page, total }) : ''}
      </p>
      {printing && printingAllowed && doc && <PrintDialog doc={doc} currentPage={page} onClose={closePrint} />}
      {externalLink && <LinkDialog url={externalLink} onClose={() => setExternalLink(null)} />}
    </div>
  );
}

/** A web address from the document: shown, never opened (the kiosk has no browser to go to). */
function LinkDialog({ url, onClose }: { url: string; onClose(): void }) {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <>
      <div className="pdf-modal-backdrop" onClick={onClose} />
      <div className="pdf-modal" role="dialog" aria-modal="true" aria-labelledby="pdf-link-title" data-testid="pdf-link-dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id="pdf-link-title" className="pdf-modal-title">{t('pdf.link.title')}</h2>
        <p>{t('pdf.link.body')}</p>
        <p className="pdf-link-url">{url}</p>
        <div className="pdf-modal-actions">
          <button type="button" className="pdf-button primary" onClick={onClose} ref={button}>
            {t('pdf.link.close')}
          </button>
        </div>
      </div>
    </>
  );
}

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

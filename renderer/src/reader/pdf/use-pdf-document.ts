/**
 * A PDF open for reading: loaded by range requests, page 1 first (options.ts, range-source.ts;
 * the outline is asked for once page 1 is drawn) — or taken over from the publication page, which
 * opened it early (warm-up.ts) — into pdf.js's viewer (viewer.ts), and torn down on leaving
 * (canvases, worker, pages). Gives the reader its state — loading with progress, ready, or the
 * problem that stopped it; the page, scale and mode shown — and what it can do: turn, jump, zoom,
 * fit, page by page or continuous. It opens at a readable zoom (readable-zoom.ts: fit width, or
 * larger where that leaves the text too small, or with the station's large text), scrolled to the
 * start of the text column; that zoom, "fit width" and "fit page" stay true when the space changes.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { DamagedPdfError, pdfProblem } from './errors.js';
import type { PdfProblem } from './errors.js';
import { OPEN_MARKS } from './open-marks.js';
import { openPdf } from './pdfjs.js';
import { COLUMN_GAP, columnLeftPx, readableScale, textMetrics } from './readable-zoom.js';
import type { TextMetrics } from './readable-zoom.js';
import type { OutlineNode } from './SidePanel.js';
import { ScrollMode, createViewer } from './viewer.js';
import type { KioskViewer } from './viewer.js';
import { stepZoom } from './zoom.js';

export type PdfStatus = { kind: 'loading'; percent: number | null } | { kind: 'ready' } | { kind: 'error'; problem: PdfProblem };
export type Mode = 'scroll' | 'page';

export interface PdfDocument {
  status: PdfStatus;
  doc: PDFDocumentProxy | null;
  /** Whether the document is shown and can be used. */
  ready: boolean;
  /** The viewer of the document being opened or read (null between two). */
  kiosk: KioskViewer | null;
  page: number;
  total: number;
  scale: number;
  mode: Mode;
  setMode(mode: Mode): void;
  outline: OutlineNode[];
  /** Pages that could not be drawn (a file cut off half-way). */
  brokenPages: number[];
  /** Milliseconds from opening to the first drawn page (a figure for tests and the bench). */
  firstPageMs: number | null;
  retry(): void;
  goTo(page: number): void;
  next(): void;
  previous(): void;
  zoom(direction: 1 | -1): void;
  fit(value: 'page-width' | 'page-fit'): void;
  /** Puts keyboard focus on the document, so keys scroll it at once. */
  focus(): void;
}

interface Options {
  url: string;
  initialPage?: number;
  /** pdf.js's scrolling container and the viewer element inside it. */
  container: RefObject<HTMLDivElement | null>;
  viewer: RefObject<HTMLDivElement | null>;
  /** A web link tapped in the document. */
  onOutsideLink(url: string): void;
  /** The station's large text: a larger zoom to open at. */
  largeText: boolean;
}

/** How the zoom was chosen: the readable one the reader opens at, a fit, or the reader's own steps. */
type ZoomChoice = 'readable' | 'page-width' | 'page-fit' | 'custom';

export function usePdfDocument({ url, initialPage, container: containerRef, viewer: viewerRef, onOutsideLink, largeText }: Options): PdfDocument {
  const outsideLink = useRef(onOutsideLink);
  outsideLink.current = onOutsideLink;
  const large = useRef(largeText);
  large.current = largeText;
  /** The body text of the first page drawn, measured once it is. */
  const metricsRef = useRef<TextMetrics | null>(null);
  const zoomChoice = useRef<ZoomChoice>('readable');
  const kioskRef = useRef<KioskViewer | null>(null);
  const [kiosk, setKiosk] = useState<KioskViewer | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<PdfStatus>({ kind: 'loading', percent: null });
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(initialPage ?? 1);
  const [scale, setScale] = useState(1);
  const [mode, setMode] = useState<Mode>('scroll');
  const [outline, setOutline] = useState<OutlineNode[]>([]);
  const [brokenPages, setBrokenPages] = useState<number[]>([]);
  const [firstPageMs, setFirstPageMs] = useState<number | null>(null);

  const focus = useCallback(() => containerRef.current?.focus({ preventScroll: true }), [containerRef]);

  /**
   * At the readable zoom, with the page wider than the window, shows the text column from its
   * start (`always`), or only where pdf.js has just put the page's left edge — its margin — in
   * view (it does on every page turn or jump), never where the reader has panned to.
   */
  const showColumn = useCallback(
    (always: boolean) => {
      const viewer = kioskRef.current?.viewer;
      const container = containerRef.current;
      const metrics = metricsRef.current;
      if (!viewer || !container || !metrics || zoomChoice.current !== 'readable' || container.scrollWidth <= container.clientWidth) return;
      const page = viewer.getPageView(Math.max(0, viewer.currentPageNumber - 1))?.div;
      if (!page) return;
      const pageLeft = page.getBoundingClientRect().left - container.getBoundingClientRect().left + container.scrollLeft;
      if (!always && container.scrollLeft > pageLeft + 1) return;
      container.scrollLeft = Math.max(0, pageLeft + columnLeftPx(metrics, viewer.currentScale) - COLUMN_GAP);
    },
    [containerRef],
  );

  /** After a page turn or jump (pdf.js shows the new page from its left edge): the text column again. */
  const afterTurn = useCallback(() => requestAnimationFrame(() => showColumn(false)), [showColumn]);

  /** Sets the readable zoom (readable-zoom.ts), the text column in view. */
  const applyReadable = useCallback(() => {
    const viewer = kioskRef.current?.viewer;
    const container = containerRef.current;
    if (!viewer || !container || viewer.pagesCount === 0) return;
    viewer.currentScaleValue = 'page-width';
    const fitWidth = viewer.currentScale;
    const scale = readableScale({ fitWidth, containerWidth: container.clientWidth, metrics: metricsRef.current, largeText: large.current });
    if (scale <= fitWidth + 0.005) return;
    viewer.currentScale = scale;
    requestAnimationFrame(() => showColumn(true));
  }, [containerRef, showColumn]);

  // Load the document and build the viewer, before the reader is first painted (the file's ranges
  // are in flight while it is); tear both down when leaving.
  useLayoutEffect(() => {
    const container = containerRef.current;
    const viewerElement = viewerRef.current;
    if (!container || !viewerElement) return;
    let live = true;
    setStatus({ kind: 'loading', percent: null });
    setFirstPageMs(null);
    const started = performance.now();
    performance.mark(OPEN_MARKS.open);
    const created = createViewer(container, viewerElement, (link) => outsideLink.current(link), afterTurn);
    kioskRef.current = created;
    setKiosk(created);
    const { eventBus, viewer, linkService } = created;
    let task: PDFDocumentLoadingTask | null = null;

    eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => setPage(pageNumber));
    eventBus.on('scalechanging', ({ scale: value }: { scale: number }) => setScale(value));
    metricsRef.current = null;
    let measured = false;
    let drawnOnce = false;
    let pageDrawn = () => undefined as void;
    const firstPageDrawn = new Promise<void>((resolve) => (pageDrawn = resolve));
    eventBus.on('pagerendered', ({ pageNumber, error, source }: { pageNumber: number; error: unknown; source?: { pdfPage?: PDFPageProxy } }) => {
      setFirstPageMs((ms) => ms ?? Math.round(performance.now() - started));
      if (!drawnOnce) performance.mark(OPEN_MARKS.drawn);
      drawnOnce = true;
      pageDrawn();
      if (error) setBrokenPages((pages) => (pages.includes(pageNumber) ? pages : [...pages, pageNumber]));
      // Once the first page is drawn (never before: a long gazette's first page comes first), its
      // text gives the size of the body text, and the zoom to read it at.
      const pdfPage = source?.pdfPage;
      if (measured || error || !pdfPage) return;
      measured = true;
      pdfPage
        .getTextContent()
        .then((content) => {
          if (!live) return;
          metricsRef.current = textMetrics(content.items, pdfPage.view[0]);
          if (zoomChoice.current === 'readable') applyReadable();
        })
        .catch(() => undefined);
    });
    eventBus.on('pagesinit', () => {
      zoomChoice.current = 'readable';
      applyReadable();
      const start = initialPage && initialPage <= viewer.pagesCount ? initialPage : 1;
      if (start > 1) {
        viewer.currentPageNumber = start;
        afterTurn();
      }
      setStatus({ kind: 'ready' });
      // Keys scroll the document at once; no focus ring until the reader uses the keyboard.
      container.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
    });

    (async () => {
      try {
        const opened = await openPdf(url, (error) => {
          if (!live) return;
          console.warn('PDF reader: a range of the file could not be fetched', error);
          setStatus({ kind: 'error', problem: pdfProblem(error) });
        });
        if (!live) {
          void opened.destroy();
          return;
        }
        task = opened;
        task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
          if (live && total > 0) setStatus((s) => (s.kind === 'loading' ? { kind: 'loading', percent: Math.min(100, Math.round((loaded / total) * 100)) } : s));
        };
        const loaded = await task.promise;
        if (!live) return;
        performance.mark(OPEN_MARKS.document);
        if (loaded.numPages < 1) throw new DamagedPdfError('no pages');
        // The first page must be readable, or the file is treated as damaged.
        await loaded.getPage(1);
        if (!live) return;
        performance.mark(OPEN_MARKS.page);
        setDoc(loaded);
        linkService.setDocument(loaded, null);
        // The viewer hands the document to the find controller itself, after the first page is drawn;
        // a search dispatched before then (the `query` one, at pagesinit) waits for it.
        viewer.setDocument(loaded);
        // The outline waits for page 1: with auto-fetch off its objects are fetched by ranges,
        // which would otherwise queue beside page 1's.
        await firstPageDrawn;
        if (!live) return;
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
      kioskRef.current = null;
      setKiosk(null);
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
  }, [url, attempt, initialPage, containerRef, viewerRef, applyReadable, afterTurn]);

  // When the space for the page changes (side panel, window, a phone turned), keep the readable
  // zoom, "fit width" and "fit page" true to their word.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || status.kind !== 'ready') return;
    let frame = 0;
    let width = container.clientWidth;
    let height = container.clientHeight;
    const observer = new ResizeObserver(() => {
      if (container.clientWidth === width && container.clientHeight === height) return;
      const widthChanged = container.clientWidth !== width;
      width = container.clientWidth;
      height = container.clientHeight;
      const choice = zoomChoice.current;
      // The readable zoom depends on the width only: the find bar opening leaves it (and where the reader has panned) alone.
      if (choice === 'custom' || (choice === 'readable' && !widthChanged)) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const viewer = kioskRef.current?.viewer;
        if (choice === 'readable') applyReadable();
        else if (viewer) viewer.currentScaleValue = choice;
      });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [status.kind, containerRef, applyReadable]);

  // Large text turned on or off while reading: the readable zoom follows.
  useEffect(() => {
    if (status.kind === 'ready' && zoomChoice.current === 'readable') applyReadable();
  }, [largeText, status.kind, applyReadable]);

  // Page by page or continuous.
  useEffect(() => {
    const viewer = kioskRef.current?.viewer;
    if (!viewer || status.kind !== 'ready') return;
    viewer.scrollMode = mode === 'page' ? ScrollMode.PAGE : ScrollMode.VERTICAL;
  }, [mode, status.kind]);

  const retry = useCallback(() => {
    setStatus({ kind: 'loading', percent: null });
    setAttempt((n) => n + 1);
  }, []);
  const goTo = useCallback(
    (target: number) => {
      const viewer = kioskRef.current?.viewer;
      if (!viewer || viewer.pagesCount === 0) return;
      viewer.currentPageNumber = Math.min(viewer.pagesCount, Math.max(1, target));
      afterTurn();
    },
    [afterTurn],
  );
  const next = useCallback(() => {
    kioskRef.current?.viewer.nextPage();
    afterTurn();
  }, [afterTurn]);
  const previous = useCallback(() => {
    kioskRef.current?.viewer.previousPage();
    afterTurn();
  }, [afterTurn]);
  const zoom = useCallback((direction: 1 | -1) => {
    const viewer = kioskRef.current?.viewer;
    if (!viewer) return;
    zoomChoice.current = 'custom';
    viewer.currentScale = stepZoom(viewer.currentScale, direction);
  }, []);
  const fit = useCallback((value: 'page-width' | 'page-fit') => {
    const viewer = kioskRef.current?.viewer;
    if (!viewer) return;
    zoomChoice.current = value;
    viewer.currentScaleValue = value;
  }, []);

  const ready = status.kind === 'ready' && doc !== null;
  const total = doc?.numPages ?? 0;
  return { status, doc, ready, kiosk, page, total, scale, mode, setMode, outline, brokenPages, firstPageMs, retry, goTo, next, previous, zoom, fit, focus };
}

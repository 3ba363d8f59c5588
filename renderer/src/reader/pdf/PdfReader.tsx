/**
 * The PDF reader (pdfjs-dist 5, modern build): page-by-page or continuous reading; zoom and fit,
 * opening at a zoom whose text can be read (larger with the station's large text; high contrast
 * darkens the pages: pdf.css); page jump; the document's outline and thumbnails in a side panel;
 * search inside the document with highlights (the words of the search that led here found at
 * once, in any order); keyboard and swipe; printing chosen pages; the way to the text view; web
 * links shown with a QR code instead of being opened; one line over the toolbar when the document
 * is not (or not yet, or only partly) in force; and a plain Vietnamese message — with the way
 * back — when a file is damaged, protected by a password or cannot be loaded. The reader fills
 * the window under the header (reader.css): only the document scrolls.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n.js';
import { useDisplay } from '../../kiosk/display.js';
import { StatusBanner } from '../../related/StatusBanner.js';
import { NextIcon, PrevIcon } from '../shared/icons.js';
import { useNarrowScreen } from '../shared/narrow-screen.js';
import { OutsideLinkDialog } from '../shared/OutsideLinkDialog.js';
import { useSteady } from '../shared/steady.js';
import { trackSwipe } from '../shared/swipe.js';
import type { ReaderProps } from '../types.js';
import { FindBar } from './FindBar.js';
import { PdfError } from './PdfError.js';
import { PrintDialog } from './PrintDialog.js';
import { SidePanel } from './SidePanel.js';
import type { OutlineNode, PanelTab } from './SidePanel.js';
import { Toolbar } from './Toolbar.js';
import { usePdfDocument } from './use-pdf-document.js';
import { usePdfFind } from './use-pdf-find.js';
import { usePdfKeys } from './use-pdf-keys.js';
import './pdf.css';

export default function PdfReader({ publication, url, initialPage, query, backTo }: ReaderProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { printingAllowed, largeText } = useDisplay();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrowScreen();
  const [panel, setPanel] = useState<PanelTab | null>(null);
  const [printing, setPrinting] = useState(false);
  const [outsideLink, setOutsideLink] = useState<string | null>(null);
  const pdf = usePdfDocument({ url, initialPage, container: containerRef, viewer: viewerRef, onOutsideLink: setOutsideLink, largeText });
  const find = usePdfFind(pdf, query);
  const turn = { next: useSteady(pdf.next), previous: useSteady(pdf.previous) };
  const { status, doc, ready, page, total, mode } = pdf;
  usePdfKeys(status.kind === 'ready' && !printing && !outsideLink, pdf, find);

  const wantsPrint = params.get('print') === '1' && printingAllowed;
  useEffect(() => {
    if (wantsPrint && status.kind === 'ready') setPrinting(true);
  }, [wantsPrint, status.kind]);

  // Swipe to turn pages in page mode (touch only; pinch zoom is pdf.js's own), and only when the
  // page fits sideways: otherwise a sideways move scrolls the zoomed page.
  const swipe = useMemo(() => trackSwipe((direction) => (direction === 1 ? pdf.next() : pdf.previous())), [pdf.next, pdf.previous]);
  const onPointerDown = (event: ReactPointerEvent) => {
    if (event.pointerType === 'touch' && mode === 'page') swipe.start(event.clientX, event.clientY, event.pointerId);
  };
  const onPointerUp = (event: ReactPointerEvent) => {
    const container = containerRef.current;
    if (container && container.scrollWidth > container.clientWidth + 2) swipe.cancel();
    else swipe.end(event.clientX, event.clientY, event.pointerId);
  };

  const onOutline = (node: OutlineNode) => {
    if (node.dest) void pdf.kiosk?.linkService.goToDestination(node.dest as string);
    else if (node.url) setOutsideLink(node.url);
    if (narrow) setPanel(null);
  };
  const onThumbPage = (target: number) => {
    pdf.goTo(target);
    if (narrow) setPanel(null);
  };
  // Stable: a thumbnail is drawn again when this changes.
  const onThumbnailRendered = useCallback(
    (pageNumber: number, pdfPage: unknown) => pdf.kiosk?.eventBus.dispatch('thumbnailrendered', { source: null, pageNumber, pdfPage }),
    [pdf.kiosk],
  );
  const closePrint = useCallback(() => setPrinting(false), []);

  if (status.kind === 'error') return <PdfError problem={status.problem} title={publication.title} backTo={backTo} onRetry={pdf.retry} />;

  return (
    <div
      className={`pdf-reader reader-fill${narrow ? ' narrow' : ''}${panel ? ' with-panel' : ''}`}
      data-testid="pdf-reader"
      data-state={status.kind}
      data-page={page}
      data-pages={total}
      data-mode={mode}
      data-first-page-ms={pdf.firstPageMs ?? undefined}
    >
      <StatusBanner publication={publication} compact />
      <Toolbar
        pdf={pdf}
        find={find}
        turn={turn}
        backTo={backTo}
        publicationId={publication.id}
        query={query}
        narrow={narrow}
        panelOpen={panel !== null}
        onPanel={() => setPanel((p) => (p ? null : pdf.outline.length > 0 ? 'outline' : 'thumbnails'))}
        onPrint={printingAllowed ? () => setPrinting(true) : null}
      />
      {find.open && <FindBar find={find} query={query} />}
      <div className="pdf-body">
        {panel && doc && (
          <SidePanel
            doc={doc}
            outline={pdf.outline}
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
            aria-label={t('pdf.document', { title: publication.title })}
            aria-roledescription="PDF"
            data-testid="pdf-container"
            onPointerDown={onPointerDown}
            onPointerUp={onPointerUp}
            onPointerCancel={swipe.cancel}
          >
            <div className="pdfViewer" ref={viewerRef} />
          </div>
          {status.kind === 'loading' && (
            <div className="pdf-loading" role="status" data-testid="pdf-loading">
              <span className="pdf-spinner" aria-hidden="true" />
              {status.percent !== null && status.percent < 100 ? t('pdf.loadingPercent', { percent: status.percent }) : t('pdf.loading')}
            </div>
          )}
          {pdf.brokenPages.includes(page) && (
            <p className="pdf-page-error" role="alert" data-testid="pdf-page-error">
              {t('pdf.pageError')}
            </p>
          )}
          {mode === 'page' && ready && (
            <>
              <button type="button" className="pdf-turn prev" onClick={turn.previous} disabled={page <= 1} aria-label={t('pdf.prevPage')} tabIndex={-1}>
                <PrevIcon />
              </button>
              <button type="button" className="pdf-turn next" onClick={turn.next} disabled={page >= total} aria-label={t('pdf.nextPage')} tabIndex={-1}>
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
      {outsideLink && <OutsideLinkDialog url={outsideLink} onClose={() => setOutsideLink(null)} />}
    </div>
  );
}

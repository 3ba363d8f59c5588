/**
 * The PDF reader's toolbar: back, previous / next page with the page number to jump to (and a
 * plain message under the bar when it is not one of the pages), zoom and fit, page or continuous
 * mode, the side panel, the find bar, printing and the way to the text view. On a wide screen all
 * in one row; on a phone two rows of labelled buttons — back and the pages; find, text view, the
 * panel and "Thêm" (more), a labelled menu with zoom, fit, mode and printing.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n.js';
import { BackIcon, FitPageIcon, FitWidthIcon, MoreIcon, NextIcon, PageModeIcon, PanelIcon, PrevIcon, PrintIcon, ScrollModeIcon, SearchIcon, ZoomInIcon, ZoomOutIcon } from '../shared/icons.js';
import { TextViewLink } from '../shared/TextViewLink.js';
import { IconButton } from './IconButton.js';
import { parsePageNumber } from './page-range.js';
import type { PdfDocument } from './use-pdf-document.js';
import type { PdfFind } from './use-pdf-find.js';
import { zoomPercent } from './zoom.js';

interface ToolbarProps {
  pdf: PdfDocument;
  find: PdfFind;
  /** Previous / next page, once per tap. */
  turn: { next(): void; previous(): void };
  backTo: string;
  /** The publication, for the text view, and the words of the search that led here. */
  publicationId: string;
  query?: string;
  narrow: boolean;
  panelOpen: boolean;
  onPanel(): void;
  /** Null where printing is not offered (the station's choice). */
  onPrint: (() => void) | null;
}

/** The "Thêm" menu: open / closed, closed by Escape (focus back on its button) or a tap elsewhere. */
function useMoreMenu(enabled: boolean) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  useEffect(() => {
    if (!enabled) setOpen(false);
  }, [enabled]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return { open: open && enabled, toggle: () => setOpen((o) => !o), close, button, menu };
}

export function Toolbar({ pdf, find, turn, backTo, publicationId, query, narrow, panelOpen, onPanel, onPrint }: ToolbarProps) {
  const t = useT();
  const { ready, page, total, mode } = pdf;
  // What is typed in the page box while it is being edited; otherwise the box shows the page.
  const [typed, setTyped] = useState<string | null>(null);
  const [pageProblem, setPageProblem] = useState(false);
  const more = useMoreMenu(narrow);
  useEffect(() => setPageProblem(false), [page]);

  const pageText = typed ?? String(page);
  const jump = () => {
    const target = parsePageNumber(pageText, total);
    setPageProblem(target === null);
    if (target === null) return;
    setTyped(null);
    pdf.goTo(target);
    pdf.focus();
  };
  const zoomLabel = t('pdf.zoomLevel', { percent: zoomPercent(pdf.scale) });
  const modeLabel = mode === 'page' ? t('pdf.modeScroll') : t('pdf.modePage');

  const back = (
    <Link to={backTo} className="pdf-button pdf-back" aria-label={t('pdf.backLabel')} data-testid="pdf-back">
      <BackIcon />
      <span className="pdf-label">{t('pdf.back')}</span>
    </Link>
  );
  const paging = (
    <div className="pdf-group pdf-paging">
      <IconButton label={t('pdf.prevPage')} onClick={turn.previous} disabled={!ready || page <= 1} testId="pdf-prev">
        <PrevIcon />
      </IconButton>
      <form
        className="pdf-page-form"
        onSubmit={(event) => {
          event.preventDefault();
          jump();
        }}
      >
        <input
          className="pdf-input pdf-page-input"
          type="text"
          inputMode="numeric"
          enterKeyHint="go"
          value={pageText}
          onChange={(e) => setTyped(e.target.value)}
          onBlur={() => setTyped(null)}
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
      <IconButton label={t('pdf.nextPage')} onClick={turn.next} disabled={!ready || page >= total} testId="pdf-next">
        <NextIcon />
      </IconButton>
    </div>
  );
  const zoomTools = (
    <div className="pdf-group pdf-zoom-tools">
      <IconButton label={t('pdf.zoomOut')} onClick={() => pdf.zoom(-1)} disabled={!ready} testId="pdf-zoom-out">
        <ZoomOutIcon />
      </IconButton>
      <span className="pdf-zoom" aria-live="polite" title={zoomLabel} data-testid="pdf-zoom">
        <span className="pdf-visually-hidden">{zoomLabel}</span>
        <span aria-hidden="true">{zoomPercent(pdf.scale)}%</span>
      </span>
      <IconButton label={t('pdf.zoomIn')} onClick={() => pdf.zoom(1)} disabled={!ready} testId="pdf-zoom-in">
        <ZoomInIcon />
      </IconButton>
      <IconButton label={t('pdf.fitWidth')} onClick={() => pdf.fit('page-width')} disabled={!ready} testId="pdf-fit-width">
        <FitWidthIcon />
      </IconButton>
      <IconButton label={t('pdf.fitPage')} onClick={() => pdf.fit('page-fit')} disabled={!ready} testId="pdf-fit-page">
        <FitPageIcon />
      </IconButton>
    </div>
  );
  const modeButton = (
    <button type="button" className="pdf-button" onClick={() => pdf.setMode(mode === 'page' ? 'scroll' : 'page')} disabled={!ready} aria-pressed={mode === 'page'} data-testid="pdf-mode" title={modeLabel}>
      {mode === 'page' ? <ScrollModeIcon /> : <PageModeIcon />}
      <span className="pdf-label">{modeLabel}</span>
    </button>
  );
  const panelButton = (
    <button type="button" className="pdf-button" onClick={onPanel} disabled={!ready} aria-expanded={panelOpen} data-testid="pdf-panel-toggle" title={t('pdf.panel')}>
      <PanelIcon />
      <span className="pdf-label">{pdf.outline.length > 0 ? t('pdf.outline') : t('pdf.thumbnails')}</span>
    </button>
  );
  const searchButton = (
    <button type="button" className="pdf-button" onClick={find.show} disabled={!ready} aria-expanded={find.open} aria-label={t('pdf.search')} data-testid="pdf-search-toggle" title={t('pdf.search')}>
      <SearchIcon />
      <span className="pdf-label">{t('pdf.searchShort')}</span>
    </button>
  );
  const printButton = onPrint && (
    <button type="button" className="pdf-button" onClick={onPrint} disabled={!ready} data-testid="pdf-print" title={t('pdf.printLabel')} aria-label={t('pdf.printLabel')}>
      <PrintIcon />
      <span className="pdf-label">{t('pdf.print')}</span>
    </button>
  );
  const textView = <TextViewLink id={publicationId} query={query} className="pdf-button pdf-text-view" labelClassName="pdf-label" />;

  return (
    <div className="pdf-toolbar-wrap">
      {narrow ? (
        <div className="pdf-toolbar" role="toolbar" aria-label={t('pdf.toolbar')}>
          <div className="pdf-row">
            {back}
            {paging}
          </div>
          <div className="pdf-row pdf-tools">
            {searchButton}
            {textView}
            {panelButton}
            <button
              type="button"
              ref={more.button}
              className="pdf-button"
              onClick={more.toggle}
              aria-expanded={more.open}
              aria-controls={more.open ? 'pdf-more' : undefined}
              aria-label={t('reader.moreLabel')}
              title={t('reader.moreLabel')}
              data-testid="pdf-more-toggle"
            >
              <MoreIcon />
              <span className="pdf-label">{t('reader.more')}</span>
            </button>
          </div>
        </div>
      ) : (
        <div className="pdf-toolbar" role="toolbar" aria-label={t('pdf.toolbar')}>
          <div className="pdf-group">{back}</div>
          {paging}
          {zoomTools}
          <div className="pdf-group">
            {modeButton}
            {panelButton}
            {searchButton}
            {printButton}
            {textView}
          </div>
        </div>
      )}
      {more.open && (
        <div
          className="pdf-more"
          id="pdf-more"
          ref={more.menu}
          role="group"
          aria-label={t('reader.moreLabel')}
          data-testid="pdf-more"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              more.close();
            }
          }}
        >
          {zoomTools}
          <div className="pdf-group">
            {modeButton}
            {printButton}
          </div>
        </div>
      )}
      {pageProblem && (
        <p className="pdf-problem pdf-bar" id="pdf-page-problem" role="alert">
          {t('pdf.pageInvalid', { total })}
        </p>
      )}
    </div>
  );
}

/**
 * The PDF reader's toolbar: back, previous / next page with the page number to jump to (and a
 * plain message under the bar when it is not one of the pages), zoom and fit, page or continuous
 * mode, the side panel, the find bar and printing. On a phone the labels are hidden (pdf.css).
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n.js';
import { BackIcon, FitPageIcon, FitWidthIcon, NextIcon, PageModeIcon, PanelIcon, PrevIcon, PrintIcon, ScrollModeIcon, SearchIcon, ZoomInIcon, ZoomOutIcon } from '../shared/icons.js';
import { IconButton } from './IconButton.js';
import { parsePageNumber } from './page-range.js';
import type { PdfDocument } from './use-pdf-document.js';
import type { PdfFind } from './use-pdf-find.js';
import { zoomPercent } from './zoom.js';

interface ToolbarProps {
  pdf: PdfDocument;
  find: PdfFind;
  backTo: string;
  panelOpen: boolean;
  onPanel(): void;
  /** Null where printing is not offered (the station's choice). */
  onPrint: (() => void) | null;
}

export function Toolbar({ pdf, find, backTo, panelOpen, onPanel, onPrint }: ToolbarProps) {
  const t = useT();
  const { ready, page, total, mode } = pdf;
  const [pageText, setPageText] = useState(String(page));
  const [pageProblem, setPageProblem] = useState(false);
  useEffect(() => {
    setPageText(String(page));
    setPageProblem(false);
  }, [page]);

  const jump = () => {
    const target = parsePageNumber(pageText, total);
    setPageProblem(target === null);
    if (target === null) return;
    pdf.goTo(target);
    pdf.focus();
  };
  const zoomLabel = t('pdf.zoomLevel', { percent: zoomPercent(pdf.scale) });
  const modeLabel = mode === 'page' ? t('pdf.modeScroll') : t('pdf.modePage');
  return (
    <>
      <div className="pdf-toolbar" role="toolbar" aria-label={t('pdf.toolbar')}>
        <div className="pdf-group">
          <Link to={backTo} className="pdf-button" aria-label={t('pdf.backLabel')} data-testid="pdf-back">
            <BackIcon />
            <span className="pdf-label">{t('pdf.back')}</span>
          </Link>
        </div>
        <div className="pdf-group pdf-paging">
          <IconButton label={t('pdf.prevPage')} onClick={pdf.previous} disabled={!ready || page <= 1} testId="pdf-prev">
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
          <IconButton label={t('pdf.nextPage')} onClick={pdf.next} disabled={!ready || page >= total} testId="pdf-next">
            <NextIcon />
          </IconButton>
        </div>
        <div className="pdf-group">
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
          <IconButton label={t('pdf.fitPage')} onClick={() => pdf.fit('page-fit')} disabled={!ready} testId="pdf-fit-page" className="pdf-fit-page">
            <FitPageIcon />
          </IconButton>
        </div>
        <div className="pdf-group">
          <button type="button" className="pdf-button" onClick={() => pdf.setMode(mode === 'page' ? 'scroll' : 'page')} disabled={!ready} aria-pressed={mode === 'page'} data-testid="pdf-mode" title={modeLabel}>
            {mode === 'page' ? <ScrollModeIcon /> : <PageModeIcon />}
            <span className="pdf-label">{modeLabel}</span>
          </button>
          <button type="button" className="pdf-button" onClick={onPanel} disabled={!ready} aria-expanded={panelOpen} data-testid="pdf-panel-toggle" title={t('pdf.panel')}>
            <PanelIcon />
            <span className="pdf-label">{pdf.outline.length > 0 ? t('pdf.outline') : t('pdf.thumbnails')}</span>
          </button>
          <button type="button" className="pdf-button" onClick={find.show} disabled={!ready} aria-expanded={find.open} data-testid="pdf-search-toggle" title={t('pdf.search')}>
            <SearchIcon />
            <span className="pdf-label">{t('pdf.search')}</span>
          </button>
          {onPrint && (
            <button type="button" className="pdf-button" onClick={onPrint} disabled={!ready} data-testid="pdf-print" title={t('pdf.printLabel')} aria-label={t('pdf.printLabel')}>
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
    </>
  );
}

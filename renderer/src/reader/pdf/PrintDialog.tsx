/**
 * "In" (print): choose the current page, all pages or a list such as "1-3, 5"; the pages are
 * drawn at print resolution with progress, put in a print-only container (pdf.css hides
 * everything else when printing) and printed (print-page.ts: the system dialog, or at a desktop
 * kiosk the station's printer with no dialog). The images are released as soon as printing
 * returns, or when the dialog is closed or the reader leaves; a kiosk print that fails says so.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useT } from '../../i18n.js';
import { printPage } from '../../print-page.js';
import { recordUsage } from '../../usage.js';
import { MAX_PRINT_PAGES, allPages, parsePageRange } from './page-range.js';
import type { PageRangeResult } from './page-range.js';
import { PRINT_PROGRESS_THRESHOLD, releasePrintImages, renderPrintImages } from './print.js';
import type { PrintImage } from './print.js';

type Choice = 'current' | 'all' | 'range';

export function PrintDialog({ doc, currentPage, onClose }: { doc: PDFDocumentProxy; currentPage: number; onClose(): void }) {
  const t = useT();
  const total = doc.numPages;
  const [choice, setChoice] = useState<Choice>('current');
  const [range, setRange] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [images, setImages] = useState<PrintImage[]>([]);
  const abort = useRef<AbortController | null>(null);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input:checked')?.focus();
    return () => abort.current?.abort();
  }, []);

  // Once the images are in the print container and decoded: print, then release them.
  useEffect(() => {
    if (images.length === 0) return;
    let live = true;
    const root = document.querySelector('.pdf-print-root');
    const pending = [...(root?.querySelectorAll('img') ?? [])].map((img) => img.decode().catch(() => undefined));
    void Promise.all(pending)
      .then(() => (live ? printPage() : null))
      .then((outcome) => {
        if (!live || !outcome) return;
        releasePrintImages(images);
        setImages([]);
        setProgress(null);
        if (!outcome.ok) {
          setProblem(t(outcome.error.key, outcome.error.params));
          return;
        }
        recordUsage('page_printed', images.length);
        onClose();
      });
    return () => {
      live = false;
    };
  }, [images, onClose, t]);

  useEffect(() => () => releasePrintImages(images), [images]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result: PageRangeResult = choice === 'current' ? { ok: true, pages: [currentPage] } : choice === 'all' ? allPages(total) : parsePageRange(range, total);
    if (!result.ok) {
      setProblem(t(`pdf.range.${result.reason}`, { total, max: MAX_PRINT_PAGES }));
      return;
    }
    setProblem(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ done: 0, total: result.pages.length });
    try {
      const rendered = await renderPrintImages(doc, result.pages, (done) => setProgress({ done, total: result.pages.length }), controller.signal);
      if (controller.signal.aborted) {
        releasePrintImages(rendered);
        return;
      }
      setImages(rendered);
    } catch (error) {
      if (!controller.signal.aborted) {
        console.warn('print preparation failed', error);
        setProblem(t('pdf.printFailed'));
        setProgress(null);
      }
    }
  };

  const cancel = () => {
    abort.current?.abort();
    onClose();
  };

  const busy = progress !== null;
  return (
    <>
      <div className="pdf-modal-backdrop" onClick={busy ? undefined : cancel} />
      <div className="pdf-modal" role="dialog" aria-modal="true" aria-labelledby="pdf-print-title" ref={dialog} data-testid="pdf-print-dialog" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
        <h2 id="pdf-print-title" className="pdf-modal-title">{t('pdf.printTitle')}</h2>
        <form onSubmit={submit}>
          <fieldset className="pdf-choices" disabled={busy}>
            <legend>{t('pdf.printWhich')}</legend>
            <label className="pdf-choice">
              <input type="radio" name="pdf-print" value="current" checked={choice === 'current'} onChange={() => setChoice('current')} />
              {t('pdf.printCurrent', { page: currentPage })}
            </label>
            <label className="pdf-choice">
              <input type="radio" name="pdf-print" value="all" checked={choice === 'all'} onChange={() => setChoice('all')} />
              {t('pdf.printAll', { total })}
            </label>
            <label className="pdf-choice">
              <input type="radio" name="pdf-print" value="range" checked={choice === 'range'} onChange={() => setChoice('range')} />
              {t('pdf.printRange')}
            </label>
            <input
              type="text"
              inputMode="numeric"
              className="pdf-input pdf-range-input"
              value={range}
              aria-label={t('pdf.printRange')}
              aria-describedby="pdf-print-hint"
              data-testid="pdf-print-range"
              onFocus={() => setChoice('range')}
              onChange={(e) => {
                setRange(e.target.value);
                setChoice('range');
              }}
            />
            <p className="pdf-hint" id="pdf-print-hint">{t('pdf.printRangeHint')}</p>
          </fieldset>
          {problem && (
            <p className="pdf-problem" role="alert">
              {problem}
            </p>
          )}
          {busy && progress.total > PRINT_PROGRESS_THRESHOLD && (
            <div className="pdf-progress" role="status" data-testid="pdf-print-progress">
              <progress max={progress.total} value={progress.done} />
              <span>{t('pdf.printPreparing', { done: progress.done, total: progress.total })}</span>
            </div>
          )}
          <div className="pdf-modal-actions">
            <button type="button" className="pdf-button" onClick={cancel}>
              {t('pdf.printCancel')}
            </button>
            <button type="submit" className="pdf-button primary" disabled={busy} data-testid="pdf-print-start">
              {t('pdf.printStart')}
            </button>
          </div>
        </form>
      </div>
      {createPortal(
        <div className="pdf-print-root" data-testid="pdf-print-root">
          {images.map((image) => (
            <div className="pdf-print-page" key={image.page}>
              <img src={image.url} alt="" data-page={image.page} />
            </div>
          ))}
        </div>,
        document.body,
      )}
    </>
  );
}

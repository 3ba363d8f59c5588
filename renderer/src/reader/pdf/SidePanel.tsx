/**
 * The side panel: the document's own bookmarks (outline) and page thumbnails. Thumbnails are
 * virtualised — only the rows in view (plus a few) exist, each drawn small when it appears and
 * its canvas released when it scrolls away — so a 343-page gazette costs a handful of canvases.
 */
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useT } from '../../i18n.js';
import { CloseIcon } from '../shared/icons.js';
import { IconButton } from './IconButton.js';

export interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  url: string | null;
  items: OutlineNode[];
}

export type PanelTab = 'outline' | 'thumbnails';

interface SidePanelProps {
  doc: PDFDocumentProxy;
  outline: OutlineNode[];
  tab: PanelTab;
  onTab(tab: PanelTab): void;
  currentPage: number;
  onPage(page: number): void;
  onOutline(node: OutlineNode): void;
  onClose(): void;
  /** Told when a thumbnail has been drawn, so the viewer can release the page if it is off screen. */
  onThumbnailRendered(page: number, pdfPage: unknown): void;
}

export function SidePanel({ doc, outline, tab, onTab, currentPage, onPage, onOutline, onClose, onThumbnailRendered }: SidePanelProps) {
  const t = useT();
  return (
    <aside className="pdf-panel" aria-label={t('pdf.panel')} data-testid="pdf-panel">
      <div className="pdf-panel-head">
        <div className="pdf-tabs" role="tablist">
          <button type="button" role="tab" id="pdf-tab-outline" aria-selected={tab === 'outline'} aria-controls="pdf-tabpanel" className="pdf-tab" onClick={() => onTab('outline')}>
            {t('pdf.outline')}
          </button>
          <button type="button" role="tab" id="pdf-tab-thumbnails" aria-selected={tab === 'thumbnails'} aria-controls="pdf-tabpanel" className="pdf-tab" onClick={() => onTab('thumbnails')}>
            {t('pdf.thumbnails')}
          </button>
        </div>
        <IconButton label={t('pdf.closePanel')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </div>
      <div id="pdf-tabpanel" role="tabpanel" aria-labelledby={tab === 'outline' ? 'pdf-tab-outline' : 'pdf-tab-thumbnails'} className="pdf-tabpanel">
        {tab === 'outline' ? (
          outline.length > 0 ? (
            <OutlineList nodes={outline} onOutline={onOutline} depth={0} />
          ) : (
            <p className="pdf-panel-note">{t('pdf.noOutline')}</p>
          )
        ) : (
          <Thumbnails doc={doc} currentPage={currentPage} onPage={onPage} onRendered={onThumbnailRendered} />
        )}
      </div>
    </aside>
  );
}

function OutlineList({ nodes, onOutline, depth }: { nodes: OutlineNode[]; onOutline(node: OutlineNode): void; depth: number }) {
  return (
    <ul className="pdf-outline" data-testid={depth === 0 ? 'pdf-outline' : undefined}>
      {nodes.map((node, index) => (
        <li key={index}>
          <button type="button" className="pdf-outline-item" style={{ paddingInlineStart: `${0.75 + depth}rem` }} onClick={() => onOutline(node)}>
            {node.title || '—'}
          </button>
          {node.items.length > 0 && depth < 6 && <OutlineList nodes={node.items} onOutline={onOutline} depth={depth + 1} />}
        </li>
      ))}
    </ul>
  );
}

const THUMB_WIDTH = 120;
const LABEL_HEIGHT = 32;
const ROW_GAP = 12;
const OVERSCAN = 3;

function Thumbnails({ doc, currentPage, onPage, onRendered }: { doc: PDFDocumentProxy; currentPage: number; onPage(page: number): void; onRendered(page: number, pdfPage: unknown): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [ratio, setRatio] = useState(1.414);
  const [view, setView] = useState({ top: 0, height: 600 });
  const rowHeight = Math.round(THUMB_WIDTH * ratio) + LABEL_HEIGHT + ROW_GAP;
  const total = doc.numPages;

  useEffect(() => {
    let live = true;
    doc
      .getPage(1)
      .then((page) => {
        const viewport = page.getViewport({ scale: 1 });
        if (live && viewport.width > 0) setRatio(viewport.height / viewport.width);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [doc]);

  // Start with the current page in view.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = Math.max(0, (currentPage - 2) * rowHeight);
    setView({ top: element.scrollTop, height: element.clientHeight });
    // Only on opening and when the layout changes, not on every page turn.
  }, [rowHeight]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const update = () => setView({ top: element.scrollTop, height: element.clientHeight });
    element.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, []);

  const first = Math.max(1, Math.floor(view.top / rowHeight) + 1 - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  const rows = [];
  for (let page = first; page <= last; page += 1) {
    rows.push(<Thumbnail key={page} doc={doc} page={page} top={(page - 1) * rowHeight} height={Math.round(THUMB_WIDTH * ratio)} current={page === currentPage} onPage={onPage} onRendered={onRendered} />);
  }
  return (
    <div className="pdf-thumbs" ref={scroller} data-testid="pdf-thumbnails">
      <div className="pdf-thumbs-inner" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

function Thumbnail({ doc, page, top, height, current, onPage, onRendered }: { doc: PDFDocumentProxy; page: number; top: number; height: number; current: boolean; onPage(page: number): void; onRendered(page: number, pdfPage: unknown): void }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let task: RenderTask | null = null;
    let live = true;
    // A short delay: rows that fly past while scrolling fast are never drawn.
    const timer = window.setTimeout(() => {
      doc
        .getPage(page)
        .then((pdfPage) => {
          if (!live) return;
          const base = pdfPage.getViewport({ scale: 1 });
          // Sharp on phones (device pixel ratio 2 or 3), capped: a thumbnail stays under 100 kB of pixels.
          const density = Math.min(2, window.devicePixelRatio || 1);
          const viewport = pdfPage.getViewport({ scale: (THUMB_WIDTH * density) / base.width });
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          task = pdfPage.render({ canvas, viewport });
          return task.promise.then(() => {
            if (!live) return;
            setDrawn(true);
            onRendered(page, pdfPage);
          });
        })
        .catch(() => undefined); // cancelled or unreadable: the row keeps its page number
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
      task?.cancel();
      canvas.width = 0;
      canvas.height = 0;
    };
  }, [doc, page, onRendered]);

  return (
    <button
      type="button"
      className={`pdf-thumb${current ? ' current' : ''}`}
      style={{ top }}
      onClick={() => onPage(page)}
      aria-current={current ? 'page' : undefined}
      aria-label={t('pdf.thumbnail', { page })}
      data-page={page}
    >
      <canvas ref={canvasRef} className="pdf-thumb-canvas" style={{ width: THUMB_WIDTH, height }} data-drawn={drawn ? 'true' : 'false'} />
      <span className="pdf-thumb-label">{page}</span>
    </button>
  );
}

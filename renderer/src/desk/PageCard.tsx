/**
 * One page of a batch: its thumbnail, whether its text has been read (and flagged when OCR read
 * almost nothing: a blank or black page, or one upside down), and its actions — move
 * earlier or later (buttons for keyboard and touch; dragging works too), rotate, view larger,
 * rescan, split the batch before it, delete (after asking).
 */
import type { DragEvent } from 'react';
import type { DeskBatch, DeskPage } from '../../../shared/desk.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import { ConfirmButton } from '../components/ConfirmButton.js';

export type PageAction =
  | { kind: 'move'; to: number }
  | { kind: 'rotate' }
  | { kind: 'delete' }
  | { kind: 'rescan' }
  | { kind: 'split' }
  | { kind: 'view' };

interface PageCardProps {
  batch: DeskBatch;
  page: DeskPage;
  /** Editing waits while a scan or OCR runs, or an edit is on its way. */
  locked: boolean;
  canRescan: boolean;
  onAction(page: DeskPage, action: PageAction): void;
}

const DRAG_TYPE = 'application/x-bookshelf-page';

/** Whether the page's text has been read; while OCR runs (several pages side by side), every page not yet read is on its way. */
function textState(batch: DeskBatch, page: DeskPage): 'read' | 'unreadable' | 'reading' | 'unread' {
  if (page.textChars !== null) return page.unreadable ? 'unreadable' : 'read';
  const job = batch.job;
  return job?.kind === 'ocr' && job.state === 'running' ? 'reading' : 'unread';
}

export function PageCard({ batch, page, locked, canRescan, onAction }: PageCardProps) {
  const { t, lang } = useLanguage();
  const n = page.index + 1;
  const last = page.index === batch.pages.length - 1;
  const act = (action: PageAction) => () => onAction(page, action);
  const text = textState(batch, page);
  const drop = (event: DragEvent) => {
    const from = event.dataTransfer.getData(DRAG_TYPE);
    if (!from || from === page.id || locked) return;
    event.preventDefault();
    const moved = batch.pages.find((p) => p.id === from);
    if (moved) onAction(moved, { kind: 'move', to: page.index });
  };
  return (
    <li
      className="desk-page"
      data-testid="page"
      data-page-id={page.id}
      data-rotation={page.rotation}
      draggable={!locked}
      onDragStart={(event) => event.dataTransfer.setData(DRAG_TYPE, page.id)}
      onDragOver={(event) => event.dataTransfer.types.includes(DRAG_TYPE) && event.preventDefault()}
      onDrop={drop}
    >
      <h3 className="desk-page-name">{t('deskUi.page', { n })}</h3>
      <button type="button" className="desk-thumb" aria-label={t('deskUi.viewLabel', { n })} onClick={act({ kind: 'view' })}>
        <img src={page.thumbnail} alt={t('deskUi.pageThumb', { n })} draggable={false} />
      </button>
      <p className={`desk-page-text ${text}`} data-testid="page-text">
        {text === 'read'
          ? t('deskUi.pageText', { count: formatCount(lang, page.textChars ?? 0) })
          : t(text === 'unreadable' ? 'deskUi.pageUnreadable' : text === 'reading' ? 'deskUi.pageReading' : 'deskUi.pageNoText')}
      </p>
      <div className="desk-page-actions" role="group" aria-label={t('deskUi.pageActions', { n })}>
        <button type="button" className="button" disabled={locked || page.index === 0} aria-label={t('deskUi.moveLeftLabel', { n })} data-move="earlier" onClick={act({ kind: 'move', to: page.index - 1 })}>
          ← {t('deskUi.moveLeft')}
        </button>
        <button type="button" className="button" disabled={locked || last} aria-label={t('deskUi.moveRightLabel', { n })} data-move="later" onClick={act({ kind: 'move', to: page.index + 1 })}>
          {t('deskUi.moveRight')} →
        </button>
        <button type="button" className="button" disabled={locked} aria-label={t('deskUi.rotateLabel', { n })} onClick={act({ kind: 'rotate' })} data-testid="rotate">
          ↻ {t('deskUi.rotate')}
        </button>
        <button type="button" className="button" disabled={locked || !canRescan} aria-label={t('deskUi.rescanLabel', { n })} onClick={act({ kind: 'rescan' })}>
          {t('deskUi.rescan')}
        </button>
        {page.index > 0 && (
          <ConfirmButton
            label={t('deskUi.split')}
            ariaLabel={t('deskUi.splitLabel', { n })}
            question={t('deskUi.splitConfirm', { n })}
            confirmLabel={t('deskUi.splitYes')}
            disabled={locked}
            onConfirm={act({ kind: 'split' })}
          />
        )}
        <ConfirmButton
          label={t('deskUi.delete')}
          ariaLabel={t('deskUi.deleteLabel', { n })}
          question={t('deskUi.deleteConfirm', { n })}
          confirmLabel={t('deskUi.deleteYes')}
          disabled={locked}
          testId="delete"
          onConfirm={act({ kind: 'delete' })}
        />
      </div>
    </li>
  );
}

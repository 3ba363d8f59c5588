/**
 * Text recognition of a batch: what it is for, start (for the pages not read yet), progress with stop,
 * and — when tesseract or its Vietnamese data is missing — the engine's message naming what to
 * install, with the reminder that the document can be saved without text.
 */
import type { DeskBatch } from '../../../shared/desk.js';
import { useT } from '../i18n.js';
import { JobNotice } from './JobNotice.js';

interface OcrPanelProps {
  batch: DeskBatch;
  busy: boolean;
  onStart(): void;
  onCancel(): void;
}

export function OcrPanel({ batch, busy, onStart, onCancel }: OcrPanelProps) {
  const t = useT();
  const running = batch.job?.state === 'running';
  return (
    <section className="desk-panel" aria-labelledby="ocr-title">
      <h2 id="ocr-title">{t('deskUi.ocrTitle')}</h2>
      <p className="desk-lead">{t('deskUi.ocrLead')}</p>
      <JobNotice batch={batch} kind="ocr" onCancel={onCancel} cancelling={busy} />
      {!batch.ocrDone && !(batch.job?.kind === 'ocr' && running) && (
        <button type="button" className="button primary big" disabled={busy || running || batch.pages.length === 0} onClick={onStart} data-testid="ocr-start">
          {t('deskUi.ocrStart')}
        </button>
      )}
    </section>
  );
}

/**
 * The batch's running or last job in words: scan or OCR progress with a progress bar and a stop
 * button, or what stopped it (paper jam, cover open, feeder empty, scanner gone, a program
 * missing) with what to do — the message the engine refers to, which names the package to
 * install — and the reassurance that the pages already scanned are kept. An OCR run that read
 * (almost) nothing on some pages is not a success: it says on how many, and what to do.
 */
import type { DeskBatch, DeskJob } from '../../../shared/desk.js';
import { WarningIcon } from '../components/icons.js';
import { useT } from '../i18n.js';

interface JobNoticeProps {
  batch: DeskBatch;
  /** Only this kind of job is shown here (the scan panel shows scans, the OCR panel OCR). */
  kind: DeskJob['kind'];
  onCancel(): void;
  cancelling: boolean;
}

export function JobNotice({ batch, kind, onCancel, cancelling }: JobNoticeProps) {
  const t = useT();
  const job = batch.job;
  if (!job || job.kind !== kind) return null;
  if (job.state === 'running') {
    const total = job.total ?? (kind === 'ocr' ? batch.pages.length : null);
    const text =
      kind === 'ocr'
        ? t('deskUi.ocrRunning', { done: job.done, total: total ?? batch.pages.length })
        : total
          ? t('deskUi.scanningOf', { done: job.done, total })
          : t('deskUi.scanning', { done: job.done });
    return (
      <div className="notice desk-job" data-testid={`${kind}-progress`}>
        <p role="status">{text}</p>
        {total ? <progress max={total} value={job.done} aria-label={text} /> : <progress aria-label={text} />}
        <button type="button" className="button" disabled={cancelling} onClick={onCancel} data-testid={`${kind}-cancel`}>
          {t('deskUi.cancel')}
        </button>
      </div>
    );
  }
  const unreadable = batch.pages.filter((page) => page.unreadable).length;
  if (job.state === 'done' && kind === 'ocr' && unreadable > 0) {
    const total = batch.pages.length;
    return (
      <div className="notice desk-warning" role="alert" data-testid="ocr-unreadable">
        <h3 className="notice-title">
          <WarningIcon />
          <span>{t(unreadable === total ? 'deskUi.ocrNothingTitle' : 'deskUi.ocrUnreadableTitle')}</span>
        </h3>
        <p>{unreadable === total ? t('deskUi.ocrNothing', { total }) : t('deskUi.ocrUnreadable', { count: unreadable, total })}</p>
      </div>
    );
  }
  if (job.state === 'done') {
    return (
      <p className="notice desk-done" role="status">
        {kind === 'scan' ? t('deskUi.scanDone', { done: job.done, count: batch.pages.length }) : t('deskUi.ocrAllDone')}
      </p>
    );
  }
  const fault = job.fault ?? 'failed';
  const quiet = fault === 'cancelled';
  return (
    <div className={quiet ? 'notice' : 'notice error'} role={quiet ? 'status' : 'alert'} data-testid={`${kind}-fault`} data-fault={fault}>
      {!quiet && (
        <h3 className="notice-title">
          <WarningIcon />
          <span>{t(`deskUi.faultTitle.${kind}`)}</span>
        </h3>
      )}
      {job.message && <p>{t(job.message.key, job.message.params)}</p>}
      {kind === 'scan' && batch.pages.length > 0 && <p>{t('deskUi.pagesKept', { count: batch.pages.length })}</p>}
      {kind === 'ocr' && fault !== 'cancelled' && <p>{t('deskUi.ocrWithoutText')}</p>}
    </div>
  );
}

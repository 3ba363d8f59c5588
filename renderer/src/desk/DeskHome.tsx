/**
 * /desk — the librarian's desk: batches left open (to resume after a restart; a scan batch with
 * no page yet is not work to resume, and "new scan" gives it out again), a new scan, importing a
 * PDF/EPUB file chosen from a USB drive or folder, and the ways to the outbox and to help.
 */
import { Link, useNavigate } from 'react-router';
import type { DeskBatchSummary } from '../../../shared/desk.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { batchName } from './batch-name.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { HELP_DESCRIBE, HELP_SCAN, OUTBOX_HOME, batchPath, describePath } from './desk-paths.js';
import { ImportFile } from './ImportFile.js';

function BatchRow({ batch, onDiscarded }: { batch: DeskBatchSummary; onDiscarded(): void }) {
  const t = useT();
  const form = useFormCall();
  const job = batch.job;
  const state = job?.state === 'running' ? t(`deskUi.job.${job.kind}.running`) : job?.fault && job.fault !== 'cancelled' ? t('deskUi.job.stopped') : null;
  const discard = async () => {
    if (await form.run(() => client.call('desk.discard', { batchId: batch.id }))) onDiscarded();
  };
  return (
    <li className="desk-batch" data-testid="open-batch">
      <div className="desk-batch-text">
        <strong>{batchName(t, batch)}</strong>
        <span>
          {batch.origin === 'pages' && t('deskUi.batchPages', { count: batch.pages })}
          {state && <span className="desk-badge">{state}</span>}
        </span>
      </div>
      <div className="desk-actions">
        <Link className="button primary" to={batch.origin === 'file' ? describePath(batch.id) : batchPath(batch.id)}>
          {t('deskUi.resume')}
        </Link>
        <ConfirmButton label={t('deskUi.discard')} question={t('deskUi.discardConfirm')} confirmLabel={t('deskUi.discardYes')} disabled={form.busy} onConfirm={() => void discard()} />
      </div>
      <FormError error={form.error} />
    </li>
  );
}

function OpenBatches() {
  const t = useT();
  const all = useCall('desk.batches', {});
  const batches = all.status === 'ok' ? { ...all, data: all.data.filter((b) => b.origin === 'file' || b.pages > 0 || b.job?.state === 'running') } : all;
  return (
    <section className="desk-panel" aria-labelledby="open-batches">
      <h2 id="open-batches">{t('deskUi.openBatches')}</h2>
      {batches.status === 'loading' && <Loading />}
      {batches.status === 'error' && <ErrorMessage error={batches.error} onRetry={batches.retry} />}
      {batches.status === 'ok' &&
        (batches.data.length === 0 ? (
          <p>{t('deskUi.noBatches')}</p>
        ) : (
          <>
            <p className="desk-lead">{t('deskUi.openBatchesLead')}</p>
            <ul className="desk-batches">
              {batches.data.map((batch) => (
                <BatchRow key={batch.id} batch={batch} onDiscarded={batches.retry} />
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

function NewScan() {
  const t = useT();
  const navigate = useNavigate();
  const form = useFormCall();
  const start = async () => {
    const batch = await form.run(() => client.call('desk.createBatch', {}));
    if (batch) void navigate(batchPath(batch.id));
  };
  return (
    <section className="desk-panel" aria-labelledby="new-scan">
      <h2 id="new-scan">{t('deskUi.newScan')}</h2>
      <p className="desk-lead">{t('deskUi.newScanLead')}</p>
      <FormError error={form.error} />
      <button type="button" className="button primary big" disabled={form.busy} onClick={() => void start()} data-testid="new-scan">
        {t('deskUi.newScan')}
      </button>
    </section>
  );
}

export function DeskHome() {
  const t = useT();
  useDocumentTitle(t('deskUi.homeTitle'));
  return (
    <div className="desk desk-home">
      <h1>{t('deskUi.homeTitle')}</h1>
      <p className="desk-lead">{t('deskUi.homeLead')}</p>
      <div className="desk-home-grid">
        <NewScan />
        <ImportFile />
        <OpenBatches />
        <nav className="desk-panel" aria-labelledby="desk-more">
          <h2 id="desk-more">{t('deskUi.moreTitle')}</h2>
          <ul className="desk-links">
            <li>
              <Link to={OUTBOX_HOME} className="desk-link">
                <strong>{t('deskUi.outboxLink')}</strong>
                <span>{t('deskUi.outboxLead')}</span>
              </Link>
            </li>
            <li>
              <Link to={HELP_SCAN} className="desk-link">
                <strong>{t('deskUi.helpScan')}</strong>
              </Link>
            </li>
            <li>
              <Link to={HELP_DESCRIBE} className="desk-link">
                <strong>{t('deskUi.helpDescribe')}</strong>
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </div>
  );
}

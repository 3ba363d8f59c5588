/**
 * /official/sync: start and stop a sync and watch it live (polled each second while it runs),
 * the sources with their keys, the schedule and speed cap, what this station keeps, and the
 * history of runs with their errors in plain words.
 */
import { useCallback, useState } from 'react';
import { client } from '../../client.js';
import { useT } from '../../i18n.js';
import { useCall } from '../../use-call.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading } from '../../components/Loading.js';
import { ActionError } from '../ActionError.js';
import { useFormCall } from '../../staff/use-form-call.js';
import { OfficialLayout } from '../OfficialLayout.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { HISTORY_PAGE, SyncHistory } from './SyncHistory.js';
import { SyncProgress } from './SyncProgress.js';
import { SyncSchedule } from './SyncSchedule.js';
import { SyncSelectionForm } from './SyncSelectionForm.js';
import { SyncMessage } from './SyncMessage.js';
import { SyncSources } from './SyncSources.js';
import { useSyncStatus } from './use-sync-status.js';
import { formatDateTime } from '../../format.js';

export function SyncPage() {
  const t = useT();
  const [offset, setOffset] = useState(0);
  const sources = useCall('sync.sources', {});
  const history = useCall('sync.history', { offset, limit: HISTORY_PAGE });
  const { retry: retrySources } = sources;
  const { retry: retryHistory } = history;
  const reload = useCallback(() => {
    retrySources();
    retryHistory();
  }, [retrySources, retryHistory]);
  const { status, error, set } = useSyncStatus(reload);
  const action = useFormCall();

  const start = async (sourceId?: number) => {
    const next = await action.run(() => client.call('sync.start', sourceId === undefined ? {} : { sourceId }));
    if (next) set(next);
  };
  const stop = async () => {
    const next = await action.run(() => client.call('sync.stop', {}));
    if (next) set(next);
  };
  const running = status?.running === true;

  return (
    <OfficialLayout page="sync" lead={t('sync.lead')}>
      <section className="official-section sync-now" aria-labelledby="sync-now-title" aria-busy={running}>
        <h2 id="sync-now-title">{t('sync.now')}</h2>
        {error && <ErrorMessage error={error} />}
        {!status && !error && <Loading />}
        {status && (
          <>
            {running ? (
              <SyncProgress progress={status.progress} />
            ) : (
              <div data-testid="sync-idle">
                <p>{t('sync.idle')}</p>
                {status.lastRun && (
                  <p>
                    {t('sync.lastRunAt', { when: formatDateTime(status.lastRun.finishedAt ?? status.lastRun.startedAt) })}{' '}
                    <OutcomeBadge status={status.lastRun.status} />
                  </p>
                )}
                {status.lastRun?.message && <SyncMessage message={status.lastRun.message} />}
                {status.nextRunAt && <p>{t('overview.syncNext', { when: formatDateTime(status.nextRunAt) })}</p>}
              </div>
            )}
            <div className="official-actions">
              {running ? (
                <button type="button" className="button big" disabled={status.stopping || action.busy} onClick={() => void stop()} data-testid="sync-stop">
                  {status.stopping ? t('sync.stopping') : t('sync.stop')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button primary big"
                  disabled={action.busy || (sources.status === 'ok' && sources.data.length === 0)}
                  onClick={() => void start()}
                  data-testid="sync-start"
                >
                  {t('sync.start')}
                </button>
              )}
            </div>
            <ActionError error={action.error} />
          </>
        )}
      </section>

      {sources.status === 'loading' && <Loading />}
      {sources.status === 'error' && <ErrorMessage error={sources.error} onRetry={sources.retry} />}
      {sources.status === 'ok' && <SyncSources sources={sources.data} running={running} onChanged={reload} onStart={(id) => void start(id)} />}

      <div className="official-columns">
        {status && <SyncSchedule settings={status.settings} onSaved={(settings) => set({ ...status, settings })} />}
        <SyncSelectionForm />
      </div>

      <SyncHistory history={history} onPage={setOffset} retry={history.retry} />
    </OfficialLayout>
  );
}

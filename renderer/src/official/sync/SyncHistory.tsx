/** Past sync runs, newest first, with their outcome and its reason in plain words, ten a page. */
import { useState } from 'react';
import type { SyncRun } from '../../../../shared/sync-status.js';
import { formatCount, formatDateTime, formatSize } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import type { CallState } from '../../use-call.js';
import type { Page } from '../../../../shared/domain.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading } from '../../components/Loading.js';
import { Pager } from '../../components/Pager.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { SyncMessage } from './SyncMessage.js';
import { TableWrap } from '../TableWrap.js';

export const HISTORY_PAGE = 10;

export function SyncHistory({ history, onPage, retry }: { history: CallState<Page<SyncRun>>; onPage(offset: number): void; retry(): void }) {
  const { lang, t } = useLanguage();
  const [page, setPage] = useState(1);
  return (
    <section className="official-section" aria-labelledby="history-title">
      <h2 id="history-title">{t('sync.history')}</h2>
      {history.status === 'loading' && <Loading />}
      {history.status === 'error' && <ErrorMessage error={history.error} onRetry={retry} />}
      {history.status === 'ok' &&
        (history.data.items.length === 0 ? (
          <p className="notice empty">{t('sync.historyEmpty')}</p>
        ) : (
          <>
            <TableWrap label={t('sync.history')}>
              <table className="official-table" data-testid="sync-history">
                <thead>
                  <tr>
                    <th scope="col">{t('sync.col.when')}</th>
                    <th scope="col">{t('sync.col.source')}</th>
                    <th scope="col">{t('sync.col.outcome')}</th>
                    <th scope="col">{t('sync.col.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.items.map((run) => (
                    <tr key={run.id}>
                      <td>
                        {formatDateTime(run.startedAt)}
                        <br />
                        <small>{t(`sync.trigger.${run.trigger}`)}</small>
                      </td>
                      <td className="break">{run.location}</td>
                      <td>
                        <OutcomeBadge status={run.status} />
                        {run.message && <SyncMessage message={run.message} />}
                      </td>
                      <td>
                        {t('sync.changes', {
                          added: formatCount(lang, run.added),
                          updated: formatCount(lang, run.updated),
                          deleted: formatCount(lang, run.deleted),
                          files: formatCount(lang, run.files),
                          bytes: formatSize(lang, run.bytes),
                        })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager
              page={page}
              pages={Math.ceil(history.data.total / HISTORY_PAGE)}
              onPage={(next) => {
                setPage(next);
                onPage((next - 1) * HISTORY_PAGE);
              }}
            />
          </>
        ))}
    </section>
  );
}

/** /official/audit: the audit log, newest first, searchable by words, person and dates, twenty a page. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { isMessageKey } from '../../../shared/messages.js';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';
import { formatCount, formatDateTime } from '../format.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { Pager } from '../components/Pager.js';
import { DateField } from '../forms/DateField.js';
import { OfficialLayout } from './OfficialLayout.js';
import { TableWrap } from './TableWrap.js';

const PAGE = 20;

interface Query {
  q: string;
  userId: string;
  from: string;
  to: string;
}

const EMPTY: Query = { q: '', userId: '', from: '', to: '' };

/** A logged action in words where the messages have it, else its method name as logged. */
function ActionName({ action }: { action: string }) {
  const { t } = useLanguage();
  const key = `auditAction.${action}`;
  return isMessageKey(key) ? <>{t(key)}</> : <code>{action}</code>;
}

export function AuditPage() {
  const { lang, t } = useLanguage();
  const [draft, setDraft] = useState<Query>(EMPTY);
  const [query, setQuery] = useState<Query>(EMPTY);
  const [page, setPage] = useState(1);
  const accounts = useCall('accounts.list', {});
  const log = useCall('audit.list', {
    q: query.q,
    ...(query.userId ? { userId: Number(query.userId) } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft);
    setPage(1);
  };
  const edit = (change: Partial<Query>) => setDraft((current) => ({ ...current, ...change }));
  return (
    <OfficialLayout page="audit" lead={t('audit.lead')}>
      <form className="staff-form filter-form" role="search" onSubmit={submit}>
        <label>
          <span>{t('audit.words')}</span>
          <input name="q" type="search" value={draft.q} onChange={(event) => edit({ q: event.target.value })} />
        </label>
        <label>
          <span>{t('audit.person')}</span>
          <select name="userId" value={draft.userId} onChange={(event) => edit({ userId: event.target.value })}>
            <option value="">{t('audit.everyone')}</option>
            {accounts.status === 'ok' &&
              accounts.data.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.displayName} ({account.username})
                </option>
              ))}
          </select>
        </label>
        <label>
          <span>{t('audit.from')}</span>
          <DateField name="from" value={draft.from} onChange={(from) => edit({ from })} />
        </label>
        <label>
          <span>{t('audit.to')}</span>
          <DateField name="to" value={draft.to} min={draft.from} onChange={(to) => edit({ to })} />
        </label>
        <button type="submit" className="button primary">
          {t('audit.search')}
        </button>
      </form>
      {log.status === 'loading' && <Loading />}
      {log.status === 'error' && <ErrorMessage error={log.error} onRetry={log.retry} />}
      {log.status === 'ok' && (
        <section className="official-section" aria-labelledby="audit-results">
          <h2 id="audit-results">{t('audit.count', { total: formatCount(lang, log.data.total) })}</h2>
          {log.data.items.length === 0 ? (
            <p className="notice empty">{t('audit.empty')}</p>
          ) : (
            <TableWrap label={t('audit.title')}>
              <table className="official-table" data-testid="audit-log">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.at')}</th>
                    <th scope="col">{t('audit.col.who')}</th>
                    <th scope="col">{t('audit.col.action')}</th>
                    <th scope="col">{t('audit.col.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((entry) => (
                    <tr key={entry.id} data-testid="audit-entry">
                      <td>{formatDateTime(entry.at)}</td>
                      <td>{entry.username ?? t('audit.system')}</td>
                      <td>
                        <ActionName action={entry.action} />
                      </td>
                      <td className="break audit-detail">{entry.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <Pager page={page} pages={Math.ceil(log.data.total / PAGE)} onPage={setPage} />
        </section>
      )}
    </OfficialLayout>
  );
}

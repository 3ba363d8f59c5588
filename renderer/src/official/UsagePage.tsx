/**
 * /official/usage: use of the station over a period (this calendar year unless changed) from
 * `usage.report` — totals, a chart and table per month, openings by field, the documents read
 * most, searches with no result — and the yearly report to download as CSV or PDF
 * (`usage.reportFile`, the same files as `bookshelf report`), after the commune's name is asked
 * for while it is not set (the report names its unit, and invents none).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { UsageSummary } from '../../../shared/contract.js';
import type { ReportFileFormat } from '../../../shared/contract/admin.js';
import { client } from '../client.js';
import { formatCount } from '../format.js';
import { useLanguage, useT } from '../i18n.js';
import type { MessageKey } from '../../../shared/messages.js';
import { useCall } from '../use-call.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { DateField } from '../forms/DateField.js';
import { ActionError } from './ActionError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { CommuneNamePrompt } from './CommuneNamePrompt.js';
import { OfficialLayout } from './OfficialLayout.js';
import { BarList, MonthChart } from './charts.js';
import { saveFile } from './download.js';
import { TableWrap } from './TableWrap.js';

const TOTALS: [keyof UsageSummary['totals'], MessageKey][] = [
  ['opened', 'usage.counter.opened'],
  ['search', 'usage.counter.search'],
  ['search_no_result', 'usage.counter.search_no_result'],
  ['kiosk_session', 'usage.counter.kiosk_session'],
  ['phone_session', 'usage.counter.phone_session'],
  ['page_printed', 'usage.counter.page_printed'],
  ['document_added', 'usage.counter.document_added'],
  ['document_sent', 'usage.counter.document_sent'],
];

function yearPeriod(year: number) {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

function Download({ period }: { period: { from: string; to: string } }) {
  const t = useT();
  const form = useFormCall();
  const [done, setDone] = useState<string | null>(null);
  const download = async (format: ReportFileFormat) => {
    setDone(null);
    const file = await form.run(() => client.call('usage.reportFile', { ...period, format }));
    if (!file) return;
    saveFile(file);
    setDone(t('usage.downloaded', { name: file.fileName }));
  };
  return (
    <section className="official-section report-download" aria-labelledby="download-title" aria-busy={form.busy}>
      <h2 id="download-title">{t('usage.download')}</h2>
      <p>{t('usage.due')}</p>
      <div className="official-actions">
        <button type="button" className="button primary big" disabled={form.busy} onClick={() => void download('pdf')} data-testid="download-pdf">
          {t('usage.pdf')}
        </button>
        <button type="button" className="button big" disabled={form.busy} onClick={() => void download('csv')} data-testid="download-csv">
          {t('usage.csv')}
        </button>
      </div>
      {form.busy && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>{t('usage.preparing')}</span>
        </p>
      )}
      {done && <p role="status">{done}</p>}
      <ActionError error={form.error} />
    </section>
  );
}

function Figures({ summary: s }: { summary: UsageSummary }) {
  const { lang, t } = useLanguage();
  const count = (n: number) => formatCount(lang, n);
  const opened = t('usage.counter.opened');
  const searches = t('usage.counter.search');
  return (
    <>
      <section className="official-section" aria-labelledby="totals-title">
        <h2 id="totals-title">{t('usage.totals')}</h2>
        <dl className="totals" data-testid="usage-totals">
          {TOTALS.map(([key, label]) => (
            <div key={key}>
              <dt>{t(label)}</dt>
              <dd>{count(s.totals[key])}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="official-section" aria-labelledby="months-title">
        <h2 id="months-title">{t('usage.byMonth')}</h2>
        <MonthChart
          title={t('usage.byMonthChart')}
          labels={s.months.map((m) => monthLabel(m.month))}
          series={[
            { label: opened, values: s.months.map((m) => m.opened) },
            { label: searches, values: s.months.map((m) => m.counts.search) },
          ]}
        />
        <details className="chart-table">
          <summary>{t('official.textAlternative')}</summary>
          <TableWrap label={t('usage.byMonth')}>
            <table className="official-table">
              <thead>
                <tr>
                  <th scope="col">{t('usage.col.month')}</th>
                  <th scope="col">{opened}</th>
                  <th scope="col">{searches}</th>
                  <th scope="col">{t('usage.counter.search_no_result')}</th>
                  <th scope="col">{t('usage.counter.kiosk_session')}</th>
                  <th scope="col">{t('usage.counter.phone_session')}</th>
                  <th scope="col">{t('usage.counter.page_printed')}</th>
                </tr>
              </thead>
              <tbody>
                {s.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{monthLabel(m.month)}</th>
                    <td>{count(m.opened)}</td>
                    <td>{count(m.counts.search)}</td>
                    <td>{count(m.counts.search_no_result)}</td>
                    <td>{count(m.counts.kiosk_session)}</td>
                    <td>{count(m.counts.phone_session)}</td>
                    <td>{count(m.counts.page_printed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </details>
      </section>

      <div className="official-columns">
        <section className="official-section" aria-labelledby="fields-title">
          <h2 id="fields-title">{t('usage.byField')}</h2>
          {s.byField.length === 0 ? (
            <p className="notice empty">{t('usage.none')}</p>
          ) : (
            <BarList title={t('usage.byField')} rows={s.byField.map((f) => ({ label: f.field ?? t('usage.noField'), value: f.opened }))} />
          )}
        </section>
        <section className="official-section" aria-labelledby="top-title">
          <h2 id="top-title">{t('usage.top')}</h2>
          {s.topDocuments.length === 0 ? (
            <p className="notice empty">{t('usage.none')}</p>
          ) : (
            <ol className="top-documents" data-testid="top-documents">
              {s.topDocuments.map((d) => (
                <li key={d.id}>
                  <span>
                    {d.title}
                    {d.number && <small className="doc-number"> {d.number}</small>}
                  </span>
                  <strong>{count(d.opened)}</strong>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section className="official-section" aria-labelledby="no-result-title">
        <h2 id="no-result-title">{t('usage.noResult')}</h2>
        <p className="hint">{t('usage.noResultLead')}</p>
        {s.noResultTerms.length === 0 ? (
          <p className="notice empty">{t('usage.none')}</p>
        ) : (
          <SimpleTable head={[t('usage.col.term'), t('usage.col.count')]} rows={s.noResultTerms.map((term) => [term.term, count(term.count)])} />
        )}
      </section>
    </>
  );
}

function SimpleTable({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <TableWrap label={head.join(', ')}>
      <table className="official-table">
        <thead>
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, k) => (k === 0 ? <th key={k} scope="row">{cell}</th> : <td key={k}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function UsagePage() {
  const { t } = useLanguage();
  const year = new Date().getFullYear();
  const [period, setPeriod] = useState(yearPeriod(year));
  const [draft, setDraft] = useState(period);
  const report = useCall('usage.report', period);
  const station = useCall('admin.settings', {});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const pick = (next: { from: string; to: string }) => {
    setDraft(next);
    setPeriod(next);
  };
  return (
    <OfficialLayout page="usage" lead={t('usage.lead')}>
      {station.status === 'ok' && station.data.communeName === null && <CommuneNamePrompt onSaved={station.retry} />}
      <form className="staff-form filter-form" onSubmit={submit} aria-label={t('usage.period')}>
        <label>
          <span>{t('usage.from')}</span>
          <DateField name="from" required value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
        </label>
        <label>
          <span>{t('usage.to')}</span>
          <DateField name="to" required value={draft.to} min={draft.from} onChange={(to) => setDraft({ ...draft, to })} />
        </label>
        <button type="submit" className="button primary">
          {t('usage.show')}
        </button>
        <button type="button" className="button" onClick={() => pick(yearPeriod(year))}>
          {t('usage.thisYear')}
        </button>
        <button type="button" className="button" onClick={() => pick(yearPeriod(year - 1))}>
          {t('usage.lastYear')}
        </button>
      </form>
      <Download period={period} />
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorMessage error={report.error} onRetry={report.retry} />}
      {report.status === 'ok' && <Figures summary={report.data} />}
    </OfficialLayout>
  );
}

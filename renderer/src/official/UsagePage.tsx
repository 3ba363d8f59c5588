/**
 * /official/usage: use of the station over a period (this calendar year unless changed) from
 * `usage.report` — totals, a chart and table per month, openings by field, the documents read
 * most, searches with no result — and the yearly report to download as CSV or PDF
 * (`usage.reportFile`, the same files as `bookshelf report`), after the commune's name is asked
 * for while it is not set (the report names its unit, and invents none).
 */
import { useState } from 'react';
import type { UsageSummary } from '../../../shared/contract.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { CommuneNamePrompt } from './CommuneNamePrompt.js';
import { OfficialLayout } from './OfficialLayout.js';
import { BarList, MonthChart } from './charts.js';
import { PeriodForm, yearPeriod } from './PeriodForm.js';
import { ReportDownload } from './ReportDownload.js';
import { USAGE_COUNTERS } from './usage-counters.js';
import { TableWrap } from './TableWrap.js';

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

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
          {USAGE_COUNTERS.map(([key, label]) => (
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
  const [period, setPeriod] = useState(yearPeriod(new Date().getFullYear()));
  const report = useCall('usage.report', period);
  const station = useCall('admin.settings', {});
  return (
    <OfficialLayout page="usage" lead={t('usage.lead')}>
      {station.status === 'ok' && station.data.communeName === null && <CommuneNamePrompt onSaved={station.retry} />}
      <PeriodForm period={period} onPeriod={setPeriod} />
      <ReportDownload period={period} title={t('usage.download')} lead={t('usage.due')} />
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorMessage error={report.error} onRetry={report.retry} />}
      {report.status === 'ok' && <Figures summary={report.data} />}
    </OfficialLayout>
  );
}

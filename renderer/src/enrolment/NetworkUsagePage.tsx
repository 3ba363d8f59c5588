/**
 * /official/network, at a hub: "Sử dụng toàn mạng" — the use its stations reported
 * (`stations.usage`) over a period (this calendar year unless changed), per station or summed per
 * province: stations reporting of stations, the last report, the feed cursor beside the hub's
 * last publish ("N behind"), and each counter reported, with the network's totals in the last
 * row. Thousands of stations come in one answer, shown 50 rows a page. Below, the network's
 * yearly report to download as PDF or CSV (`usage.reportFile { network: true }`).
 */
import { useEffect, useState } from 'react';
import type { NetworkUsage, NetworkUsageRow, UsageGrouping } from '../../../shared/contract/stations.js';
import { isMessageKey } from '../../../shared/messages.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { Pager } from '../components/Pager.js';
import { formatCount, formatDate, formatDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { OfficialLayout } from '../official/OfficialLayout.js';
import { PeriodForm, yearPeriod } from '../official/PeriodForm.js';
import { ReportDownload } from '../official/ReportDownload.js';
import { TableWrap } from '../official/TableWrap.js';
import { USAGE_COUNTERS } from '../official/usage-counters.js';
import { useCall } from '../use-call.js';
import '../styles/enrolment.css';

const ROWS_PER_PAGE = 50;
/** Shown even when nothing was reported, so an empty period still reads as zeros. */
const ALWAYS_SHOWN = ['opened', 'search', 'page_printed'];

/** The counters to show as columns: the known ones reported (or always shown) in their order, then any other reported. */
function counterColumns(totals: Record<string, number>): string[] {
  const known = USAGE_COUNTERS.map(([counter]) => counter as string);
  return [...known.filter((counter) => counter in totals || ALWAYS_SHOWN.includes(counter)), ...Object.keys(totals).filter((counter) => !known.includes(counter)).sort()];
}

function useCounterLabel(): (counter: string) => string {
  const { t } = useLanguage();
  return (counter) => {
    const key = `usage.counter.${counter}`;
    return isMessageKey(key) ? t(key) : counter;
  };
}

/** A feed cursor beside the hub's last publish: up to date, N behind, or not known. */
function FeedCell({ sequence, published }: { sequence: number | null; published: number }) {
  const { lang, t } = useLanguage();
  if (sequence === null) return <td className="network-feed">{t('networkUse.feedUnknown')}</td>;
  const behind = published - sequence;
  return (
    <td className={behind > 0 ? 'network-feed network-behind' : 'network-feed'}>
      {behind > 0 ? t('networkUse.feedBehind', { sequence, behind: formatCount(lang, behind) }) : t('networkUse.feedCurrent', { sequence })}
    </td>
  );
}

function UsageRow({ row, by, counters, published }: { row: NetworkUsageRow; by: UsageGrouping; counters: string[]; published: number }) {
  const { lang, t } = useLanguage();
  return (
    <tr>
      <th scope="row" className="break">
        {by === 'province' && row.name === '' ? t('networkUse.noProvince') : row.name}
      </th>
      {by === 'station' && <td className="break">{[row.commune, row.province].filter(Boolean).join(' — ')}</td>}
      <td>{t('networkUse.reporting', { reporting: formatCount(lang, row.reporting), stations: formatCount(lang, row.stations) })}</td>
      <td>{row.lastReportAt ? formatDateTime(row.lastReportAt) : t('networkUse.never')}</td>
      <FeedCell sequence={row.feedSequence} published={published} />
      {counters.map((counter) => (
        <td key={counter} className="number">
          {formatCount(lang, row.totals[counter] ?? 0)}
        </td>
      ))}
    </tr>
  );
}

function UsageTable({ usage }: { usage: NetworkUsage }) {
  const { lang, t } = useLanguage();
  const label = useCounterLabel();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [usage]);
  const { rows, by, publishedSequence: published } = usage;
  if (rows.length === 0) return <p className="notice empty">{t('networkUse.empty')}</p>;
  const counters = counterColumns(usage.totals);
  const pages = Math.ceil(rows.length / ROWS_PER_PAGE);
  const first = (Math.min(page, pages) - 1) * ROWS_PER_PAGE;
  const shown = rows.slice(first, first + ROWS_PER_PAGE);
  const sum = (pick: (row: NetworkUsageRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const reports = rows.map((row) => row.lastReportAt).filter((at): at is string => at !== null);
  const cursors = rows.map((row) => row.feedSequence).filter((sequence): sequence is number => sequence !== null);
  const title = t(by === 'station' ? 'networkUse.tableStations' : 'networkUse.tableProvinces');
  return (
    <section className="official-section" aria-labelledby="network-table-title">
      <h2 id="network-table-title">{title}</h2>
      <p className="network-rows" data-testid="network-rows">
        {t('networkUse.rows', { first: formatCount(lang, first + 1), last: formatCount(lang, first + shown.length), total: formatCount(lang, rows.length) })}
      </p>
      <TableWrap label={title}>
        <table className="official-table network-table" data-testid="network-table">
          <thead>
            <tr>
              <th scope="col">{t(by === 'station' ? 'networkUse.colStation' : 'networkUse.colProvince')}</th>
              {by === 'station' && <th scope="col">{t('networkUse.colPlace')}</th>}
              <th scope="col">{t('networkUse.colReporting')}</th>
              <th scope="col">{t('networkUse.colLastReport')}</th>
              <th scope="col">{t(by === 'station' ? 'networkUse.colFeed' : 'networkUse.colFeedProvince')}</th>
              {counters.map((counter) => (
                <th key={counter} scope="col" className="number">
                  {label(counter)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <UsageRow key={row.key} row={row} by={by} counters={counters} published={published} />
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="network-totals">
              <th scope="row">{t('networkUse.totalRow')}</th>
              {by === 'station' && <td />}
              <td>{t('networkUse.reporting', { reporting: formatCount(lang, sum((row) => row.reporting)), stations: formatCount(lang, sum((row) => row.stations)) })}</td>
              <td>{reports.length ? formatDateTime(reports.reduce((a, b) => (a > b ? a : b))) : t('networkUse.never')}</td>
              <FeedCell sequence={cursors.length ? Math.min(...cursors) : null} published={published} />
              {counters.map((counter) => (
                <td key={counter} className="number">
                  {formatCount(lang, usage.totals[counter] ?? 0)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <Pager page={Math.min(page, pages)} pages={pages} onPage={setPage} />
    </section>
  );
}

export function NetworkUsagePage() {
  const { t } = useLanguage();
  const [period, setPeriod] = useState(yearPeriod(new Date().getFullYear()));
  const [by, setBy] = useState<UsageGrouping>('station');
  const usage = useCall('stations.usage', { ...period, by });
  return (
    <OfficialLayout page="network" lead={t('networkUse.lead')}>
      <PeriodForm period={period} onPeriod={setPeriod} />
      <fieldset className="network-by">
        <legend>{t('networkUse.by')}</legend>
        {(['station', 'province'] as const).map((value) => (
          <label key={value} className="staff-choice">
            <input type="radio" name="network-by" checked={by === value} onChange={() => setBy(value)} />
            <span>{t(value === 'station' ? 'networkUse.byStation' : 'networkUse.byProvince')}</span>
          </label>
        ))}
      </fieldset>
      {usage.status === 'loading' && <Loading />}
      {usage.status === 'error' && <ErrorMessage error={usage.error} onRetry={usage.retry} />}
      {usage.status === 'ok' && (
        <>
          <p className="network-summary" data-testid="network-summary">
            {t('networkUse.summary', { from: formatDate(period.from), to: formatDate(period.to), sequence: usage.data.publishedSequence })}
          </p>
          <UsageTable usage={usage.data} />
        </>
      )}
      <ReportDownload period={period} network title={t('networkUse.downloadTitle')} lead={t('networkUse.downloadLead')} />
    </OfficialLayout>
  );
}

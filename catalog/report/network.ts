/**
 * The yearly report for a hub's whole network (`bookshelf report --network`, `usage.reportFile`
 * with `network`): what its stations reported (catalog/hub/network-usage.ts) over the period —
 * totals, a table per month, one per province and one per station — signed like a station's
 * report, by the hub's unit. Only the stations' counts are summed: the hub's own library (its
 * publications, a demo set it may hold, its own readers) is never counted, so the totals are
 * exactly the sum of the stations' rows. Only a library acting as a hub makes it.
 */
import type { Library } from '../library.js';
import { actsAsHub } from '../hub/role.js';
import { networkMonths, networkUsage } from '../hub/network-usage.js';
import { monthsOf } from '../usage.js';
import { AppError } from '../../shared/errors.js';
import { USAGE_COUNTERS } from '../../shared/contract.js';
import type { UsageCounter, UsageSummary } from '../../shared/contract.js';
import type { NetworkUsageRow } from '../../shared/contract/stations.js';
import { REPORT_COUNTERS } from './content.js';
import type { ReportSigners } from './content.js';

/** What both formats of the network report show. */
export interface NetworkReportData extends ReportSigners {
  /** The network's totals and months (no documents, fields or terms: stations send counts only). */
  summary: UsageSummary;
  provinces: NetworkUsageRow[];
  stations: NetworkUsageRow[];
}

/** A row's figures in the report's columns (REPORT_COUNTERS' order). */
export const figuresOf = (row: NetworkUsageRow) => REPORT_COUNTERS.map((counter) => row.totals[counter] ?? 0);

export function networkReportData(library: Library, from: string, to: string, signers: ReportSigners): NetworkReportData {
  if (!actsAsHub(library.db)) throw new AppError('bad_request', { key: 'report.network.notHub' });
  const period = { from, to };
  const counted = networkMonths(library, period);
  const months = monthsOf(from, to).map((month) => {
    const counts = counted.get(month) ?? {};
    return { month, opened: counts.opened ?? 0, counts: Object.fromEntries(USAGE_COUNTERS.map((counter) => [counter, counts[counter] ?? 0])) as Record<UsageCounter, number> };
  });
  const totals = Object.fromEntries(REPORT_COUNTERS.map((counter) => [counter, 0])) as UsageSummary['totals'];
  for (const month of months) {
    totals.opened += month.opened;
    for (const counter of USAGE_COUNTERS) totals[counter] += month.counts[counter];
  }
  return {
    ...signers,
    summary: { from, to, totals, months, topDocuments: [], byField: [], noResultTerms: [] },
    provinces: networkUsage(library, { ...period, by: 'province' }).rows,
    stations: networkUsage(library, { ...period, by: 'station' }).rows,
  };
}

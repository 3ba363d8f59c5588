/**
 * `bookshelf moderate --usage --by station|province [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: the
 * hub's view of its network's use from a terminal (catalog/hub/network-usage.ts, as the
 * `stations.usage` method gives it): one line per station — its commune, province, counts, how
 * far it has synced against the hub's last publish, its last report — or per province, with how
 * many of its stations reported. What stations wrote is printed plain (no terminal escapes).
 */
import { Library } from '../library.js';
import { networkUsage } from '../hub/network-usage.js';
import { isIsoDay } from '../usage.js';
import { USAGE_GROUPINGS } from '../../shared/contract/stations.js';
import type { NetworkUsageRow, UsageGrouping } from '../../shared/contract/stations.js';
import { bilingual } from '../../shared/messages.js';
import { plainLine } from '../../shared/text.js';
import { UsageError, notOneOf } from './usage.js';
import { labelled } from './words.js';

export interface UsageFlags {
  libraryDir: string;
  by: string;
  from?: string;
  to?: string;
  json: boolean;
}

/** The period's days, checked; either may be absent. */
export function usagePeriod(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  for (const [flag, day] of [['--from', from], ['--to', to]] as const) {
    if (day !== undefined && !isIsoDay(day)) throw new UsageError(`${flag}: "${day}" ${bilingual({ key: 'cli.report.notDay' })}`);
  }
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(labelled('cli.report.startsAfterEnd', `${from} > ${to}`));
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const counts = (row: NetworkUsageRow) =>
  Object.keys(row.totals).length ? Object.entries(row.totals).sort(([a], [b]) => a.localeCompare(b)).map(([counter, n]) => `${counter}=${n}`).join(', ') : bilingual({ key: 'cli.moderate.nothingCounted' });

function line(row: NetworkUsageRow, by: UsageGrouping, published: number): string {
  const province = plainLine(row.province) || bilingual({ key: 'report.noProvince' });
  if (by === 'province') return `${province} (${row.reporting}/${row.stations} ${bilingual({ key: 'cli.moderate.reporting' })}): ${counts(row)}`;
  const where = [...new Set([row.name, row.commune].map(plainLine).filter(Boolean)), province].join(', ');
  const synced = `${bilingual({ key: 'cli.moderate.feed' })} ${row.feedSequence ?? '—'}/${published}`;
  const seen = row.lastReportAt ? `  (${bilingual({ key: 'cli.moderate.lastSeen' })} ${row.lastReportAt})` : '';
  return `${row.key}  ${where}: ${counts(row)}\n      ${synced}${seen}`;
}

export async function runModerateUsage(flags: UsageFlags, write: (text: string) => void): Promise<number> {
  if (!(USAGE_GROUPINGS as readonly string[]).includes(flags.by)) throw notOneOf('--by', flags.by, USAGE_GROUPINGS);
  const by = flags.by as UsageGrouping;
  const period = usagePeriod(flags.from, flags.to);
  const library = await Library.open(flags.libraryDir);
  try {
    const usage = networkUsage(library, { ...period, by });
    if (flags.json) {
      write(`${JSON.stringify(usage)}\n`);
      return 0;
    }
    const span = period.from || period.to ? `${period.from ?? '…'} – ${period.to ?? '…'}` : bilingual({ key: 'cli.moderate.allDays' });
    write(`${labelled('cli.moderate.period', span)}\n`);
    write(`${usage.rows.length ? usage.rows.map((row) => line(row, by, usage.publishedSequence)).join('\n') : bilingual({ key: 'cli.moderate.noUsage' })}\n`);
    return 0;
  } finally {
    library.close();
  }
}

/**
 * The hub's view of its network's use (`stations.usage`, `bookshelf moderate --usage --by`,
 * the network report): what its stations reported (hub_usage) summed over a period, per station
 * or per province, with each station's feed cursor and last report. The stations shown are the
 * approved ones — a station silent in the period shows, with nothing counted — and any other
 * that reported in it (one revoked since). A province is the one its stations named when they
 * enrolled, folded (no accents, no case, "Tỉnh"/"Thành phố" left out), so "Tỉnh Phú Thọ" and
 * "phu tho" are one province, shown as most of its stations write it; stations that named none
 * come last. Counts only, as stations
 * sent them: the hub's own library (its publications, a demo set it may hold, its own readers)
 * is never counted here.
 */
import type { Library } from '../library.js';
import { SETTINGS, getSetting } from '../db/settings.js';
import { vnFold } from '../../shared/text.js';
import type { NetworkUsage, NetworkUsageRow, UsageGrouping } from '../../shared/contract/stations.js';

export interface UsagePeriod {
  /** Both days included; absent: from the first day reported, to the last. */
  from?: string;
  to?: string;
}

/** The province's key: folded, spaces collapsed, its level word left out. */
export function provinceKey(province: string): string {
  return vnFold(province)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, '');
}

/** Provinces in alphabetical order, stations that gave none last. */
function byProvince(a: string, b: string): number {
  const [x, y] = [provinceKey(a), provinceKey(b)];
  return Number(x === '') - Number(y === '') || x.localeCompare(y, 'vi');
}

const bounds = (period: UsagePeriod) => [period.from ?? '0000-00-00', period.to ?? '9999-99-99'] as const;

function add(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [counter, n] of Object.entries(counts)) into[counter] = (into[counter] ?? 0) + n;
}

/** Every station to show, with its counts over the period, ordered by province, commune and name. */
function stationRows(library: Library, period: UsagePeriod): NetworkUsageRow[] {
  const [from, to] = bounds(period);
  const sums = library.db
    .prepare('SELECT station_id, counter, sum(count) AS total FROM hub_usage WHERE day BETWEEN ? AND ? GROUP BY station_id, counter')
    .all(from, to) as { station_id: string; counter: string; total: number }[];
  const totals = new Map<string, Record<string, number>>();
  for (const row of sums) {
    const counts = totals.get(row.station_id) ?? {};
    counts[row.counter] = row.total;
    totals.set(row.station_id, counts);
  }
  const stations = library.db
    .prepare(`SELECT station_id, name, commune, province, state, last_report_at, feed_sequence FROM hub_stations ORDER BY station_id`)
    .all() as { station_id: string; name: string; commune: string; province: string; state: string; last_report_at: string | null; feed_sequence: number | null }[];
  return stations
    .filter((station) => station.state === 'approved' || totals.has(station.station_id))
    .map((station) => ({
      key: station.station_id,
      name: station.name,
      commune: station.commune,
      province: station.province,
      stations: 1,
      reporting: totals.has(station.station_id) ? 1 : 0,
      lastReportAt: station.last_report_at,
      feedSequence: station.feed_sequence,
      totals: totals.get(station.station_id) ?? {},
    }))
    .sort((a, b) => byProvince(a.province, b.province) || a.commune.localeCompare(b.commune, 'vi') || a.name.localeCompare(b.name, 'vi') || a.key.localeCompare(b.key));
}

/** The way most of a province's stations write its name (the first in order among equals). */
function commonSpelling(spellings: string[]): string {
  const counts = new Map<string, number>();
  for (const spelling of spellings) counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b, 'vi'))[0][0];
}

/** The stations' rows summed per province. */
function provinceRows(stations: NetworkUsageRow[]): NetworkUsageRow[] {
  const groups = new Map<string, NetworkUsageRow[]>();
  for (const station of stations) {
    const key = provinceKey(station.province);
    const members = groups.get(key);
    if (members) members.push(station);
    else groups.set(key, [station]);
  }
  return [...groups].map(([key, members]) => {
    const province = commonSpelling(members.map((member) => member.province));
    const totals: Record<string, number> = {};
    for (const member of members) add(totals, member.totals);
    const reports = members.map((member) => member.lastReportAt).filter((at): at is string => at !== null);
    const cursors = members.map((member) => member.feedSequence).filter((sequence): sequence is number => sequence !== null);
    return {
      key,
      name: province,
      commune: '',
      province,
      stations: members.length,
      reporting: members.reduce((sum, member) => sum + member.reporting, 0),
      lastReportAt: reports.length ? reports.reduce((a, b) => (a > b ? a : b)) : null,
      feedSequence: cursors.length ? Math.min(...cursors) : null,
      totals,
    };
  });
}

/** The network's use over the period, per station or per province. */
export function networkUsage(library: Library, period: UsagePeriod & { by: UsageGrouping }): NetworkUsage {
  const stations = stationRows(library, period);
  const rows = period.by === 'province' ? provinceRows(stations) : stations;
  const totals: Record<string, number> = {};
  for (const row of rows) add(totals, row.totals);
  return { from: period.from ?? null, to: period.to ?? null, by: period.by, publishedSequence: getSetting(library.db, SETTINGS.publishSequence), rows, totals };
}

/** The network's counts per month of the period (YYYY-MM → counter → sum), for the network report. */
export function networkMonths(library: Library, period: UsagePeriod): Map<string, Record<string, number>> {
  const [from, to] = bounds(period);
  const rows = library.db
    .prepare('SELECT substr(day, 1, 7) AS month, counter, sum(count) AS total FROM hub_usage WHERE day BETWEEN ? AND ? GROUP BY month, counter')
    .all(from, to) as { month: string; counter: string; total: number }[];
  const months = new Map<string, Record<string, number>>();
  for (const row of rows) months.set(row.month, { ...months.get(row.month), [row.counter]: row.total });
  return months;
}

/**
 * Usage counts stations send to their hub (tables hub_usage and hub_stations): each report
 * replaces the days it carries for its station (a resend never doubles), and the hub sums them
 * per station. Counts only; the station is known by its random id and the name the hub approved
 * when it enrolled (the route takes reports only from approved stations, ./routes.ts). A report
 * also says how far the station has synced (its feed cursor, kept with the station), and its rows
 * count in the station's usage rows of the day (./quotas.ts).
 */
import type { Library } from '../library.js';
import { durably } from '../db/durable.js';
import { statement } from '../db/statements.js';
import type { StationUsage, UsageUpload } from '../../shared/outbox.js';
import { countUsageRows } from './quotas.js';

/** The rows a report writes: one per day and counter. */
export const usageRowsOf = (report: UsageUpload) => report.days.reduce((sum, day) => sum + Object.keys(day.counts).length, 0);

export function recordStationUsage(library: Library, report: UsageUpload, now = new Date()): void {
  const db = library.db;
  durably(db, () => {
    statement(
      db,
      `INSERT INTO hub_stations (station_id, name, last_report_at, feed_sequence, feed_applied_at) VALUES (@stationId, @name, @at, @sequence, @appliedAt)
       ON CONFLICT (station_id) DO UPDATE SET last_report_at = excluded.last_report_at,
         feed_sequence = coalesce(excluded.feed_sequence, feed_sequence), feed_applied_at = coalesce(excluded.feed_applied_at, feed_applied_at)`,
    ).run({ stationId: report.stationId, name: report.stationName, at: now.toISOString(), sequence: report.feed?.sequence ?? null, appliedAt: report.feed?.appliedAt ?? null });
    countUsageRows(db, report.stationId, usageRowsOf(report), now);
    // Prepared once per database: a hub takes thousands of reports a day.
    const clear = statement(db, 'DELETE FROM hub_usage WHERE station_id = ? AND day = ?');
    const insert = statement(db, 'INSERT INTO hub_usage (station_id, day, counter, count) VALUES (?, ?, ?, ?)');
    for (const { day, counts } of report.days) {
      clear.run(report.stationId, day);
      for (const [counter, count] of Object.entries(counts)) insert.run(report.stationId, day, counter, count);
    }
  });
}

/** Every station's counts summed over the days it reported (or those from..to, both included). */
export function usageByStation(library: Library, period: { from?: string; to?: string } = {}): StationUsage[] {
  const from = period.from ?? '0000-00-00';
  const to = period.to ?? '9999-99-99';
  const stations = library.db.prepare('SELECT station_id, name, last_report_at FROM hub_stations WHERE last_report_at IS NOT NULL ORDER BY name, station_id').all() as {
    station_id: string;
    name: string;
    last_report_at: string;
  }[];
  const sums = library.db.prepare('SELECT counter, sum(count) AS total FROM hub_usage WHERE station_id = ? AND day BETWEEN ? AND ? GROUP BY counter ORDER BY counter');
  const span = library.db.prepare('SELECT min(day) AS first, max(day) AS last FROM hub_usage WHERE station_id = ? AND day BETWEEN ? AND ?');
  return stations.map((station) => {
    const totals = Object.fromEntries((sums.all(station.station_id, from, to) as { counter: string; total: number }[]).map((row) => [row.counter, row.total]));
    const days = span.get(station.station_id, from, to) as { first: string | null; last: string | null };
    return { stationId: station.station_id, stationName: station.name, lastReportAt: station.last_report_at, firstDay: days.first, lastDay: days.last, totals };
  });
}

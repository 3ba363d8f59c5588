/**
 * What a hub takes of a usage report beyond its shape (shared/outbox.ts usageUploadSchema): real
 * calendar days, each once, none after tomorrow by the hub's clock (a station's day may begin
 * before the hub's) nor older than the USAGE_UPLOAD_MAX_DAYS a station sends (one more for time
 * zones), at most MAX_COUNTERS_PER_DAY counters a day and MAX_DAILY_COUNT per counter: so a
 * report can never write more than a bounded number of rows, nor a count no commune could reach.
 */
import { USAGE_UPLOAD_MAX_DAYS } from '../../shared/outbox.js';
import type { UsageUpload } from '../../shared/outbox.js';
import type { MessageRef } from '../../shared/messages.js';

export const MAX_COUNTERS_PER_DAY = 32;
export const MAX_DAILY_COUNT = 100_000;
const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real day written YYYY-MM-DD (no 2026-02-30, no 9999-99-99). */
const isRealDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && isoDay(Date.parse(`${day}T00:00:00Z`)) === day;

/** Why the report cannot be taken, or null. */
export function usageProblem(report: UsageUpload, now: Date): MessageRef | null {
  const latest = isoDay(now.getTime() + DAY_MS);
  const earliest = isoDay(now.getTime() - USAGE_UPLOAD_MAX_DAYS * DAY_MS);
  const seen = new Set<string>();
  for (const { day, counts } of report.days) {
    if (!isRealDay(day) || day > latest || day < earliest) return { key: 'hub.usageDay', params: { day } };
    if (seen.has(day)) return { key: 'hub.usageDayTwice', params: { day } };
    seen.add(day);
    const values = Object.values(counts);
    if (values.length > MAX_COUNTERS_PER_DAY || values.some((count) => count > MAX_DAILY_COUNT)) {
      return { key: 'hub.usageCounts', params: { day, max: MAX_DAILY_COUNT } };
    }
  }
  return null;
}

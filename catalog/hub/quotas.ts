/**
 * A hub's quotas per station (docs/uploads.md § Quotas): uploads created a day, bytes of
 * unfinished uploads, usage rows written a day — each a setting (catalog/db/settings.ts), read
 * at every request so an official's change holds at once. Only enrolled, approved stations reach
 * these checks (their signature is checked first). A station over a quota is refused 429 with
 * Retry-After — until the hub's next day for the daily ones, an hour for bytes in flight — and a
 * reason naming the quota; nothing is written. What a station spent today is kept in its row of
 * hub_stations (migration 18) and reads as nothing on another day.
 */
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting } from '../db/settings.js';
import { statement } from '../db/statements.js';
import { localDay } from '../reads.js';
import type { MessageKey, MessageParams } from '../../shared/messages.js';
import type { Refusal } from './station-auth.js';

/** How long a station over its bytes in flight waits: its unfinished uploads finish or expire meanwhile. */
export const IN_FLIGHT_RETRY_SECONDS = 3600;

/** Seconds from `now` to the hub's next local midnight, when the daily quotas start again (at least a minute). */
export function secondsToTomorrow(now: Date): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return Math.max(60, Math.ceil((midnight.getTime() - now.getTime()) / 1000));
}

/** A 429 with the wait and the quota's reason. */
export function tooMuch(key: MessageKey, params: MessageParams, retryAfterSeconds: number): Refusal {
  return { status: 429, ref: { key, params }, headers: { 'Retry-After': String(retryAfterSeconds) } };
}

interface Spent {
  uploads: number;
  usageRows: number;
}

/** What the station spent of its daily quotas on the hub's day of `now`. */
function spentToday(db: Db, stationId: string, now: Date): Spent {
  const row = statement(db, 'SELECT quota_day, uploads_today, usage_rows_today FROM hub_stations WHERE station_id = ?').get(stationId) as
    | { quota_day: string | null; uploads_today: number; usage_rows_today: number }
    | undefined;
  if (!row || row.quota_day !== localDay(now)) return { uploads: 0, usageRows: 0 };
  return { uploads: row.uploads_today, usageRows: row.usage_rows_today };
}

/** Adds to what the station spent today (a new day starts from nothing). */
function spend(db: Db, stationId: string, now: Date, uploads: number, usageRows: number): void {
  statement(
    db,
    `UPDATE hub_stations SET
       uploads_today = CASE WHEN quota_day = @day THEN uploads_today ELSE 0 END + @uploads,
       usage_rows_today = CASE WHEN quota_day = @day THEN usage_rows_today ELSE 0 END + @usageRows,
       quota_day = @day
     WHERE station_id = @stationId`,
  ).run({ day: localDay(now), uploads, usageRows, stationId });
}

/** Whether the station may create one more upload today; the refusal when it may not. */
export function uploadsTodayRefusal(db: Db, stationId: string, now: Date): Refusal | null {
  const max = getSetting(db, SETTINGS.hubUploadsPerDay);
  if (spentToday(db, stationId, now).uploads < max) return null;
  return tooMuch('hub.quotaUploadsPerDay', { max }, secondsToTomorrow(now));
}

/** Whether an upload of `declared` bytes fits beside the station's unfinished ones (`inFlight` bytes declared); the refusal when not. */
export function inFlightRefusal(db: Db, inFlight: number, declared: number): Refusal | null {
  const max = getSetting(db, SETTINGS.hubInFlightBytes);
  if (inFlight + declared <= max) return null;
  return tooMuch('hub.quotaInFlight', { megabytes: Math.round(max / 1024 / 1024) }, IN_FLIGHT_RETRY_SECONDS);
}

/** An upload the station created (tus answered 201): counted in today's quota. */
export function countUploadCreated(db: Db, stationId: string, now: Date): void {
  spend(db, stationId, now, 1, 0);
}

/** Whether a usage report of `rows` rows fits in the station's rows for today; the refusal when not. */
export function usageRowsRefusal(db: Db, stationId: string, rows: number, now: Date): Refusal | null {
  const max = getSetting(db, SETTINGS.hubUsageRowsPerDay);
  if (spentToday(db, stationId, now).usageRows + rows <= max) return null;
  return tooMuch('hub.quotaUsageRows', { max }, secondsToTomorrow(now));
}

/** Usage rows the station wrote (in the caller's transaction). */
export function countUsageRows(db: Db, stationId: string, rows: number, now: Date): void {
  spend(db, stationId, now, 0, rows);
}

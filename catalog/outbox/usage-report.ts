/**
 * The station's daily counts as sent to its hub: the usage counters (usage_days) and documents
 * opened per day (reads, summed over publications, as 'opened'), for the last days only. Counts
 * only: no publication, no term, nothing about who. A resend carries the same days again and the
 * hub replaces them. With them goes the station's feed cursor, so the hub sees how far each
 * station has synced: the highest root sequence accepted under the key of the hub's own feed
 * (the sync source at the hub's address), else under the key last synced — none while a first
 * snapshot is still being applied.
 */
import type { Library } from '../library.js';
import { localDay } from '../reads.js';
import { USAGE_UPLOAD_MAX_DAYS } from '../../shared/outbox.js';
import type { UsageUpload } from '../../shared/outbox.js';
import { effectiveHubUrl, outboxSettings } from './settings.js';

/** The station's feed cursor as its usage report carries it, or undefined before a first sync. */
function feedCursor(library: Library): UsageUpload['feed'] {
  const row = library.db
    .prepare(
      `SELECT k.last_sequence AS sequence, k.updated_at AS appliedAt FROM sync_keys k
       WHERE k.snapshot_sha256 IS NULL
       ORDER BY k.key_id IN (SELECT key_id FROM sync_sources WHERE location = ? AND key_id IS NOT NULL) DESC, k.updated_at DESC LIMIT 1`,
    )
    .get(effectiveHubUrl(library) ?? '') as { sequence: number; appliedAt: string } | undefined;
  return row;
}

export function usageUpload(library: Library, now = new Date()): UsageUpload {
  const since = localDay(new Date(now.getTime() - (USAGE_UPLOAD_MAX_DAYS - 1) * 86_400_000));
  const days = new Map<string, Record<string, number>>();
  const add = (day: string, counter: string, count: number) => {
    const counts = days.get(day) ?? {};
    counts[counter] = count;
    days.set(day, counts);
  };
  const counters = library.db.prepare('SELECT day, counter, count FROM usage_days WHERE day >= ?').all(since) as { day: string; counter: string; count: number }[];
  for (const row of counters) add(row.day, row.counter, row.count);
  const reads = library.db.prepare('SELECT day, sum(count) AS count FROM reads WHERE day >= ? GROUP BY day').all(since) as { day: string; count: number }[];
  for (const row of reads) add(row.day, 'opened', row.count);
  const settings = outboxSettings(library);
  const feed = feedCursor(library);
  return {
    stationId: settings.stationId,
    stationName: settings.stationName.slice(0, 200),
    days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, counts })),
    ...(feed ? { feed } : {}),
  };
}

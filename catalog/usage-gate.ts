/**
 * Which counts the station accepts, and how often (docs/lan.md § Use counts from the LAN): what a real
 * reader can do, no more. Kiosk sessions and printed pages are the station's own (its kiosk
 * window or browser prints; a phone's printer is not the station's), so a LAN device cannot add
 * them; a phone counts one session per half hour and a few document openings a minute; the
 * kiosk a session at most every few seconds and pages as fast as a printer prints. Beyond that a
 * count is quietly not recorded — the caller is never told why, so a script learns nothing.
 */
import type { RecordedUsageCounter } from '../shared/contract.js';
import { RateLimiter } from './http/limits.js';

interface Rate {
  perMinute: number;
  burst: number;
}

/** null: never from there. */
const STATION: Record<RecordedUsageCounter | 'read', Rate | null> = {
  kiosk_session: { perMinute: 6, burst: 3 },
  phone_session: null,
  page_printed: { perMinute: 120, burst: 500 },
  read: { perMinute: 30, burst: 10 },
};
const LAN: Record<RecordedUsageCounter | 'read', Rate | null> = {
  kiosk_session: null,
  phone_session: { perMinute: 1 / 30, burst: 1 },
  page_printed: null,
  read: { perMinute: 4, burst: 4 },
};

export class UsageGate {
  private readonly limiters = new Map<string, RateLimiter>();

  /** Whether `n` counts of `counter` from this client (undefined: the station itself) are taken now. */
  admit(counter: RecordedUsageCounter | 'read', client: string | undefined, n = 1): boolean {
    const rate = (client === undefined ? STATION : LAN)[counter];
    if (!rate) return false;
    const name = `${client === undefined ? 'station' : 'lan'} ${counter}`;
    let limiter = this.limiters.get(name);
    if (!limiter) this.limiters.set(name, (limiter = new RateLimiter(rate.perMinute / 60, rate.burst)));
    return limiter.take(client ?? 'station', n) === 0;
  }
}

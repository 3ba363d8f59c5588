/**
 * Reading sessions of the LAN's phones, issued by this station: the page a phone loads from the
 * station sets a cookie holding an id signed with a key that lives as long as the server (a
 * restart issues new ones; the phone's next page load takes one). Counts from the LAN — searches,
 * document openings, sessions — are taken only with a valid one (catalog/engine.ts), so a script
 * that posts to the API without ever loading the station's page cannot write the yearly report.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'bookshelf_device';
/** A session outlives a day's opening hours; the page load after it issues a new one. */
export const DEVICE_SESSION_SECONDS = 12 * 60 * 60;

export class DeviceSessions {
  private readonly key = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session's cookie value: `<issued, base 36>.<random>.<signature>`. */
  issue(): string {
    const id = `${Math.floor(this.now() / 1000).toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${id}.${this.sign(id)}`;
  }

  /** The session's id when the value is one this server issued and it has not expired; null otherwise. */
  verify(value: string | undefined): string | null {
    const match = value ? /^([0-9a-z]{1,10})\.([\w-]{12})\.([\w-]{43})$/.exec(value) : null;
    if (!match) return null;
    const id = `${match[1]}.${match[2]}`;
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(match[3]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const age = this.now() / 1000 - parseInt(match[1], 36);
    return age >= 0 && age <= DEVICE_SESSION_SECONDS ? id : null;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }
}

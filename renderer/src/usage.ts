/**
 * The station's use counters from the screen side (contract `usage.record`): a kiosk session
 * when a new reader starts touching the kiosk, a phone session once per browser tab on the
 * commune LAN, and pages printed. Counts only; a counter that cannot be sent is simply lost.
 */
import { client } from './client.js';

type Counter = 'kiosk_session' | 'phone_session' | 'page_printed';

export function recordUsage(counter: Counter, n = 1): void {
  client.call('usage.record', { counter, n }).catch(() => undefined);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const PHONE_SESSION_KEY = 'bookshelf.session';

/** Once per tab, for a browser reaching the station over the LAN (not the kiosk, not the station's own PC). */
export function recordPhoneSession(location: Location = window.location): void {
  if (!/^https?:$/.test(location.protocol) || LOOPBACK.has(location.hostname)) return;
  try {
    if (sessionStorage.getItem(PHONE_SESSION_KEY)) return;
    sessionStorage.setItem(PHONE_SESSION_KEY, '1');
  } catch {
    return; // storage disabled: better not to count than to count every page load
  }
  recordUsage('phone_session');
}

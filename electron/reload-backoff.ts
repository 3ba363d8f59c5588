/**
 * After a renderer crash the window goes back home at once; if it keeps crashing, later
 * reloads wait, so a page that crashes on load cannot spin a kiosk's CPU in a tight loop.
 */

export interface ReloadBackoffOptions {
  /** Crashes within `windowMs` that reload immediately. */
  burst?: number;
  windowMs?: number;
  /** The wait once the burst is used up. */
  delayMs?: number;
  now?: () => number;
}

/** Returns a function to call at each crash; it answers how long to wait before reloading. */
export function createReloadBackoff(options: ReloadBackoffOptions = {}): () => number {
  const { burst = 3, windowMs = 60_000, delayMs = 10_000, now = Date.now } = options;
  const crashes: number[] = [];
  return () => {
    const time = now();
    while (crashes.length > 0 && time - crashes[0] > windowMs) crashes.shift();
    crashes.push(time);
    return crashes.length <= burst ? 0 : delayMs;
  };
}

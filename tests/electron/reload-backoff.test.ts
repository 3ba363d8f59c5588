/**
 * After a renderer crash the window reloads home at once (shell case 7, second half); a
 * renderer that keeps crashing is reloaded with a delay instead of in a tight loop.
 */
import { describe, expect, it } from 'vitest';
import { createReloadBackoff } from '../../electron/reload-backoff.js';

describe('createReloadBackoff', () => {
  it('reloads at once for a burst of crashes, then waits, and forgets old crashes', () => {
    let now = 0;
    const next = createReloadBackoff({ burst: 3, windowMs: 60_000, delayMs: 10_000, now: () => now });
    expect([next(), next(), next()]).toEqual([0, 0, 0]);
    expect(next()).toBe(10_000);
    now += 61_000;
    expect(next()).toBe(0);
  });

  it('a single crash now and then always reloads at once', () => {
    let now = 0;
    const next = createReloadBackoff({ now: () => now });
    for (let i = 0; i < 10; i++) {
      expect(next()).toBe(0);
      now += 5 * 60_000;
    }
  });
});

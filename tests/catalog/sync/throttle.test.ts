/**
 * The download bandwidth cap's token bucket, on an injected clock: it starts empty, refills up
 * to its burst and no further, makes concurrent takers queue behind each other's debt, and a
 * stop ends its wait at once.
 */
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../catalog/sync/throttle.js';

/** A clock whose time moves only when the test says; sleeps are recorded and resolve at once. */
function fakeClock() {
  const clock = {
    at: 0,
    slept: [] as number[],
    now: () => clock.at,
    sleep: async (ms: number) => void clock.slept.push(Math.round(ms)),
  };
  return clock;
}

describe('the bandwidth token bucket', () => {
  it('starts empty: the first bytes wait for the cap', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1_000, clock);
    await bucket.take(500);
    expect(clock.slept).toEqual([500]);
  });

  it('does not wait while the bytes stay within what the elapsed time allows', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(100_000, clock);
    for (let i = 0; i < 10; i += 1) {
      clock.at += 100;
      await bucket.take(10_000);
    }
    expect(clock.slept).toEqual([]);
    clock.at += 100;
    await bucket.take(20_000);
    expect(clock.slept).toEqual([100]);
  });

  it('refills after a pause only up to its burst (64 KiB at low rates, a quarter second at high ones)', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1_000, clock);
    expect(bucket.burst).toBe(64 * 1024);
    expect(new TokenBucket(8_000_000, clock).burst).toBe(2_000_000);
    clock.at += 3_600_000;
    await bucket.take(64 * 1024);
    expect(clock.slept).toEqual([]);
    await bucket.take(2_000);
    expect(clock.slept).toEqual([2_000]);
  });

  it('is shared: concurrent takers queue behind each other, so the cap holds for their sum', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1_000, clock);
    await Promise.all([bucket.take(500), bucket.take(500), bucket.take(1_000)]);
    expect(clock.slept).toEqual([500, 1_000, 2_000]);
  });

  it('sleeps on a timer, not a busy loop, and a stop ends the wait long before the cap would', async () => {
    const bucket = new TokenBucket(1_000);
    const controller = new AbortController();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const waiting = bucket.take(60_000, controller.signal); // a minute's worth
    setTimeout(() => controller.abort(), 300);
    await expect(waiting).rejects.toThrow(/abort/i);
    const elapsed = performance.now() - started;
    // It waited for the stop (a lower bound), and did not wait out the minute: a third of it is a
    // margin no busy machine uses up.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(20_000);
    // A busy loop would burn the whole wait; a timer uses next to nothing of it.
    const cpu = process.cpuUsage(cpuBefore);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(elapsed / 2);
  });

  it('refuses a cap that is not a positive number', () => {
    expect(() => new TokenBucket(0)).toThrow(/Invalid bandwidth cap/);
    expect(() => new TokenBucket(Number.NaN)).toThrow(/Invalid bandwidth cap/);
  });
});

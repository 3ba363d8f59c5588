/**
 * A bandwidth cap for downloads: one token bucket that every concurrent download of a run draws
 * from. A reader takes the bytes it has just received; when that leaves the bucket in debt it
 * sleeps (a timer, no busy-waiting) for as long as the cap needs to pay the debt back. Readers
 * that arrive while others wait queue behind their debt, so the cap holds for their sum. The
 * bucket starts empty and refills up to a small burst (64 KiB, or a quarter second at high rates).
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface BucketClock {
  /** Milliseconds, monotonic. */
  now: () => number;
  /** Resolves after `ms`; rejects when `signal` is aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const realClock: BucketClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

export class TokenBucket {
  private tokens = 0;
  private last: number;
  /** The most the bucket holds after a pause: 64 KiB, or a quarter second's worth when that is more. */
  readonly burst: number;

  constructor(
    readonly bytesPerSecond: number,
    private readonly clock: BucketClock = realClock,
  ) {
    // A caller's mistake (the settings allow only a positive cap), not something officials read.
    if (!(bytesPerSecond > 0)) throw new RangeError(`Invalid bandwidth cap: ${bytesPerSecond}`);
    this.burst = Math.max(64 * 1024, bytesPerSecond / 4);
    this.last = clock.now();
  }

  /** Accounts for `bytes` just received and waits until the cap allows them. */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond) - bytes;
    this.last = now;
    if (this.tokens < 0) await this.clock.sleep((-this.tokens / this.bytesPerSecond) * 1000, signal);
  }
}

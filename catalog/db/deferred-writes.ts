/**
 * Small writes the station makes while it answers readers — counters of searches, sessions,
 * pages printed, documents opened — without ever waiting for the database: each is tried at once
 * with no busy wait; when another process holds the write lock (a CLI import, a second app),
 * it is kept and tried again shortly, together with those that came meanwhile. Only counts go
 * this way: losing one on a crash costs a count, never a document.
 */
import type { Db } from './open.js';
import { isBusy, tryWrite } from './without-waiting.js';

const RETRY_MS = 250;
/** Writes kept at most while the database stays busy; older ones are dropped beyond it. */
const MAX_PENDING = 10_000;

export class DeferredWrites {
  private pending: ((db: Db) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: (message: string, error?: unknown) => void = (message, error) => console.error(message, error),
  ) {}

  /** Writes now if the database is free, else soon. */
  add(write: (db: Db) => void): void {
    this.pending.push(write);
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
    if (!this.timer) this.flush(false);
  }

  /** Writes what is kept, waiting for the lock as long as a normal write would (at close). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush(true);
  }

  /** `wait`: wait for the lock as a normal write does (at close), instead of trying again later. */
  private flush(wait: boolean): void {
    if (!this.pending.length || !this.db.open) return;
    const writes = this.pending.splice(0);
    // A write that fails for another reason than the lock (a full disk) is logged and dropped, the others kept.
    const all = () => {
      for (const write of writes) {
        try {
          this.db.transaction(() => write(this.db))();
        } catch (error) {
          if (isBusy(error)) throw error;
          this.log('a count could not be written', error);
        }
      }
    };
    try {
      if (wait) {
        this.db.transaction(all).immediate();
        return;
      }
      if (tryWrite(this.db, all).done) return;
    } catch (error) {
      if (!isBusy(error)) this.log('a count could not be written', error);
      return;
    }
    this.pending.unshift(...writes);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush(false);
    }, RETRY_MS);
    this.timer.unref();
  }
}

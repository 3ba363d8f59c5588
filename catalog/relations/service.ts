/**
 * Keeps the relations read and the statuses current while the app runs: the background reading
 * (backfill.ts, in the writer thread) at start — an older library's texts — then every hour, since
 * a status holds only until a day its derivation names and a kiosk runs for days, and when a sync
 * brought texts on the kiosk's thread. The writer thread is asked only when there is something to
 * do (two lookups here); a failed run is logged, the next one tries again.
 */
import type { Library } from '../library.js';
import { localDay } from '../reads.js';
import type { WriterThread } from '../writer/writer-thread.js';
import { textsMayBeUnread } from './readings.js';
import { statusesDue } from './status.js';

const HOUR_MS = 60 * 60 * 1000;

export interface RelationsServiceOptions {
  /** How often the statuses that are due are derived again (tests shorten it). */
  everyMs?: number;
}

export class RelationsService {
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(
    private readonly library: Library,
    private readonly writer: WriterThread,
    private readonly options: RelationsServiceOptions = {},
  ) {}

  /** Reads now, then every hour. */
  start(): void {
    this.read();
    this.timer = setInterval(() => this.read(), this.options.everyMs ?? HOUR_MS);
    this.timer.unref();
  }

  /** Asks the writer thread for a reading when a text may be unread or a status is due (one already running is followed by one more). */
  read(): void {
    const db = this.library.db;
    if (this.disposed || !(textsMayBeUnread(db) || statusesDue(db, localDay()))) return;
    this.writer.readRelations().catch((error: unknown) => {
      if (!this.disposed) console.error('reading relations failed', error);
    });
  }

  /** Stops the schedule (the writer thread's closing stops a reading going on). */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

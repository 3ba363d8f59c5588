/**
 * Reads off the event loop: a small pool of worker threads (./worker.ts), each with its own
 * read-only connection to the catalog, runs the heavy read methods (./tasks.ts) — search,
 * typeahead, facets, listings, reports — so the thread that answers the kiosk (the served
 * station's, or Electron's main process) never computes them. Jobs wait in one queue and go
 * to the first idle worker; workers start on the first read and are replaced when one dies
 * (its job fails with an error, the others go on). With `workers: 0` the reads run in-process on
 * the given connection (an in-memory catalog, or a caller that wants no threads).
 *
 * The station's own reads (the kiosk) go before any waiting LAN read, so a flood from phones
 * delays the kiosk by at most the reads already running. The same reads of the whole catalog
 * (facets of an empty query, first pages, most read) are answered from a small cache until the
 * catalog changes (./read-cache.ts).
 *
 * When a read finds the search's counts stale (catalog/search/stale.ts) the pool has one worker
 * count them again over a writable connection, at most once a minute, while the others serve.
 *
 * Worker entry: from the TypeScript sources (tsx, vitest) worker-tsx.mjs, which registers tsx;
 * from compiled JavaScript the sibling worker.js, which tsc emits because this module imports its types.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open.js';
import { AppError } from '../../shared/errors.js';
import { READ_TASKS } from './tasks.js';
import { ReadCache } from './read-cache.js';
import { workerEntry } from '../threads/worker-entry.js';
import type { ReadInput, ReadOutput, ReadTask } from './tasks.js';
import type { PoolJob, PoolReply, PoolWorkerData } from './worker.js';

export const DEFAULT_READ_WORKERS = 2;

/** Whose read it is: the station's own (the kiosk) goes first. */
export type ReadLane = 'station' | 'lan';
const YOUNG_GENERATION_MB = 64;
/** Typed without marks, so warming also loads the model that restores them. */
const WARM_SEARCH: ReadInput<'search'> = { q: 'luat', offset: 0, limit: 1, filters: {}, facets: false, asTyped: false };
/** The search's counts are counted again at most this often. */
const REFRESH_INTERVAL_MS = 60_000;

export interface ReadPoolOptions {
  /** Worker threads (default 2); 0 runs reads in-process. */
  workers?: number;
  workerEntry?: URL;
  log?: (message: string, error?: unknown) => void;
}

interface Pending {
  job: PoolJob;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

export class ReadPool {
  private readonly size: number;
  private readonly entry: URL;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly slots: Slot[] = [];
  /** Waiting jobs: the station's first, then the LAN's. */
  private readonly queues: Record<ReadLane, Pending[]> = { station: [], lan: [] };
  private readonly cache: ReadCache;
  private nextId = 1;
  private closed = false;
  private refreshing = false;
  private lastRefresh = -Infinity;

  constructor(
    private readonly database: string,
    private readonly inline: Db,
    options: ReadPoolOptions = {},
  ) {
    this.size = options.workers ?? DEFAULT_READ_WORKERS;
    this.entry = options.workerEntry ?? workerEntry(import.meta.url, 'worker');
    this.log = options.log ?? ((message, error) => console.error(message, error));
    this.cache = new ReadCache(inline);
  }

  /** Runs one read (for the station, or a LAN device: it waits behind the station's); resolves with its result or rejects with its error (an AppError keeps its code). */
  run<T extends ReadTask>(task: T, input: ReadInput<T>, lane: ReadLane = 'station'): Promise<ReadOutput<T>> {
    return this.cache.read(task, input, () => this.compute(task, input, lane));
  }

  private compute<T extends ReadTask>(task: T, input: ReadInput<T>, lane: ReadLane): Promise<ReadOutput<T>> {
    if (this.closed) return Promise.reject(new AppError('unavailable', { key: 'error.unavailable' }));
    if (this.size === 0) {
      try {
        return Promise.resolve((READ_TASKS[task] as (db: Db, input: unknown) => ReadOutput<T>)(this.inline, input));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return new Promise((resolve, reject) => {
      this.queues[lane].push({ job: { id: this.nextId++, task, input }, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Starts the workers now, each with a small search that loads what searching needs (modules,
   * the accent model, the common terms): the first resident's search then waits for none of it.
   */
  warm(): void {
    if (this.size === 0) return;
    for (let i = this.slots.length; i < this.size; i += 1) void this.compute('search', WARM_SEARCH, 'lan').catch(() => undefined);
  }

  /** Jobs waiting or running (for tests and diagnostics). */
  get load(): number {
    return this.queues.station.length + this.queues.lan.length + this.slots.filter((s) => s.busy).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of [...this.queues.station.splice(0), ...this.queues.lan.splice(0)]) pending.reject(new AppError('unavailable', { key: 'error.unavailable' }));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while ((this.queues.station.length || this.queues.lan.length) && !this.closed) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const pending = (this.queues.station.shift() ?? this.queues.lan.shift()) as Pending;
      slot.busy = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
  }

  private spawn(): Slot {
    // A roomier young generation: a search makes many short-lived strings, and fewer scavenges mean fewer pauses.
    const worker = new Worker(this.entry, { workerData: { database: this.database } satisfies PoolWorkerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: Slot = { worker, busy: null };
    worker.unref();
    worker.on('message', (reply: PoolReply) => {
      const pending = slot.busy;
      if (!pending || pending.job.id !== reply.id) return;
      slot.busy = null;
      worker.unref();
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(reply.error.app ? new AppError(reply.error.app.code, reply.error.app.ref, reply.error.app.details) : new Error(reply.error.message));
      if (pending.job.task === 'refresh') this.refreshing = false;
      if (reply.stale) this.refreshSoon();
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      if (slot.busy) {
        if (slot.busy.job.task === 'refresh') this.refreshing = false;
        slot.busy.reject(error);
      }
      if (!this.closed) this.log('read worker stopped', error);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`read worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** Has the search's counts counted again by one worker, unless that is running or ran within the interval. */
  private refreshSoon(): void {
    const now = performance.now();
    if (this.refreshing || now - this.lastRefresh < REFRESH_INTERVAL_MS) return;
    this.refreshing = true;
    this.lastRefresh = now;
    this.queues.lan.push({
      job: { id: this.nextId++, task: 'refresh', input: null },
      resolve: () => undefined,
      reject: (error) => this.log('counting the search models again failed', error),
    });
  }
}

/**
 * The app's writer, off the event loop (issue 13): the long writes — a sync run's metadata step
 * (verify, stage, apply the snapshot and pages), saving a document with its text and search
 * index (a book's text takes most of a second to index) and reading relations in the background
 * (catalog/relations/backfill.ts) — run in one worker thread with its own
 * connection to the library, so the thread that answers the kiosk (the served station's, or
 * Electron's main process) computes none of it; it only receives progress and results. The
 * thread starts on the first write and stays for the next (starting one costs a module load);
 * `close` ends it. A sync commits in transactions of at most 200 ms, and at once when a save is
 * sent meanwhile: the saves waiting are counted in memory both threads share, which the sync's
 * transaction reads after each publication, so a save waits one publication's write, not a
 * transaction. A thread that dies fails only the writes it had; the next write starts a new one.
 *
 * Worker entry: writer-worker-tsx.mjs from the TypeScript sources, writer-worker.js compiled
 * (catalog/threads/worker-entry.ts).
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import type { SyncProgress, SyncResult } from '../sync/apply.js';
import { SyncDiskFullError, SyncError, SyncRefusedError, SyncStoppedError } from '../sync/errors.js';
import type { HttpSourceOptions } from '../sync/source.js';
import type { SyncSourceRow } from '../sync/sources.js';
import type { SaveJob, WriterFailure, WriterReply, WriterRequest, WriterWorkerData } from './writer-worker.js';
import type { BackfillResult } from '../relations/backfill.js';
import { workerEntry } from '../threads/worker-entry.js';

export type { SaveJob } from './writer-worker.js';

export interface SyncRunOptions {
  now: Date;
  signal: AbortSignal;
  onProgress: (progress: SyncProgress) => void;
  http?: HttpSourceOptions;
}

function errorOf(failure: WriterFailure): Error {
  switch (failure.kind) {
    case 'stopped':
      return new SyncStoppedError();
    case 'diskFull':
      return new SyncDiskFullError(null);
    case 'refused':
      return new SyncRefusedError(failure.code, failure.reason);
    case 'sync':
      return new SyncError(failure.ref);
    case 'app':
      return new AppError(failure.code, failure.ref);
    default:
      return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
  }
}

interface Pending {
  resolve: (value: SyncResult | BackfillResult | null) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: SyncProgress) => void;
}

export class WriterThread {
  private worker: Worker | null = null;
  /** Saves sent and not yet written, shared with the worker ([0]): the worker decrements it after each save's transaction. */
  private savesWaiting = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly libraryDir: string,
    private readonly entry: URL = workerEntry(import.meta.url, 'writer-worker'),
  ) {}

  /** Runs a sync's metadata step (`syncOnce`) for this source; the signal stops it between two transactions. */
  async sync(row: SyncSourceRow, options: SyncRunOptions): Promise<SyncResult> {
    if (options.signal.aborted) throw new SyncStoppedError();
    const id = this.nextId++;
    const stop = () => this.worker?.postMessage({ type: 'stop', id } satisfies WriterRequest);
    options.signal.addEventListener('abort', stop, { once: true });
    try {
      return (await this.send({ type: 'sync', id, row, http: options.http, now: options.now.toISOString() }, options.onProgress)) as SyncResult;
    } finally {
      options.signal.removeEventListener('abort', stop);
    }
  }

  /** Saves documents (and takes a usage counter) in one transaction. */
  async save(job: SaveJob): Promise<void> {
    const worker = this.ready();
    Atomics.add(this.savesWaiting, 0, 1);
    await this.send({ type: 'save', id: this.nextId++, job }, undefined, worker);
  }

  /** Reads the texts whose relations are not read yet and derives the statuses that are due (catalog/relations/backfill.ts). */
  async readRelations(): Promise<BackfillResult> {
    return (await this.send({ type: 'relations', id: this.nextId++ })) as BackfillResult;
  }

  /** Ends the thread (its library connection closed first); a sync or a reading going on is stopped. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const closed = new Promise<void>((resolve) => {
      worker.on('message', (reply: WriterReply) => reply.type === 'closed' && resolve());
      worker.once('exit', () => resolve());
    });
    worker.ref(); // the process waits for the connection to close
    worker.postMessage({ type: 'close' } satisfies WriterRequest);
    await closed;
    await worker.terminate();
  }

  private send(request: Extract<WriterRequest, { id: number }>, onProgress?: (progress: SyncProgress) => void, worker = this.ready()): Promise<SyncResult | BackfillResult | null> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onProgress });
      worker.ref();
      worker.postMessage(request);
    });
  }

  private settle(id: number, settle: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    settle(pending);
  }

  private ready(): Worker {
    if (this.worker) return this.worker;
    // A new thread, a new count: the saves the last one had failed with it.
    this.savesWaiting = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(this.entry, { workerData: { libraryDir: this.libraryDir, savesWaiting: this.savesWaiting } satisfies WriterWorkerData });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      if (reply.type === 'progress') this.pending.get(reply.id)?.onProgress?.(reply.progress);
      else if (reply.type === 'done') this.settle(reply.id, (pending) => pending.resolve(reply.value));
      else if (reply.type === 'failed') this.settle(reply.id, (pending) => pending.reject(errorOf(reply.failure)));
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const id of [...this.pending.keys()]) this.settle(id, (pending) => pending.reject(error));
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`writer thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

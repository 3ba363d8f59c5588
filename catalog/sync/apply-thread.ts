/**
 * The sync apply off the event loop (issue 13): a run's metadata step (`syncOnce`: verify,
 * stage, apply the snapshot and pages) runs in a worker thread of its own with its own
 * connection to the library, so the thread that answers the kiosk — the served station's, or
 * Electron's main process — computes none of it; it only receives progress. The thread starts
 * on the first run and stays for the next (starting one costs a module load); `close` ends it.
 * The apply still commits in short transactions, so a write of this thread (a counter, a desk
 * save) waits at most one of them. A thread that dies fails only its run; the next run starts
 * a new one.
 *
 * Worker entry: apply-worker-tsx.mjs from the TypeScript sources, apply-worker.js compiled
 * (catalog/threads/worker-entry.ts).
 */
import { Worker } from 'node:worker_threads';
import { SyncDiskFullError, SyncRefusedError, SyncStoppedError } from './apply.js';
import type { SyncProgress, SyncResult } from './apply.js';
import type { HttpSourceOptions } from './source.js';
import type { SyncSourceRow } from './state.js';
import type { ApplyFailure, ApplyReply, ApplyRequest, ApplyWorkerData } from './apply-worker.js';
import { workerEntry } from '../threads/worker-entry.js';

export interface ApplyRunOptions {
  now: Date;
  signal: AbortSignal;
  onProgress: (progress: SyncProgress) => void;
  http?: HttpSourceOptions;
}

function errorOf(failure: ApplyFailure): Error {
  switch (failure.kind) {
    case 'stopped':
      return new SyncStoppedError();
    case 'diskFull':
      return new SyncDiskFullError(null);
    case 'refused':
      return new SyncRefusedError(failure.code, failure.reason);
    default:
      return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
  }
}

interface Running {
  resolve: (result: SyncResult) => void;
  reject: (error: Error) => void;
  onProgress: (progress: SyncProgress) => void;
}

export class SyncApplyThread {
  private worker: Worker | null = null;
  private running: Running | null = null;

  constructor(
    private readonly libraryDir: string,
    private readonly entry: URL = workerEntry(import.meta.url, 'apply-worker'),
  ) {}

  /** Runs `syncOnce` for this source in the thread; one run at a time (the sync service's rule). */
  run(row: SyncSourceRow, options: ApplyRunOptions): Promise<SyncResult> {
    if (this.running) return Promise.reject(new Error('a sync apply is already running'));
    const worker = this.ready();
    const stop = () => worker.postMessage({ type: 'stop' } satisfies ApplyRequest);
    if (options.signal.aborted) return Promise.reject(new SyncStoppedError());
    options.signal.addEventListener('abort', stop, { once: true });
    return new Promise<SyncResult>((resolve, reject) => {
      this.running = { resolve, reject, onProgress: options.onProgress };
      worker.ref();
      worker.postMessage({ type: 'run', row, http: options.http, now: options.now.toISOString() } satisfies ApplyRequest);
    }).finally(() => {
      options.signal.removeEventListener('abort', stop);
      this.running = null;
      this.worker?.unref();
    });
  }

  /** Ends the thread (its library connection closed first); a run going on is stopped. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const closed = new Promise<void>((resolve) => {
      worker.on('message', (reply: ApplyReply) => reply.type === 'closed' && resolve());
      worker.once('exit', () => resolve());
    });
    worker.ref(); // the process waits for the connection to close
    worker.postMessage({ type: 'close' } satisfies ApplyRequest);
    await closed;
    await worker.terminate();
  }

  private ready(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry, { workerData: { libraryDir: this.libraryDir } satisfies ApplyWorkerData });
    worker.unref();
    worker.on('message', (reply: ApplyReply) => {
      const running = this.running;
      if (!running) return;
      if (reply.type === 'progress') running.onProgress(reply.progress);
      else if (reply.type === 'done') running.resolve(reply.result);
      else if (reply.type === 'failed') running.reject(errorOf(reply.failure));
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.running?.reject(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`sync apply thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

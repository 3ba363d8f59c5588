/**
 * Extraction, bounded and isolated: each file is parsed in a worker_threads Worker with a heap
 * limit, a per-file time limit, and a bound on how far the whole process's memory may grow
 * (decoded buffers are outside the heap; the process is watched every few milliseconds, and
 * what other threads grow it by meanwhile is not charged to the file: memory-gauge.ts). On a timeout the worker is terminated and the file refused
 * ('timeout'); a crash or an out-of-memory in the worker refuses
 * the file and a fresh worker takes the next one. The main process never parses a file.
 *
 * One worker is reused across files (starting one costs ~0.2 s) and replaced every
 * `maxJobsPerWorker` files, so memory a parser leaks cannot pile up. An Extractor runs one job
 * at a time; extract-pool.ts runs a few side by side. A job is a whole extraction, a PDF's
 * cover alone (the importer renders covers after the texts are saved), or a helper's part of a
 * PDF another extractor's worker extracts (page-share.ts: each worker opens the file itself,
 * under its own limits; the helper's pages go to the lead's worker through here).
 *
 * Worker entry: from the TypeScript sources (this module's URL ends in .ts: tsx or vitest) the
 * worker starts extract-worker-tsx.mjs, which registers tsx and imports extract-worker.ts;
 * from compiled JavaScript (Electron, dist/app/catalog/import/) it starts the sibling
 * extract-worker.js, which tsc emits because this module imports its types.
 */
import { Worker } from 'node:worker_threads';
import { refusal } from './errors.js';
import type { RefusalInfo } from './errors.js';
import type { ExtractFileOptions } from './extract-file.js';
import type { JobResult, PageJob, PagesMessage, WorkerJob, WorkerReply } from './extract-worker.js';
import { ChargedGrowth, newGauge } from './memory-gauge.js';
import type { HelperPages } from './page-share.js';
import type { ExtractLimits, ExtractedCover, Extraction } from './types.js';
import { workerEntry } from '../threads/worker-entry.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_WORKER_MEMORY_MB = 512;
/**
 * How far the whole process's resident memory may grow while a file is extracted. The heap limit
 * does not cover the buffers a parser decodes into (a 1 MB PDF whose stream inflates to 2 GB),
 * so the process itself is watched: past this the worker is stopped and the file refused.
 */
export const DEFAULT_RSS_BUDGET_MB = 256;
const RSS_CHECK_MS = 10;
const STARTUP_TIMEOUT_MS = 30_000;

export interface ExtractorOptions {
  /** Time limit per file (default 60 s). */
  timeoutMs?: number;
  /** The worker's V8 old-generation heap limit (default 512 MB). */
  memoryMb?: number;
  /** How far the process's resident memory may grow during one file (default 256 MB). */
  rssBudgetMb?: number;
  limits?: Partial<ExtractLimits>;
  /** PDF: render page 1 as the cover (default true). */
  cover?: boolean;
  /** Files per worker before it is replaced (default 50). */
  maxJobsPerWorker?: number;
  /** Another worker script (tests: one that hangs or runs out of memory). */
  workerEntry?: URL;
}

export type ExtractOutcome = { ok: true; extraction: Extraction; ms: number } | { ok: false; refusal: RefusalInfo; ms: number };
/** A PDF's cover rendered alone, with the sha256 of the bytes it was drawn from. */
export type CoverOutcome = { ok: true; cover: ExtractedCover; sha256: string; ms: number } | { ok: false; refusal: RefusalInfo; ms: number };
/** A page drawn, and how many the document has. */
export type PageOutcome = { ok: true; pages: number } | { ok: false; refusal: RefusalInfo };
type JobOutcome = ({ ok: true } & JobResult) | { ok: false; refusal: RefusalInfo };

/** An extraction whose pages helpers may share (page-share.ts), as its extractor reports it. */
export interface SharedPages {
  cursor: Int32Array;
  /** The file is open (its page count is in the cursor): helpers may join. */
  opened(): void;
  /** While the job runs, how to hand a helper's pages to it; null once it has ended. */
  attach(handTo: ((handed: HelperPages) => void) | null): void;
}

/** What a job is given beside its task and file. */
interface JobExtras {
  page?: PageJob;
  shared?: SharedPages;
  /** 'help': the cursor of the file the helper joins. */
  cursor?: Int32Array;
}

export class Extractor {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private jobs = 0;
  private nextId = 1;
  private output = '';
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly rssBudgetMb: number;
  private readonly entry: URL;
  private readonly fileOptions: ExtractFileOptions;
  private readonly maxJobsPerWorker: number;

  constructor(options: ExtractorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
    this.rssBudgetMb = options.rssBudgetMb ?? DEFAULT_RSS_BUDGET_MB;
    this.entry = options.workerEntry ?? workerEntry(import.meta.url, 'extract-worker');
    this.fileOptions = { limits: options.limits, cover: options.cover };
    this.maxJobsPerWorker = options.maxJobsPerWorker ?? 50;
  }

  /** Extracts one file (a PDF's pages shared with helpers when `shared` is given); never throws for a bad file, only reports a refusal. */
  async extract(file: string, shared?: SharedPages): Promise<ExtractOutcome> {
    const { outcome, ms } = await this.run('extract', file, { shared, cursor: shared?.cursor });
    return outcome.ok ? { ok: true, extraction: (outcome as { extraction: Extraction }).extraction, ms } : { ...outcome, ms };
  }

  /** Renders a PDF's page 1 alone, under the same limits as an extraction. */
  async cover(file: string): Promise<CoverOutcome> {
    const { outcome, ms } = await this.run('cover', file);
    return outcome.ok ? { ok: true, ...(outcome as { cover: ExtractedCover; sha256: string }), ms } : { ...outcome, ms };
  }

  /** Draws one page of a PDF as a PNG (scan/pdf-pages.ts), under the same limits; the document's page count. */
  async page(file: string, page: PageJob): Promise<PageOutcome> {
    const { outcome } = await this.run('page', file, { page });
    return outcome.ok ? { ok: true, pages: (outcome as { pages: number }).pages } : outcome;
  }

  /** Reads pages of a PDF that another extractor extracts, taking them from its cursor (page-share.ts), under the same limits. */
  async help(file: string, cursor: Int32Array): Promise<HelperPages> {
    const { outcome } = await this.run('help', file, { cursor });
    return outcome.ok ? (outcome as { helped: HelperPages }).helped : { refusal: outcome.refusal };
  }

  /** Runs one job in the worker, within the time, heap and memory limits. */
  private async run(task: WorkerJob['task'], file: string, { page, shared, cursor }: JobExtras = {}): Promise<{ outcome: JobOutcome; ms: number }> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let worker: Worker;
    try {
      worker = await this.ready();
    } catch (error) {
      return { outcome: { ok: false, refusal: refusal('crashed', { key: 'import.detail.workerDidNotStart', params: { error: (error as Error).message } }) }, ms: ms() };
    }
    const id = this.nextId++;
    this.jobs++;
    worker.ref();
    const outcome = await new Promise<JobOutcome>((resolve) => {
      const done = (result: JobOutcome, kill: boolean) => {
        shared?.attach(null);
        clearTimeout(timer);
        clearInterval(watch);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) this.discard(worker);
        resolve(result);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'opened' && reply.id === id) shared?.opened();
        if (reply.type !== 'result' || reply.id !== id) return;
        const { type: _type, id: _id, ...result } = reply;
        done(result, false);
      };
      const onError = (error: Error & { code?: string }) => {
        const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap limit/i.test(error.message);
        done({ ok: false, refusal: oom ? refusal('out-of-memory', `> ${this.memoryMb} MB`) : refusal('crashed', error.message) }, true);
      };
      const onExit = (code: number) => done({ ok: false, refusal: refusal('crashed', { key: 'import.detail.workerExited', params: { code } }) }, true);
      const timer = setTimeout(
        () => done({ ok: false, refusal: refusal('timeout', `> ${Math.round(this.timeoutMs / 100) / 10} s`) }, true),
        this.timeoutMs,
      );
      const gauge = newGauge();
      const budget = this.rssBudgetMb * 1024 * 1024;
      const growth = new ChargedGrowth(gauge, budget, process.memoryUsage.rss());
      const watch = setInterval(() => {
        if (growth.charged(process.memoryUsage.rss()) > budget) done({ ok: false, refusal: refusal('out-of-memory', `> ${this.rssBudgetMb} MB`) }, true);
      }, RSS_CHECK_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, task, file, options: this.fileOptions, ...(page ? { page } : {}), ...(cursor ? { cursor } : {}), gauge } satisfies WorkerJob);
      shared?.attach((handed) => worker.postMessage({ type: 'pages', id, handed } satisfies PagesMessage));
    });
    if (this.worker === worker) {
      if (this.jobs >= this.maxJobsPerWorker) this.discard(worker);
      else worker.unref();
    }
    return { outcome, ms: ms() };
  }

  /** The last lines the worker printed (pdf.js warnings), for diagnostics. */
  get workerOutput(): string {
    return this.output;
  }

  async close(): Promise<void> {
    const worker = this.worker ?? (await this.starting?.catch(() => null)) ?? null;
    this.worker = null;
    this.starting = null;
    if (worker) await worker.terminate();
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    worker.removeAllListeners('message');
    void worker.terminate();
  }

  private ready(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.spawn().finally(() => (this.starting = null));
    return this.starting;
  }

  private spawn(): Promise<Worker> {
    const worker = new Worker(this.entry, {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      // A clean start whatever the parent was launched with (`tsx` puts its loader in execArgv,
      // which would send pdf.js through the TypeScript transform too).
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4096);
    };
    worker.stdout.on('data', keep);
    worker.stderr.on('data', keep);
    // An error after a job finished (or between jobs) must not become an uncaught exception.
    worker.on('error', () => undefined);
    this.jobs = 0;
    return new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`> ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', fail);
        worker.off('exit', onExit);
      };
      const fail = (error: Error) => {
        cleanup();
        void worker.terminate();
        reject(error);
      };
      const onExit = (code: number) => fail(new Error(`exit ${code}: ${this.output.slice(-500)}`));
      const onMessage = (message: WorkerReply) => {
        if (message.type !== 'ready') return;
        cleanup();
        worker.once('exit', () => {
          if (this.worker === worker) this.worker = null;
        });
        this.worker = worker;
        resolve(worker);
      };
      worker.on('message', onMessage);
      worker.on('error', fail);
      worker.on('exit', onExit);
    });
  }
}

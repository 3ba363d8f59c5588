/**
 * A few extractors side by side (extract.ts), so a folder of PDFs uses both cores of a kiosk PC:
 * each job goes to an idle extractor, or waits for one. At most `size` files are in flight, so
 * memory stays bounded by `size` × one file's limits; each extractor starts its worker only when
 * it is first used, so a single file costs one worker as before.
 *
 * The size: two workers at most, one on a single-core PC. Two and not "all cores": the kiosk's
 * searches run in their own threads and must still find a core free often enough, and the
 * import's own thread (hashing, saving, indexing) needs some of the time too.
 */
import os from 'node:os';
import { Extractor } from './extract.js';
import type { CoverOutcome, ExtractOutcome, ExtractorOptions } from './extract.js';

/** How many extraction workers a bulk import uses on this PC. */
export function importWorkers(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}

export interface PoolOptions extends ExtractorOptions {
  /** Extractors side by side (default importWorkers()). */
  workers?: number;
}

export class ExtractorPool {
  readonly size: number;
  private readonly all: Extractor[];
  private readonly idle: Extractor[];
  private readonly waiting: ((extractor: Extractor) => void)[] = [];

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.workers ?? importWorkers());
    this.all = Array.from({ length: this.size }, () => new Extractor(options));
    this.idle = [...this.all];
  }

  extract(file: string): Promise<ExtractOutcome> {
    return this.withExtractor((extractor) => extractor.extract(file));
  }

  cover(file: string): Promise<CoverOutcome> {
    return this.withExtractor((extractor) => extractor.cover(file));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((extractor) => extractor.close()));
  }

  private async withExtractor<T>(job: (extractor: Extractor) => Promise<T>): Promise<T> {
    const extractor = this.idle.pop() ?? (await new Promise<Extractor>((resolve) => this.waiting.push(resolve)));
    try {
      return await job(extractor);
    } finally {
      const next = this.waiting.shift();
      if (next) next(extractor);
      else this.idle.push(extractor);
    }
  }
}

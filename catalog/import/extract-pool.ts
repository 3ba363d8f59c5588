/**
 * A few extractors side by side (extract.ts), so a folder of PDFs uses both cores of a kiosk PC:
 * each job goes to an idle extractor, or waits for one. At most `size` files are in flight, so
 * memory stays bounded by `size` × one file's limits; each extractor starts its worker only when
 * it is first used, so a single file costs one worker as before.
 *
 * A long PDF does not stay on one core: before another file starts, and when none is left
 * (join(), help()), an extractor joins a PDF another extractor is reading, opens the file
 * itself and takes chunks of its pages (page-share.ts), so both workers read the 343-page
 * gazette until its last page.
 * The lead joins the pages in order: the text is the one a single worker makes.
 *
 * The size: two workers at most, one on a single-core PC. Two and not "all cores": the kiosk's
 * searches run in their own threads and must still find a core free often enough, and the
 * import's own thread (hashing, saving, indexing) needs some of the time too.
 */
import os from 'node:os';
import { Extractor } from './extract.js';
import type { CoverOutcome, ExtractOutcome, ExtractorOptions, SharedPages } from './extract.js';
import { MIN_PAGES_TO_HELP, closeCursor, newCursor, untakenPages } from './page-share.js';
import type { HelperPages } from './page-share.js';

/** How many extraction workers a bulk import uses on this PC. */
export function importWorkers(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}

export interface PoolOptions extends ExtractorOptions {
  /** Extractors side by side (default importWorkers()). */
  workers?: number;
}

/** A file being extracted, whose pages helpers may share. */
class Lead implements SharedPages {
  readonly cursor = newCursor();
  private handTo: ((handed: HelperPages) => void) | null = null;

  constructor(
    readonly file: string,
    readonly opened: () => void,
  ) {}

  attach(handTo: ((handed: HelperPages) => void) | null): void {
    this.handTo = handTo;
  }

  /** Hands a helper's pages to the lead's worker (dropped when the lead has ended). */
  hand(handed: HelperPages): void {
    this.handTo?.(handed);
  }
}

export class ExtractorPool {
  readonly size: number;
  private readonly all: Extractor[];
  private readonly idle: Extractor[];
  private readonly waiting: ((extractor: Extractor) => void)[] = [];
  private readonly leads = new Set<Lead>();
  /** Helpers waiting for a lead worth joining, woken when leads start, open or end. */
  private wakers: (() => void)[] = [];

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.workers ?? importWorkers());
    this.all = Array.from({ length: this.size }, () => new Extractor(options));
    this.idle = [...this.all];
  }

  extract(file: string): Promise<ExtractOutcome> {
    return this.withExtractor(async (extractor) => {
      const lead = new Lead(file, () => this.wake());
      this.leads.add(lead);
      try {
        return await extractor.extract(file, lead);
      } finally {
        closeCursor(lead.cursor);
        this.leads.delete(lead);
        this.wake();
      }
    });
  }

  cover(file: string): Promise<CoverOutcome> {
    return this.withExtractor((extractor) => extractor.cover(file));
  }

  /**
   * Joins the PDFs being extracted that have enough pages left untaken (page-share.ts), one after
   * another, until none has (or `signal` aborts); resolves with the number of pages read. The
   * importer calls it before starting a file: a PDF begun is finished sooner, on both cores.
   */
  async join(signal?: AbortSignal): Promise<number> {
    let pages = 0;
    for (let lead = this.leadToJoin(); lead && !signal?.aborted; lead = this.leadToJoin()) {
      const joined = lead;
      pages += await this.withExtractor(async (extractor) => {
        const handed = await extractor.help(joined.file, joined.cursor);
        joined.hand(handed);
        return 'pages' in handed ? handed.pages.length : 0;
      });
    }
    return pages;
  }

  /**
   * join(), and again whenever a PDF being extracted opens, until `until` settles (no more files
   * will start) and every extraction has ended, or `signal` aborts; the pages read.
   */
  async help(until: Promise<unknown>, signal?: AbortSignal): Promise<number> {
    let more = true;
    void until.finally(() => {
      more = false;
      this.wake();
    });
    let pages = 0;
    while (!signal?.aborted && (more || this.leads.size > 0)) {
      pages += await this.join(signal);
      if (!this.leadToJoin() && (more || this.leads.size > 0)) await new Promise<void>((resolve) => this.wakers.push(resolve));
    }
    return pages;
  }

  private leadToJoin(): Lead | undefined {
    return [...this.leads].find((lead) => untakenPages(lead.cursor) >= MIN_PAGES_TO_HELP);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((extractor) => extractor.close()));
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
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

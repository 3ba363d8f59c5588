/**
 * The body of the extraction worker (a worker_threads Worker started by extract.ts): receives
 * one job at a time, runs extractFile (or coverOfFile for a cover alone, drawPdfPage for one
 * page of a scanned PDF, helpWithFile for a helper's part of a PDF another worker extracts) and
 * posts back the extraction, the cover, the page, the pages read, or a refusal. While it
 * extracts a PDF it says when the file is open ('opened'), and takes the pages helpers read as
 * 'pages' messages (page-share.ts). During a job it reports its own memory to the watch in
 * extract.ts (memory-gauge.ts). A crash or an out-of-memory here ends this thread only; the
 * main process sees an 'error' event.
 *
 * How it is loaded: from the TypeScript sources (CLI through tsx, vitest), extract.ts starts
 * extract-worker-tsx.mjs, which registers tsx in the new thread and imports this file; from
 * compiled output (Electron, dist/app/catalog/import/), extract.ts starts extract-worker.js
 * directly. extract.ts imports this module's types, so tsc always emits it next to extract.js.
 */
import { parentPort } from 'node:worker_threads';
import { ImportRefusal, refusal } from './errors.js';
import type { RefusalInfo } from './errors.js';
import { coverOfFile, extractFile, helpWithFile } from './extract-file.js';
import { reportMemory, useGauge } from './memory-gauge.js';
import type { ExtractFileOptions } from './extract-file.js';
import type { HelperPages, PageRead } from './page-share.js';
import type { PageSharing } from './pdf.js';
import type { ExtractedCover, Extraction } from './types.js';
import { drawPdfPage } from '../scan/pdf-page.js';

/** How often a free worker thread reports its memory during a job. */
const GAUGE_TICK_MS = 10;

export interface WorkerJob {
  id: number;
  /** 'extract': the whole file; 'cover': a PDF's page 1 as a picture, nothing else; 'page': one page drawn as a PNG; 'help': pages of a PDF another worker extracts. */
  task: 'extract' | 'cover' | 'page' | 'help';
  file: string;
  options: ExtractFileOptions;
  /** For 'page': which, how finely, and where the PNG goes. */
  page?: PageJob;
  /** For 'extract' and 'help': the shared cursor of the file's pages (page-share.ts). */
  cursor?: Int32Array;
  /** Where the job reports this thread's own memory to the watch (memory-gauge.ts). */
  gauge?: Int32Array;
}

export interface PageJob {
  number: number;
  dpi: number;
  png: string;
}

/** Pages a helper read, for the extraction job `id` in this worker. */
export interface PagesMessage {
  type: 'pages';
  id: number;
  handed: HelperPages;
}

/** What a job found: the extraction, a cover with the sha256 of the bytes it was drawn from, a page drawn (and the document's page count), or a helper's pages. */
export type JobResult = { extraction: Extraction } | { cover: ExtractedCover; sha256: string } | { pages: number } | { helped: { sha256: string; pages: PageRead[] } };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'opened'; id: number; pageCount: number }
  | ({ type: 'result'; id: number; ok: true } & JobResult)
  | { type: 'result'; id: number; ok: false; refusal: RefusalInfo };

/** Pages handed to one extraction job, kept until it takes them; `waiting` when it already waits. */
interface Inbox {
  handed: HelperPages[];
  waiting: ((handed: HelperPages) => void) | null;
}

/** The inboxes of the extraction jobs running here that share their pages, by job id. */
const inboxes = new Map<number, Inbox>();

function deliver(message: PagesMessage): void {
  const inbox = inboxes.get(message.id);
  if (!inbox) return; // the job has finished: it needed no more pages
  if (inbox.waiting) inbox.waiting(message.handed);
  else inbox.handed.push(message.handed);
  inbox.waiting = null;
}

/** The sharing side of extraction job `job`: says when the file is open, takes the pages helpers hand back. */
function sharingFor(job: WorkerJob, post: (reply: WorkerReply) => void): PageSharing | undefined {
  if (!job.cursor) return undefined;
  const inbox: Inbox = { handed: [], waiting: null };
  inboxes.set(job.id, inbox);
  return {
    cursor: job.cursor,
    opened: (pageCount) => post({ type: 'opened', id: job.id, pageCount }),
    fromHelper: () => {
      const next = inbox.handed.shift();
      return next ? Promise.resolve(next) : new Promise((resolve) => (inbox.waiting = resolve));
    },
  };
}

export async function runJob(job: WorkerJob, post: (reply: WorkerReply) => void = () => undefined): Promise<WorkerReply> {
  useGauge(job.gauge ?? null);
  // Between the reports pdf.ts makes, whenever this thread is free (waiting for a helper's pages).
  const ticker = setInterval(reportMemory, GAUGE_TICK_MS);
  try {
    const result: JobResult =
      job.task === 'cover'
        ? await coverOfFile(job.file, job.options)
        : job.task === 'page' && job.page
          ? { pages: await drawPdfPage(job.file, job.page.number, job.page.dpi, job.page.png) }
          : job.task === 'help' && job.cursor
            ? { helped: await helpWithFile(job.file, job.options, job.cursor) }
            : { extraction: await extractFile(job.file, job.options, sharingFor(job, post)) };
    return { type: 'result', id: job.id, ok: true, ...result };
  } catch (error) {
    const refused = error instanceof ImportRefusal ? error.info : refusal('crashed', (error as Error)?.message ?? String(error));
    return { type: 'result', id: job.id, ok: false, refusal: refused };
  } finally {
    clearInterval(ticker);
    useGauge(null);
    inboxes.delete(job.id);
  }
}

if (parentPort) {
  const port = parentPort;
  const post = (reply: WorkerReply) => port.postMessage(reply);
  // pdf.js can leave a stray rejected promise behind on a broken file; it must not end the thread.
  process.on('unhandledRejection', () => undefined);
  port.on('message', (message: WorkerJob | PagesMessage) => {
    if ('type' in message) {
      deliver(message);
      return;
    }
    const job = message;
    void runJob(job, post).then((reply) => {
      try {
        port.postMessage(reply);
      } catch (error) {
        // A result that cannot be cloned must still answer, or the file would wait for the timeout.
        port.postMessage({ type: 'result', id: job.id, ok: false, refusal: refusal('crashed', (error as Error).message) } satisfies WorkerReply);
      }
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

/**
 * The body of the extraction worker (a worker_threads Worker started by extract.ts): receives
 * one job at a time, runs extractFile (or coverOfFile for a cover alone, or drawPdfPage for one
 * page of a scanned PDF) and posts back the extraction, the cover, the page, or a refusal. A crash or
 * an out-of-memory here ends this thread only; the main process sees an 'error' event.
 *
 * How it is loaded: from the TypeScript sources (CLI through tsx, vitest), extract.ts starts
 * extract-worker-tsx.mjs, which registers tsx in the new thread and imports this file; from
 * compiled output (Electron, dist/app/catalog/import/), extract.ts starts extract-worker.js
 * directly. extract.ts imports this module's types, so tsc always emits it next to extract.js.
 */
import { parentPort } from 'node:worker_threads';
import { ImportRefusal, refusal } from './errors.js';
import type { RefusalInfo } from './errors.js';
import { coverOfFile, extractFile } from './extract-file.js';
import type { ExtractFileOptions } from './extract-file.js';
import type { ExtractedCover, Extraction } from './types.js';
import { drawPdfPage } from '../scan/pdf-page.js';

export interface WorkerJob {
  id: number;
  /** 'extract': the whole file; 'cover': a PDF's page 1 as a picture, nothing else; 'page': one page drawn as a PNG. */
  task: 'extract' | 'cover' | 'page';
  file: string;
  options: ExtractFileOptions;
  /** For 'page': which, how finely, and where the PNG goes. */
  page?: PageJob;
}

export interface PageJob {
  number: number;
  dpi: number;
  png: string;
}

/** What a job found: the extraction, a cover with the sha256 of the bytes it was drawn from, or a page drawn (and the document's page count). */
export type JobResult = { extraction: Extraction } | { cover: ExtractedCover; sha256: string } | { pages: number };

export type WorkerReply =
  | { type: 'ready' }
  | ({ type: 'result'; id: number; ok: true } & JobResult)
  | { type: 'result'; id: number; ok: false; refusal: RefusalInfo };

export async function runJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    const result: JobResult =
      job.task === 'cover'
        ? await coverOfFile(job.file, job.options)
        : job.task === 'page' && job.page
          ? { pages: await drawPdfPage(job.file, job.page.number, job.page.dpi, job.page.png) }
          : { extraction: await extractFile(job.file, job.options) };
    return { type: 'result', id: job.id, ok: true, ...result };
  } catch (error) {
    const refused = error instanceof ImportRefusal ? error.info : refusal('crashed', (error as Error)?.message ?? String(error));
    return { type: 'result', id: job.id, ok: false, refusal: refused };
  }
}

if (parentPort) {
  const port = parentPort;
  // pdf.js can leave a stray rejected promise behind on a broken file; it must not end the thread.
  process.on('unhandledRejection', () => undefined);
  port.on('message', (job: WorkerJob) => {
    void runJob(job).then((reply) => {
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

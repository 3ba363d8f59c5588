/**
 * The body of the extraction worker (a worker_threads Worker started by extract.ts): receives
 * one job at a time, runs extractFile and posts back the extraction or a refusal. A crash or
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
import { extractFile } from './extract-file.js';
import type { ExtractFileOptions } from './extract-file.js';
import type { Extraction } from './types.js';

export interface WorkerJob {
  id: number;
  file: string;
  options: ExtractFileOptions;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; extraction: Extraction }
  | { type: 'result'; id: number; ok: false; refusal: RefusalInfo };

export async function runJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    return { type: 'result', id: job.id, ok: true, extraction: await extractFile(job.file, job.options) };
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

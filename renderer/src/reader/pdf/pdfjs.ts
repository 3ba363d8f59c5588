/**
 * pdf.js (modern build, for Chromium and Electron) with its worker from the build (Vite `?url`,
 * same origin, allowed by worker-src 'self'). Importing this module first also defines
 * `globalThis.pdfjsLib`, which pdfjs-dist/web/pdf_viewer.mjs reads when it loads.
 */
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { BundledBinaryDataFactory } from './binary-data.js';
import { drawFirstPageAhead } from './draw-ahead.js';
import { documentOptions } from './options.js';
import { pdfSource } from './range-source.js';
import type { PdfSource } from './range-source.js';

pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

export { pdfjsLib };

let sharedWorker: pdfjsLib.PDFWorker | null = null;

/**
 * One worker for every document this session opens (pdf.js frees a document's data in the worker
 * when the document is destroyed); a new one if it was destroyed, e.g. after a crash.
 */
function worker(): pdfjsLib.PDFWorker {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new pdfjsLib.PDFWorker({ verbosity: 0 });
  return sharedWorker;
}

/** A document being loaded, and where its bytes come from. */
interface Loading {
  task: pdfjsLib.PDFDocumentLoadingTask;
  source: PdfSource;
}

/** Starts loading a PDF with the reader's fixed options (isEvalSupported: false, bounded images, range loading) by ranges (range-source.ts). */
async function load(url: string): Promise<Loading> {
  // The shared worker is asked for first, so it starts (if it has not) while the first chunk is fetched.
  const pdfWorker = worker();
  const source = await pdfSource(url);
  const task = pdfjsLib.getDocument(documentOptions({ source, BinaryDataFactory: BundledBinaryDataFactory, worker: pdfWorker }));
  // Its failure is the reader's to word, if the reader takes it; unread, it is dropped quietly.
  task.promise.catch(() => undefined);
  return { task, source };
}

/** The document of the publication page shown, loaded before "Đọc" is pressed (warm-up.ts); one at a time. */
let early: { url: string; loading: Promise<Loading> } | null = null;

/** Loads `url` now, and draws its page 1 in the background (draw-ahead.ts), for the reader to take when it opens it. */
export function preopenPdf(url: string): void {
  if (early?.url === url) return;
  dropPreopened();
  const loading = load(url);
  loading.catch(() => undefined);
  early = { url, loading };
  void loading.then(({ task }) => drawFirstPageAhead(task)).catch(() => undefined);
}

/** Lets go of a document loaded early and not taken by the reader (the publication page was left for another). */
export function dropPreopened(url?: string): void {
  if (!early || (url !== undefined && early.url !== url)) return;
  void early.loading.then(({ task }) => task.destroy()).catch(() => undefined);
  early = null;
}

/**
 * The loading task of `url`: the one started early for it, or a new one. `onRangeError`: a later
 * range failed (also one that failed before the reader took the task).
 */
export async function openPdf(url: string, onRangeError: (error: unknown) => void): Promise<pdfjsLib.PDFDocumentLoadingTask> {
  const taken = early?.url === url ? early.loading : null;
  if (taken) early = null;
  else dropPreopened();
  // An early load that failed before pdf.js had the file (the station was briefly away) is tried again.
  const { task, source } = await (taken ? taken.catch(() => load(url)) : load(url));
  if ('range' in source) source.range.onError = onRangeError;
  return task;
}

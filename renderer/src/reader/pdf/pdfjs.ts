/**
 * pdf.js (modern build, for Chromium and Electron) with its worker from the build (Vite `?url`,
 * same origin, allowed by worker-src 'self'). Importing this module first also defines
 * `globalThis.pdfjsLib`, which pdfjs-dist/web/pdf_viewer.mjs reads when it loads.
 */
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { BundledBinaryDataFactory } from './binary-data.js';
import { documentOptions } from './options.js';
import { pdfSource } from './range-source.js';

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

/**
 * Starts loading a PDF with the reader's fixed options (isEvalSupported: false, bounded images,
 * range loading) by ranges (range-source.ts). The shared worker is asked for first, so it starts
 * while the first chunk is fetched. `onRangeError`: a later range failed.
 */
export async function openPdf(url: string, onRangeError: (error: unknown) => void): Promise<pdfjsLib.PDFDocumentLoadingTask> {
  const pdfWorker = worker();
  const source = await pdfSource(url, onRangeError);
  return pdfjsLib.getDocument(documentOptions({ source, BinaryDataFactory: BundledBinaryDataFactory, worker: pdfWorker }));
}

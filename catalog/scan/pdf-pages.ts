/**
 * The pages of a PDF a network scanner saved (or a librarian chose), drawn as PNG images at a
 * given resolution, so a scanned PDF joins a batch page by page like any other scan. Each page is
 * drawn in the extraction worker (./pdf-page.ts through catalog/import/extract.ts), one job per
 * page under the worker's heap, memory and time limits: pdf.js and canvas at 300 dpi on an
 * untrusted file never run on the thread that answers the app (in the desktop app, Electron's
 * main thread), and a file that exhausts them fails this batch only.
 */
import path from 'node:path';
import { Extractor } from '../import/extract.js';

/** Time one page may take to draw (a 300 dpi page of a large scan takes a few seconds on an old PC). */
const PAGE_TIMEOUT_MS = 60_000;

/** A page the worker could not draw: the refusal's code and its technical words. */
export class PdfPageError extends Error {}

/** Writes each page of `file` as <outDir>/<stem>-NNNN.png at `dpi`, calling `onPage` after each; the pages drawn. */
export async function renderPdfPages(file: string, outDir: string, dpi: number, onPage: (png: string) => Promise<void>, signal?: AbortSignal): Promise<number> {
  const stem = path.basename(file, path.extname(file)).replace(/[^\w.-]+/g, '_');
  const extractor = new Extractor({ timeoutMs: PAGE_TIMEOUT_MS });
  try {
    let pages = 1;
    for (let number = 1; number <= pages; number++) {
      if (signal?.aborted) return number - 1;
      const png = path.join(outDir, `${stem}-${String(number).padStart(4, '0')}.png`);
      const outcome = await extractor.page(file, { number, dpi, png });
      if (!outcome.ok) {
        const { code, detail } = outcome.refusal;
        throw new PdfPageError(`${code}: ${typeof detail === 'string' ? detail : (detail?.key ?? '')}`);
      }
      pages = outcome.pages;
      await onPage(png);
    }
    return pages;
  } finally {
    await extractor.close();
  }
}

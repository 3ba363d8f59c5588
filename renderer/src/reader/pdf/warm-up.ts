/**
 * Readies the PDF reader while a publication's page is shown, so that "Đọc" goes straight to
 * drawing page 1 (issue 20): the reader's code (its chunk, with pdf.js), pdf.js's worker (a
 * 1.2 MB script to load and compile, kept for the session) and the document itself — fetched by
 * ranges (the whole of a file of up to 16 MB, which pdf.js reads most of before page 1:
 * range-source.ts) and opened by pdf.js (cross-reference and page tree), its page 1 drawn once
 * in the background (draw-ahead.ts), which the reader takes over (pdfjs.ts). Loaded by the
 * publication page with import(), so the page itself stays light. A phone reading over the
 * commune Wi-Fi gets the code only: the file is fetched when she presses "Đọc", not on every
 * publication page she looks at.
 */
import { dropPreopened, preopenPdf } from './pdfjs.js';
import { loadPdfReader } from './reader-module.js';

/** How long a document opened early is kept after its publication page is left, for the reader to take. */
const KEEP_MS = 10_000;

let release: number | undefined;

/** Readies the reader, and `url` unless `codeOnly`; answers what to call when its publication page is left. */
export function warmUpPdfReader(url: string, { codeOnly }: { codeOnly: boolean }): () => void {
  window.clearTimeout(release);
  void loadPdfReader().catch(() => undefined);
  if (codeOnly) return () => undefined;
  preopenPdf(url);
  return () => {
    window.clearTimeout(release);
    release = window.setTimeout(() => dropPreopened(url), KEEP_MS);
  };
}

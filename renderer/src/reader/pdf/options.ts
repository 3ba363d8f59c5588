/**
 * The options the reader passes to pdf.js's getDocument, kept pure so a unit test can check
 * the security-relevant ones (design § security; notes/security.md cases 13 and 14):
 * - isEvalSupported: false, always (CVE-2024-4367: /FontMatrix reaching `new Function`);
 * - maxImageSize: a finite pixel budget, so a giant image is skipped rather than exhausting memory;
 * - enableXfa: false (XFA forms stay inert);
 * - first page first: the bytes come by ranges (range-source.ts), streaming and auto-fetch off,
 *   so pdf.js asks only for what page 1 needs (with streaming or auto-fetch on, the whole file
 *   flows in beside those ranges and, on a slow link, delays page 1); a file of up to 16 MB is
 *   fetched whole at once in a few parallel ranges, as pdf.js reads most of it before page 1;
 * - useWorkerFetch: false, so standard fonts, CMaps and wasm come from the build through
 *   `BinaryDataFactory` (their file names are hashed by Vite; see binary-data.ts).
 */

import type { PDFWorker } from 'pdfjs-dist';
import type { PdfSource } from './range-source.js';

/** 16 million pixels (e.g. 4000 × 4000): more than any scanned A4 page at 300 dpi needs. */
export const MAX_IMAGE_PIXELS = 16 * 1024 * 1024;

/** Largest canvas the viewer draws a page into (CSS zoom takes over beyond it). */
export const MAX_CANVAS_PIXELS = 8 * 1024 * 1024;

/**
 * pdf.js's chunk: 256 KiB (its default is 64). Page 1 of the 343-page gazette needs the file's
 * tail (cross-reference), the page objects pdf.js checks on opening (spread over the file), the
 * page's content and fonts: with small chunks, dozens of round trips one after another.
 */
export const RANGE_CHUNK_SIZE = 256 * 1024;

/** pdf.js's VerbosityLevel.ERRORS: keeps warnings about odd fonts out of the console. */
const VERBOSITY_ERRORS = 0;

export interface DocumentOptionsInput {
  /** The file's bytes by ranges, or whole (range-source.ts). */
  source: PdfSource;
  /** A BinaryDataFactory class (pdf.js instantiates it); omitted in unit tests. */
  BinaryDataFactory?: object;
  /** A pdf.js worker kept between documents (saves starting one per document). */
  worker?: PDFWorker;
}

export function documentOptions({ source, BinaryDataFactory, worker }: DocumentOptionsInput) {
  return {
    ...source,
    isEvalSupported: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    enableXfa: false,
    disableRange: false,
    disableStream: true,
    disableAutoFetch: true,
    rangeChunkSize: RANGE_CHUNK_SIZE,
    withCredentials: false,
    stopAtErrors: false,
    useWorkerFetch: false,
    useSystemFonts: true,
    cMapPacked: true,
    // No cMapUrl / standardFontDataUrl / wasmUrl: with useWorkerFetch false the worker asks the
    // main thread for each file by name, and BinaryDataFactory answers from the build. (A
    // standardFontDataUrl would also make pdf.js emit `url(...)` font sources for system fonts.)
    verbosity: VERBOSITY_ERRORS,
    ...(BinaryDataFactory ? { BinaryDataFactory } : {}),
    ...(worker ? { worker } : {}),
  } as const;
}

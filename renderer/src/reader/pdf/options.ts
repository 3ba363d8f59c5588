/**
 * The options the reader passes to pdf.js's getDocument, kept pure so a unit test can check
 * the security-relevant ones (design § security; notes/security.md cases 13 and 14):
 * - isEvalSupported: false, always (CVE-2024-4367: /FontMatrix reaching `new Function`);
 * - maxImageSize: a finite pixel budget, so a giant image is skipped rather than exhausting memory;
 * - enableXfa: false (XFA forms stay inert);
 * - range and streaming loading on, so the first page of a 343-page gazette shows before the rest arrives;
 * - useWorkerFetch: false, so standard fonts, CMaps and wasm come from the build through
 *   `BinaryDataFactory` (their file names are hashed by Vite; see binary-data.ts).
 */

import type { PDFWorker } from 'pdfjs-dist';

/** 16 million pixels (e.g. 4000 × 4000): more than any scanned A4 page at 300 dpi needs. */
export const MAX_IMAGE_PIXELS = 16 * 1024 * 1024;

/** Largest canvas the viewer draws a page into (CSS zoom takes over beyond it). */
export const MAX_CANVAS_PIXELS = 8 * 1024 * 1024;

/** Range request size: 128 KiB, two of pdf.js's default chunks per request. */
export const RANGE_CHUNK_SIZE = 128 * 1024;

/** pdf.js's VerbosityLevel.ERRORS: keeps warnings about odd fonts out of the console. */
const VERBOSITY_ERRORS = 0;

export interface DocumentOptionsInput {
  url: string;
  /** A BinaryDataFactory class (pdf.js instantiates it); omitted in unit tests. */
  BinaryDataFactory?: object;
  /** A pdf.js worker kept between documents (saves starting one per document). */
  worker?: PDFWorker;
}

export function documentOptions({ url, BinaryDataFactory, worker }: DocumentOptionsInput) {
  return {
    url,
    isEvalSupported: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    enableXfa: false,
    disableRange: false,
    disableStream: false,
    disableAutoFetch: false,
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

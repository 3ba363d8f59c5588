/**
 * The PDF reader's code (its chunk, with pdf.js), loaded once: early by the publication page
 * (warm-up.ts) or when the reader page needs it. Once it is loaded the reader page draws the
 * reader at once: a lazy component suspends on its first render even when its module is
 * already here, and React then holds the reader back until 300 ms after its fallback showed.
 */
import type PdfReader from './PdfReader.js';

type PdfReaderComponent = typeof PdfReader;

let loaded: PdfReaderComponent | null = null;

/** Loads the reader's code (once; later calls answer the same module). */
export async function loadPdfReader(): Promise<PdfReaderComponent> {
  loaded ??= (await import('./PdfReader.js')).default;
  return loaded;
}

/** The reader, if its code is loaded. */
export function loadedPdfReader(): PdfReaderComponent | null {
  return loaded;
}

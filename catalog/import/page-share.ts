/**
 * One PDF's pages shared among extraction workers, so a long gazette keeps both cores busy: the
 * worker that extracts the file (the lead) and any helper that joins it (extract-pool.ts) each
 * open the file themselves and take chunks of pages from a cursor in shared memory, the lowest
 * pages first. A helper hands the texts it read back to the lead through the main process; the
 * lead joins all pages in order, so the text is the one a single worker would have made.
 *
 * The cursor: [0] the next page nobody has taken yet, [1] the page count once the lead has
 * opened the file (0 before, -1 when the lead ended without opening it).
 */
import type { RefusalInfo } from './errors.js';

/** Pages taken at a time: small enough that the workers finish together, large enough to share the cursor rarely. */
export const CHUNK_PAGES = 8;
/** A helper joins only while this many pages are still untaken: it has to read and open the file first. */
export const MIN_PAGES_TO_HELP = 3 * CHUNK_PAGES;

const NEXT = 0;
const COUNT = 1;
/** Past any page count: set when the lead ends, so nobody takes pages any more. */
const CLOSED = 2 ** 30;

export function newCursor(): Int32Array {
  const cursor = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  cursor[NEXT] = 1;
  return cursor;
}

/** The lead has opened the file: helpers may take pages from now on. */
export function setPageCount(cursor: Int32Array, pageCount: number): void {
  Atomics.store(cursor, COUNT, pageCount);
}

/** The next chunk of pages to read (1-based, inclusive), or null when every page is taken. */
export function takePages(cursor: Int32Array, pageCount: number): { from: number; to: number } | null {
  const from = Atomics.add(cursor, NEXT, CHUNK_PAGES);
  return from > pageCount ? null : { from, to: Math.min(pageCount, from + CHUNK_PAGES - 1) };
}

/** Pages nobody has taken yet (0 until the lead has opened the file). */
export function untakenPages(cursor: Int32Array): number {
  const count = Atomics.load(cursor, COUNT);
  return count > 0 ? Math.max(0, count - Atomics.load(cursor, NEXT) + 1) : 0;
}

/** The lead ended: no page is handed out any more. */
export function closeCursor(cursor: Int32Array): void {
  Atomics.store(cursor, NEXT, CLOSED);
}

/** One page as a worker read it: its text, or why pdf.js could not read it. */
export type PageRead = { page: number; text: string } | { page: number; error: string };

/** What a helper hands to the lead: the pages it read and the sha256 of the bytes it read them from, or why it stopped. */
export type HelperPages = { sha256: string; pages: PageRead[] } | { refusal: RefusalInfo };

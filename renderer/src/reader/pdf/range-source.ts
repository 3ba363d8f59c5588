/**
 * Where pdf.js gets a PDF's bytes: a PDFDataRangeTransport, in the desktop app and in a browser
 * alike. Given an `app://` URL pdf.js would read the whole file with one request before drawing
 * anything (issue 18 item 7); given an http(s) URL it asks for ranges only once its worker has
 * started, and then chunk by chunk. Here the first chunk is fetched before pdf.js's worker is
 * asked for anything, and every range with a `Range` header, which the app:// handler answers
 * with 206 like the HTTP server (electron/app-protocol.ts).
 *
 * A file of up to EAGER_BYTES is fetched whole after its first chunk, in a few parallel ranges,
 * its tail (the cross-reference) first: pdf.js reads every page object of a flat page tree — the usual shape of
 * a gazette or a law exported from Word — before it hands over page 1 (its checkFirstPage fetches
 * all the top-level kids at once, in reverse order, and checkLastPage walks to the last one), and
 * those objects are spread over the whole file: asked for chunk by chunk they cost a round trip
 * each (issue 20: 10 requests for 3.2 MB of the 343-page gazette's 3.4 MB). A larger file is
 * fetched as pdf.js asks, read ahead.
 *
 * A server that answers the first request with the whole file (200) gets the bytes handed over
 * as they are; a refusal (404, 500) becomes the error pdf.js itself would raise
 * (`ResponseException`), so the reader words it the same way (errors.ts).
 */
import { PDFDataRangeTransport } from 'pdfjs-dist';
import { RANGE_CHUNK_SIZE } from './options.js';

export type PdfSource = { range: FetchRangeTransport } | { data: Uint8Array };

/** Files up to this size are fetched whole as soon as they are opened (see above). */
export const EAGER_BYTES = 16 * 1024 * 1024;

/** Bytes per range request: of a file fetched whole, and at least per request of a larger one (a multiple of RANGE_CHUNK_SIZE). */
const PIECE = 4 * RANGE_CHUNK_SIZE;

/** The error pdf.js raises for a refused request, by name (its class is not exported). */
class ResponseError extends Error {
  override name = 'ResponseException';
}

/** Bytes [start, stop) of the file, fetched or being fetched. */
interface Span {
  start: number;
  stop: number;
  bytes: Promise<Uint8Array>;
}

/** Ranges fetched with a `Range` header; pdf.js asks for [begin, end) and takes a longer answer (to a chunk boundary or the file's end). */
export class FetchRangeTransport extends PDFDataRangeTransport {
  private readonly controller = new AbortController();
  /** Every range fetched or being fetched, so none is fetched twice. */
  private readonly spans: Span[] = [];
  /** Told when a range pdf.js asked for could not be fetched: the reader that uses this transport, once it does. */
  private listener: ((error: unknown) => void) | null = null;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly url: string,
    length: number,
    initialData: Uint8Array,
  ) {
    super(length, initialData);
    if (length > EAGER_BYTES) return;
    const starts: number[] = [];
    for (let start = initialData.length; start < length; start += PIECE) starts.push(start);
    // The tail first: pdf.js starts from the cross-reference at the end of the file.
    for (const start of [...starts.slice(-1), ...starts.slice(0, -1)]) this.fetchSpan(start, Math.min(length, start + PIECE)).bytes.catch(() => undefined);
  }

  override requestDataRange(begin: number, end: number): void {
    // The spans that hold [begin, end), and the gaps between them fetched now (the last one read ahead).
    const parts: Span[] = [];
    for (let at = begin; at < end; ) {
      const held = this.spans.find((span) => span.start <= at && span.stop > at);
      if (held) {
        parts.push(held);
        at = held.stop;
        continue;
      }
      const next = Math.min(this.length, ...this.spans.filter((span) => span.start > at).map((span) => span.start));
      const gap = this.fetchSpan(at, Math.min(next, Math.max(end, at + PIECE)));
      parts.push(gap);
      at = gap.stop;
    }
    Promise.all(parts.map((part) => part.bytes))
      .then((all) => this.onDataRange(begin, joined(all, begin - parts[0].start)))
      .catch((error: unknown) => {
        if (this.controller.signal.aborted) return;
        this.failure ??= { error };
        this.listener?.(error);
      });
  }

  /** Who is told of a range that could not be fetched (also of one that failed before). */
  set onError(listener: (error: unknown) => void) {
    this.listener = listener;
    if (this.failure) listener(this.failure.error);
  }

  override abort(): void {
    this.controller.abort();
  }

  private fetchSpan(start: number, stop: number): Span {
    const bytes = fetchRange(this.url, start, stop, this.controller.signal).then(async (response) => {
      const data = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 206 || data.length !== stop - start) throw new ResponseError(`HTTP ${response.status}: ${data.length} bytes for ${stop - start}`);
      return data;
    });
    const span = { start, stop, bytes };
    this.spans.push(span);
    return span;
  }
}

/** The parts one after another, from `skip` bytes into the first. */
function joined(parts: Uint8Array[], skip: number): Uint8Array {
  if (parts.length === 1) return parts[0].subarray(skip);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0) - skip);
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const from = i === 0 ? part.subarray(skip) : part;
    out.set(from, at);
    at += from.length;
  }
  return out;
}

async function fetchRange(url: string, begin: number, end: number, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(url, { headers: { Range: `bytes=${begin}-${end - 1}` }, signal, credentials: 'same-origin' });
  if (!response.ok) throw new ResponseError(`HTTP ${response.status}`);
  return response;
}

/** The source for `url`: a range transport opened with the first chunk, or the whole file when the server sent it whole. */
export async function pdfSource(url: string): Promise<PdfSource> {
  const first = await fetchRange(url, 0, RANGE_CHUNK_SIZE);
  const bytes = new Uint8Array(await first.arrayBuffer());
  const total = Number(/\/(\d+)$/.exec(first.headers.get('Content-Range') ?? '')?.[1]);
  if (first.status !== 206 || !Number.isSafeInteger(total)) return { data: bytes };
  return { range: new FetchRangeTransport(url, total, bytes) };
}

/**
 * Where pdf.js gets a PDF's bytes: a PDFDataRangeTransport, in the desktop app and in a browser
 * alike. Given an `app://` URL pdf.js would read the whole file with one request before drawing
 * anything (issue 18 item 7); given an http(s) URL it asks for ranges only once its worker has
 * started, and then chunk by chunk. Here the first chunk is fetched at once — while pdf.js's
 * worker is still starting — and every further range with a `Range` header, read ahead, which
 * the app:// handler answers with 206 like the HTTP server (electron/app-protocol.ts). On the
 * 343-page gazette over loopback (bench, tests/bench/ui.ts): page 1 in ~0.95 s, against ~1.3 s
 * with pdf.js fetching the ranges itself and ~1.2 s with it streaming the whole file.
 *
 * A server that answers the first request with the whole file (200) gets the bytes handed over
 * as they are; a refusal (404, 500) becomes the error pdf.js itself would raise
 * (`ResponseException`), so the reader words it the same way (errors.ts).
 */
import { PDFDataRangeTransport } from 'pdfjs-dist';
import { RANGE_CHUNK_SIZE } from './options.js';

export type PdfSource = { range: PDFDataRangeTransport } | { data: Uint8Array };

/** Bytes fetched at least per range request: four chunks (a multiple of RANGE_CHUNK_SIZE). */
const READ_AHEAD = 4 * RANGE_CHUNK_SIZE;

/** The error pdf.js raises for a refused request, by name (its class is not exported). */
class ResponseError extends Error {
  override name = 'ResponseException';
}

/** Ranges fetched with a `Range` header; pdf.js asks for [begin, end). */
export class FetchRangeTransport extends PDFDataRangeTransport {
  private readonly controller = new AbortController();
  /** Every range fetched or being fetched, so a read-ahead is neither fetched twice nor overlapped. */
  private readonly fetched: { start: number; stop: number; bytes: Promise<Uint8Array> }[] = [];

  constructor(
    private readonly url: string,
    length: number,
    initialData: Uint8Array,
    private readonly onError: (error: unknown) => void,
  ) {
    super(length, initialData);
  }

  override requestDataRange(begin: number, end: number): void {
    // pdf.js asks chunk by chunk, one after another while it walks a page tree spread over the
    // file; reading ahead turns a dozen round trips into a few. pdf.js takes a longer answer
    // for a range (it starts where asked and ends on a chunk boundary or the file's end).
    const covering = this.fetched.find((range) => range.start <= begin && range.stop >= end);
    let start = begin;
    let bytes: Promise<Uint8Array>;
    if (covering) {
      start = covering.start;
      bytes = covering.bytes;
    } else {
      let stop = Math.min(this.length, Math.max(end, begin + READ_AHEAD));
      for (const range of this.fetched) if (range.start >= end && range.start < stop) stop = range.start;
      bytes = fetchRange(this.url, begin, stop, this.controller.signal).then(async (response) => new Uint8Array(await response.arrayBuffer()));
      this.fetched.push({ start: begin, stop, bytes });
    }
    bytes
      .then((data) => this.onDataRange(begin, data.subarray(begin - start)))
      .catch((error: unknown) => {
        if (!this.controller.signal.aborted) this.onError(error);
      });
  }

  override abort(): void {
    this.controller.abort();
  }
}

async function fetchRange(url: string, begin: number, end: number, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(url, { headers: { Range: `bytes=${begin}-${end - 1}` }, signal, credentials: 'same-origin' });
  if (!response.ok) throw new ResponseError(`HTTP ${response.status}`);
  return response;
}

/** The source for `url`: a range transport opened with the first chunk, or the whole file when the server sent it whole. */
export async function pdfSource(url: string, onError: (error: unknown) => void): Promise<PdfSource> {
  const first = await fetchRange(url, 0, RANGE_CHUNK_SIZE);
  const bytes = new Uint8Array(await first.arrayBuffer());
  const total = Number(/\/(\d+)$/.exec(first.headers.get('Content-Range') ?? '')?.[1]);
  if (first.status !== 206 || !Number.isSafeInteger(total)) return { data: bytes };
  return { range: new FetchRangeTransport(url, total, bytes, onError) };
}

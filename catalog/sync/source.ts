/**
 * Where a station reads a feed from (docs/feed.md): a folder (a USB drive) or an http(s) URL.
 * Only feed paths are accepted (root.json, signatures/, pages/, snapshots/, files/), and a folder
 * source never reads outside its folder, symlinks included. HTTP reads time out when the server
 * goes quiet; a non-2xx answer is an error. Nothing here is trusted: the caller verifies.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

const FEED_PATH = /^(root\.json|(signatures|pages)\/[0-9a-f]{64}\.json|snapshots\/[0-9a-f]{64}\.jsonl|files\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

/** A read that failed; `notFound` when the source answered that the path does not exist. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

/** A resumed read whose answer cannot continue the bytes already on disk (416, wrong Content-Range): start over. */
export class RangeMismatchError extends SourceError {}

export interface RangeRead {
  /** The offset the body starts at: the requested start, or 0 when the source sent the whole file. */
  start: number;
  body: AsyncIterable<Uint8Array>;
}

export interface FeedSource {
  readonly location: string;
  /** The whole document, refused when longer than `maxBytes`. */
  read(feedPath: string, maxBytes: number): Promise<Uint8Array>;
  /** A file from `start` on (a Range request over HTTP); `signal` stops the request and its body. */
  readRange(feedPath: string, start: number, signal?: AbortSignal): Promise<RangeRead>;
}

function checkPath(feedPath: string): string {
  if (!FEED_PATH.test(feedPath)) throw new SourceError(`Đường dẫn không hợp lệ trong nguồn cấp / Not a feed path: ${feedPath.slice(0, 200)}`);
  return feedPath;
}

const tooLarge = (feedPath: string, maxBytes: number) =>
  new SourceError(`Tài liệu quá lớn / Document larger than ${maxBytes} bytes: ${feedPath}`);

export class FolderSource implements FeedSource {
  readonly location: string;

  constructor(folder: string) {
    this.location = path.resolve(folder);
  }

  private async resolve(feedPath: string): Promise<string> {
    const file = path.join(this.location, ...checkPath(feedPath).split('/'));
    let real: string;
    let base: string;
    try {
      [real, base] = await Promise.all([fs.realpath(file), fs.realpath(this.location)]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(`Không tìm thấy / Not found: ${feedPath} (${code})`, code === 'ENOENT');
    }
    if (!real.startsWith(base + path.sep)) throw new SourceError(`Đường dẫn ra ngoài thư mục nguồn / Path escapes the source folder: ${feedPath}`);
    return real;
  }

  async read(feedPath: string, maxBytes: number): Promise<Uint8Array> {
    const file = await this.resolve(feedPath);
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new SourceError(`Không phải tệp / Not a file: ${feedPath}`, true);
    if (stat.size > maxBytes) throw tooLarge(feedPath, maxBytes);
    return fs.readFile(file);
  }

  async readRange(feedPath: string, start: number, signal?: AbortSignal): Promise<RangeRead> {
    const file = await this.resolve(feedPath);
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new SourceError(`Không phải tệp / Not a file: ${feedPath}`, true);
    if (start > stat.size) throw new RangeMismatchError(`Vị trí tiếp tục vượt quá tệp / Resume offset past the end: ${feedPath}`);
    return { start, body: createReadStream(file, { start, signal }) };
  }
}

export interface HttpSourceOptions {
  /** Abort when no byte arrives for this long (connecting included). */
  idleTimeoutMs?: number;
  /** Abort a request (body included) that takes longer than this in all, however slowly bytes trickle in. */
  totalTimeoutMs?: number;
}

/** Yields a response body, aborting when it stays silent longer than the idle timeout. */
async function* withIdleTimeout(body: ReadableStream<Uint8Array>, controller: AbortController, restart: () => void, stop: () => void): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      restart();
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    stop();
    reader.releaseLock();
    if (!controller.signal.aborted) controller.abort();
  }
}

export class HttpSource implements FeedSource {
  readonly location: string;
  private readonly idleTimeoutMs: number;
  private readonly totalTimeoutMs: number;

  constructor(url: string, options: HttpSourceOptions = {}) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new SourceError(`Chỉ hỗ trợ http(s) / Only http(s) URLs: ${url}`);
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    parsed.search = '';
    parsed.hash = '';
    this.location = parsed.toString();
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.totalTimeoutMs = options.totalTimeoutMs ?? 6 * 3_600_000;
  }

  private async get(feedPath: string, headers: Record<string, string>, signal?: AbortSignal) {
    const url = new URL(checkPath(feedPath), this.location);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const total = setTimeout(
      () => controller.abort(new SourceError(`Quá tổng thời gian cho phép / Took longer than ${this.totalTimeoutMs} ms in all: ${url}`)),
      this.totalTimeoutMs,
    );
    total.unref();
    const stop = () => {
      clearTimeout(timer);
      clearTimeout(total);
      signal?.removeEventListener('abort', onAbort);
    };
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new SourceError(`Hết thời gian chờ / Timed out: ${url}`)), this.idleTimeoutMs);
    };
    restart();
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: controller.signal });
    } catch (error) {
      stop();
      throw new SourceError(`Không kết nối được / Request failed: ${url} (${(error as Error).message})`);
    }
    const body = response.body ? withIdleTimeout(response.body, controller, restart, stop) : (stop(), (async function* () {})());
    return { response, body, url, cancel: () => { stop(); controller.abort(); } };
  }

  async read(feedPath: string, maxBytes: number): Promise<Uint8Array> {
    const { response, body, url, cancel } = await this.get(feedPath, {});
    if (!response.ok) {
      cancel();
      throw new SourceError(`Máy chủ trả lời ${response.status} / Server answered ${response.status}: ${url}`, response.status === 404 || response.status === 410);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) {
        cancel();
        throw tooLarge(feedPath, maxBytes);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async readRange(feedPath: string, start: number, signal?: AbortSignal): Promise<RangeRead> {
    const { response, body, url, cancel } = await this.get(feedPath, start > 0 ? { Range: `bytes=${start}-` } : {}, signal);
    if (response.status === 200) return { start: 0, body };
    if (response.status === 206) {
      const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
      if (!match || Number(match[1]) !== start) {
        cancel();
        throw new RangeMismatchError(`Content-Range không khớp / Content-Range does not match ${start}: ${url}`);
      }
      return { start, body };
    }
    cancel();
    if (response.status === 416) throw new RangeMismatchError(`Máy chủ từ chối đoạn / Server refused the range (416): ${url}`);
    throw new SourceError(`Máy chủ trả lời ${response.status} / Server answered ${response.status}: ${url}`, response.status === 404 || response.status === 410);
  }
}

/** A source for a location: an http(s) URL, else a folder. */
export function openSource(location: string, options: HttpSourceOptions = {}): FeedSource {
  return /^https?:\/\//i.test(location) ? new HttpSource(location, options) : new FolderSource(location);
}

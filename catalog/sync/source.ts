/**
 * Where a station reads a feed from (docs/feed.md): a folder (a USB drive) or an http(s) URL.
 * Only feed paths are accepted (root.json, signatures/, pages/, snapshots/, thesaurus/, files/,
 * texts/), and a folder source never reads outside its folder, symlinks included. HTTP runs on node:http/https
 * with one keep-alive agent per source and 1 MiB response buffers; it follows up to five redirects
 * (http(s) only, never from https down to http), times out when the server goes quiet, when a
 * body trickles below a minimum rate for a whole window, or when a request lasts too long in all;
 * a non-2xx answer is an error. Nothing here is trusted: the caller verifies.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { MessageRef } from '../../shared/messages.js';
import { SyncError, systemErrorRef } from './errors.js';

const FEED_PATH = /^(root\.json|(signatures|pages)\/[0-9a-f]{64}\.json|snapshots\/[0-9a-f]{64}\.jsonl|thesaurus\/[0-9a-f]{64}\.txt|(files|texts)\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

/** A read that failed, and why by reference; `notFound` when the source answered that the path does not exist. */
export class SourceError extends SyncError {
  constructor(
    ref: MessageRef,
    readonly notFound = false,
    /** The document is larger than the reader allowed. */
    readonly tooLarge = false,
  ) {
    super(ref);
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
  if (!FEED_PATH.test(feedPath)) throw new SourceError({ key: 'sync.notFeedPath', params: { path: feedPath.slice(0, 200) } });
  return feedPath;
}

const tooLarge = (feedPath: string, maxBytes: number) => new SourceError({ key: 'sync.documentTooLarge', params: { max: maxBytes, path: feedPath } }, false, true);

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
      throw new SourceError({ key: 'sync.notFound', params: { path: feedPath, code: String(code) } }, code === 'ENOENT');
    }
    if (!real.startsWith(base + path.sep)) throw new SourceError({ key: 'sync.pathEscapes', params: { path: feedPath } });
    return real;
  }

  async read(feedPath: string, maxBytes: number): Promise<Uint8Array> {
    const file = await this.resolve(feedPath);
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new SourceError({ key: 'sync.notAFile', params: { path: feedPath } }, true);
    if (stat.size > maxBytes) throw tooLarge(feedPath, maxBytes);
    return fs.readFile(file);
  }

  async readRange(feedPath: string, start: number, signal?: AbortSignal): Promise<RangeRead> {
    const file = await this.resolve(feedPath);
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new SourceError({ key: 'sync.notAFile', params: { path: feedPath } }, true);
    if (start > stat.size) throw new RangeMismatchError({ key: 'sync.resumePastEnd', params: { path: feedPath } });
    return { start, body: createReadStream(file, { start, signal }) };
  }
}

export interface HttpSourceOptions {
  /** Abort when no byte arrives for this long (connecting included). */
  idleTimeoutMs?: number;
  /** Abort a request (body included) that takes longer than this in all, however slowly bytes trickle in. */
  totalTimeoutMs?: number;
  /** A body that brings fewer bytes per second than this over a whole `slowWindowMs` is cut (retried later). */
  minBytesPerSecond?: number;
  slowWindowMs?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/** Idle keep-alive sockets close after this, before a server's usual 5 s keep-alive timeout closes them under a request. */
const FREE_SOCKET_MS = 4_000;
/** Bytes a response buffers before the socket pauses: large, so a busy reader costs few pause/resume turns. */
const RESPONSE_BUFFER = 1 << 20;

/** Where a redirect from `from` leads: an http(s) URL, never from https down to http. */
export function redirectTarget(from: URL, location: string | undefined): URL {
  const target = location === undefined ? null : URL.parse(location, from.href);
  if (!target) throw new SourceError({ key: 'sync.redirectWithoutLocation', params: { from: String(from) } });
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new SourceError({ key: 'sync.redirectNotHttp', params: { from: String(from), to: target.protocol } });
  if (from.protocol === 'https:' && target.protocol === 'http:') throw new SourceError({ key: 'sync.redirectDowngrade', params: { from: String(from), to: String(target) } });
  return target;
}

/** A response with its status (after redirects), headers and body. */
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
  url: URL;
}

const serverAnswered = (status: number, url: URL) => new SourceError({ key: 'sync.serverAnswered', params: { status, url: String(url) } }, status === 404 || status === 410);

export class HttpSource implements FeedSource {
  readonly location: string;
  private readonly idleTimeoutMs: number;
  private readonly totalTimeoutMs: number;
  private readonly minBytesPerSecond: number;
  private readonly slowWindowMs: number;
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(url: string, options: HttpSourceOptions = {}) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new SourceError({ key: 'sync.httpOnly', params: { url } });
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    parsed.search = '';
    parsed.hash = '';
    this.location = parsed.toString();
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.totalTimeoutMs = options.totalTimeoutMs ?? 6 * 3_600_000;
    this.minBytesPerSecond = options.minBytesPerSecond ?? 2048;
    this.slowWindowMs = options.slowWindowMs ?? 60_000;
    // highWaterMark reaches each net.Socket the agent opens (Node ≥ 20.1), and a response takes its socket's.
    const agent: http.AgentOptions & { highWaterMark: number } = { keepAlive: true, timeout: FREE_SOCKET_MS, highWaterMark: RESPONSE_BUFFER };
    this.agents = { 'http:': new http.Agent(agent), 'https:': new https.Agent(agent) };
  }

  /**
   * GETs `feedPath`, following redirects. The idle timeout is the socket's (connecting included),
   * the total one a timer that ends the response too; either, or `signal`, destroys the request
   * or the response with its reason, which the body's reader then gets.
   */
  private async get(feedPath: string, headers: http.OutgoingHttpHeaders, signal?: AbortSignal): Promise<Answer> {
    let url = new URL(checkPath(feedPath), this.location);
    let current: http.ClientRequest | http.IncomingMessage | null = null;
    const fail = (error: unknown) => current?.destroy(error as Error);
    const onAbort = () => fail(signal?.reason);
    const total = setTimeout(() => fail(new SourceError({ key: 'sync.tookTooLong', params: { ms: this.totalTimeoutMs, url: String(url) } })), this.totalTimeoutMs);
    total.unref();
    const stop = () => {
      clearTimeout(total);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let hop = 0; ; hop += 1) {
        signal?.throwIfAborted();
        const res = await this.send(url, headers, (req) => {
          current = req;
          req.once('timeout', () => fail(new SourceError({ key: 'sync.timedOut', params: { url: String(url) } })));
        });
        current = res;
        if (REDIRECTS.has(res.statusCode ?? 0) && hop < MAX_REDIRECTS) {
          res.resume(); // the socket goes back to the pool once the body is drained
          url = redirectTarget(url, res.headers.location);
          continue;
        }
        if (REDIRECTS.has(res.statusCode ?? 0)) {
          res.destroy();
          throw new SourceError({ key: 'sync.tooManyRedirects', params: { max: MAX_REDIRECTS, url: String(url) } });
        }
        const watch = this.watchRate(res, url);
        res.once('close', () => {
          clearInterval(watch);
          stop();
        });
        return { status: res.statusCode ?? 0, headers: res.headers, body: res, url };
      }
    } catch (error) {
      stop();
      if (signal?.aborted) throw signal.reason;
      if (error instanceof SourceError) throw error;
      throw new SourceError(systemErrorRef(error, 'sync.requestFailed', String(url)));
    }
  }

  /**
   * Cuts a body that trickles: every window, the bytes its socket read in that window must reach
   * the minimum rate (one request at a time uses a kept-alive socket, so the count is this body's).
   */
  private watchRate(res: http.IncomingMessage, url: URL): NodeJS.Timeout {
    let last = res.socket?.bytesRead ?? 0;
    const floor = (this.minBytesPerSecond * this.slowWindowMs) / 1000;
    const timer = setInterval(() => {
      if (res.complete) return clearInterval(timer); // every byte arrived; the reader takes its time
      const read = res.socket?.bytesRead ?? last;
      if (read - last < floor) {
        clearInterval(timer);
        res.destroy(new SourceError({ key: 'feed.tooSlow', params: { rate: this.minBytesPerSecond, seconds: Math.round(this.slowWindowMs / 1000), url: String(url) } }));
      }
      last = read;
    }, this.slowWindowMs);
    timer.unref();
    return timer;
  }

  /** One request, which `started` sees first; retried once on a kept-alive socket the server had closed meanwhile. */
  private send(url: URL, headers: http.OutgoingHttpHeaders, started: (req: http.ClientRequest) => void, retry = true): Promise<http.IncomingMessage> {
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    const request = protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(url, { headers, agent: this.agents[protocol], timeout: this.idleTimeoutMs });
      started(req);
      let answered = false;
      req.once('response', (res) => {
        answered = true;
        resolve(res);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return; // once there is a response, its body's reader gets the failure
        answered = true;
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') resolve(this.send(url, headers, started, false));
        else reject(error);
      });
      req.end();
    });
  }

  async read(feedPath: string, maxBytes: number): Promise<Uint8Array> {
    const { status, headers, body, url } = await this.get(feedPath, {});
    if (status < 200 || status > 299) {
      body.destroy();
      throw serverAnswered(status, url);
    }
    if (Number(headers['content-length'] ?? 0) > maxBytes) {
      body.destroy();
      throw tooLarge(feedPath, maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(feedPath, maxBytes);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }

  async readRange(feedPath: string, start: number, signal?: AbortSignal): Promise<RangeRead> {
    const { status, headers, body, url } = await this.get(feedPath, start > 0 ? { Range: `bytes=${start}-` } : {}, signal);
    if (status === 200) return { start: 0, body };
    if (status === 206) {
      const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(headers['content-range'] ?? '');
      if (match && Number(match[1]) === start) return { start, body };
      body.destroy();
      throw new RangeMismatchError({ key: 'sync.rangeMismatch', params: { start, url: String(url) } });
    }
    body.destroy();
    if (status === 416) throw new RangeMismatchError({ key: 'sync.rangeRefused', params: { url: String(url) } });
    throw serverAnswered(status, url);
  }
}

/** A source for a location: an http(s) URL, else a folder. */
export function openSource(location: string, options: HttpSourceOptions = {}): FeedSource {
  return /^https?:\/\//i.test(location) ? new HttpSource(location, options) : new FolderSource(location);
}

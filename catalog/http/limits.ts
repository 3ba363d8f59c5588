/**
 * Limits that keep one client on the commune LAN from starving the others (and the kiosk):
 * a token bucket per remote address and one for the whole LAN (429 + Retry-After; the kiosk's
 * own loopback calls are exempt, a loopback reverse proxy's are not: ./remote-client.ts; what
 * each call costs is budgeted by ./work-budget.ts), a bound on the number of request headers (431), Range headers with more than one
 * part refused before any file is looked up (416), and the Node server's own bounds on header
 * size and on how long a client may take to send its request (slowloris). Each refusal carries
 * the usual error envelope in the caller's language (Vietnamese unless it asks for English).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { bilingual } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';
import { refusalResponse } from './headers.js';
import { isStationAddress, remoteClient } from './remote-client.js';

export interface HttpLimits {
  /** Requests per second a client's bucket refills with. */
  ratePerSecond: number;
  /** Requests a client may make at once before the rate applies. */
  burst: number;
  /** Requests per second all the LAN's clients together may make (many addresses, one flood)… */
  lanRatePerSecond: number;
  /** …and at once before that rate applies. */
  lanBurst: number;
  /** Addresses never rate-limited (by default the station itself: 127.0.0.1 and ::1). */
  isExempt: (address: string) => boolean;
  /** Request headers a client may send; more is 431. */
  maxHeaderCount: number;
  /** Bytes of request line and headers together (Node's parser refuses more with 431). */
  maxHeaderBytes: number;
  /** Longest Range header read at all; anything longer (or with a second part) is 416. */
  maxRangeHeaderBytes: number;
  /** Time a client has to send its headers (slowloris). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request, body included. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  ratePerSecond: 20,
  burst: 60,
  lanRatePerSecond: 200,
  lanBurst: 400,
  isExempt: isStationAddress,
  maxHeaderCount: 64,
  maxHeaderBytes: 16 * 1024,
  maxRangeHeaderBytes: 200,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** Buckets kept at most; beyond it idle ones are dropped (and, if still too many, all). */
const MAX_TRACKED_CLIENTS = 10_000;

/** A token bucket per client key. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when the request may go ahead (`cost` tokens are taken), else whole seconds to wait. */
  take(key: string, cost = 1): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_CLIENTS) this.prune(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.ratePerSecond));
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    const refillMs = (this.burst / this.ratePerSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refillMs) this.buckets.delete(key);
    if (this.buckets.size >= MAX_TRACKED_CLIENTS) this.buckets.clear();
  }
}

/** 429 with the usual envelope: wait this many seconds. */
export function rateLimitedResponse(request: Request, waitSeconds: number): Response {
  return refusalResponse(request, 429, 'bad_request', { key: 'http.tooManyRequests' }, { 'Retry-After': String(waitSeconds) });
}

/**
 * Checks a request before the app sees it: a Response refuses it, null lets it through. Order:
 * the rate limit first (cheapest, and counts refused requests too), then headers, then Range.
 */
export function createRequestGuard(limits: HttpLimits): (request: Request, incoming: IncomingMessage) => Response | null {
  const limiter = new RateLimiter(limits.ratePerSecond, limits.burst);
  const lan = new RateLimiter(limits.lanRatePerSecond, limits.lanBurst);
  return (request, incoming) => {
    const client = remoteClient(incoming.socket.remoteAddress, request.headers.get('x-forwarded-for'));
    if (client.proxied || !limits.isExempt(client.key)) {
      const wait = limiter.take(client.key) || lan.take('lan');
      if (wait > 0) return rateLimitedResponse(request, wait);
    }
    if (incoming.rawHeaders.length / 2 > limits.maxHeaderCount) {
      return refusalResponse(request, 431, 'bad_request', { key: 'http.tooManyHeaders' }, { Connection: 'close' });
    }
    const range = request.headers.get('range');
    // Only single ranges are served: a second part (or a long header) is refused without parsing it.
    if (range !== null && (range.length > limits.maxRangeHeaderBytes || range.includes(','))) {
      return refusalResponse(request, 416, 'bad_request', { key: 'http.oneRange' });
    }
    return null;
  };
}

function rawErrorResponse(status: number, reason: string, ref: MessageRef): string {
  const body = JSON.stringify({ ok: false, error: { code: 'bad_request', message: bilingual(ref), key: ref.key } });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Node's answer to a request its parser refused (headers too large, too slow, malformed), with
 * the error envelope in both languages (no headers were read, so no Accept-Language either).
 * Like Node's default, it answers only when nothing was written yet, then closes the socket.
 */
export function onClientError(error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }): void {
  if (error.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
    socket.destroy();
    return;
  }
  const response =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? rawErrorResponse(431, 'Request Header Fields Too Large', { key: 'http.headersTooLarge' })
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawErrorResponse(408, 'Request Timeout', { key: 'http.tooSlow' })
        : rawErrorResponse(400, 'Bad Request', { key: 'error.bad_request' });
  socket.write(response, () => socket.destroy());
  // A client that does not read cannot hold the socket open either.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

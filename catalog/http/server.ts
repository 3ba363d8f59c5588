/**
 * The built-in HTTP server: the contract's methods as `POST /api/<method>` routes (built from
 * the same table as the IPC bindings), the file handler and the UI. It answers only to the
 * host names it was configured for (DNS rebinding), refuses cross-site API calls, bounds
 * request bodies and never shows a stack trace.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Server as HttpServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { generateCookie, getCookie } from 'hono/cookie';
import { callMethod } from '../../shared/call.js';
import type { SessionPort } from '../../shared/call.js';
import type { StaffUser } from '../../shared/accounts.js';
import type { Handlers } from '../../shared/call.js';
import type { ContractTable } from '../../shared/contract.js';
import type { ErrorCode } from '../../shared/errors.js';
import { languageFromAcceptHeader } from '../../shared/messages.js';
import { API_PREFIX } from '../../shared/urls.js';
import { COMMON_HEADERS, jsonResponse, methodNotAllowed, refusalResponse, withHeaders } from './headers.js';
import type { FetchHandler } from './files.js';
import { isFileRoute } from './files.js';
import { DEVICE_COOKIE, DEVICE_SESSION_SECONDS, DeviceSessions } from './device-sessions.js';
import { DEFAULT_HTTP_LIMITS, createRequestGuard, onClientError, rateLimitedResponse } from './limits.js';
import { remoteClientOf } from './remote-client.js';
import { WorkBudget } from './work-budget.js';
import type { WorkBudgetLimits } from './work-budget.js';
import type { HttpLimits } from './limits.js';

const STATUS: Record<ErrorCode, 400 | 403 | 404 | 409 | 429 | 500 | 503> = {
  invalid_input: 400,
  bad_request: 400,
  unknown_method: 404,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export const MAX_API_BODY_BYTES = 64 * 1024;
/** The staff session cookie: HttpOnly (page scripts never see the token), same site only. */
export const SESSION_COOKIE = 'bookshelf_staff';

/** What the server needs of staff accounts (catalog/accounts/accounts.ts). */
export interface SessionLookup {
  lookup(token: string): { user: StaffUser } | null;
}
/** Where a station serves its feed to other stations: http://<station>/feed/. */
export const STATION_FEED_PREFIX = '/feed';

export interface HttpAppOptions<C extends ContractTable> {
  contract: C;
  handlers: Handlers<C>;
  files: FetchHandler;
  ui: FetchHandler;
  /** The station's feed for other stations on the LAN, under /feed/ (catalog/sync/station-feed.ts). */
  feed?: FetchHandler;
  /** Host names (without port) this server answers to. */
  allowedHostnames: readonly string[];
  /**
   * Staff sessions. Without it every caller is an anonymous reader. Staff may sign in from this
   * machine (loopback) only, unless `staffOnLan` opens librarian and official methods to the LAN.
   */
  sessions?: SessionLookup;
  staffOnLan?: boolean;
  /** What one LAN device may ask of the station (./work-budget.ts). */
  workBudget?: WorkBudgetLimits;
  log?: (message: string, error?: unknown) => void;
}

/** The cookie outlives the longest session; the server ends idle ones itself. */
const SESSION_COOKIE_MAX_AGE = 12 * 60 * 60;

/** The LAN device a request came from (its address key), or null when it came from the station itself (the kiosk's own browser or the app). */
function lanClientOf(request: Request, env: unknown): string | null {
  const client = remoteClientOf(request, env);
  return client.station ? null : client.key;
}

function hostnameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1].toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** A request refused for one of its parts: the Host it names, its Origin, its JSON. */
const badPart = (request: Request, status: 400 | 403 | 421, part: 'Host' | 'Origin' | 'Sec-Fetch-Site' | 'JSON') =>
  refusalResponse(request, status, 'bad_request', { key: 'http.badPart', params: { part } });

/**
 * Answers only requests addressed to one of these host names (421 otherwise: a page on another
 * site cannot reach the server through DNS rebinding), and adds the common security headers.
 */
export function hostGuard(allowedHostnames: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedHostnames.map((name) => name.toLowerCase()));
  return async (c, next) => {
    const host = c.req.header('host');
    if (!host || !allowed.has(hostnameOf(host))) return badPart(c.req.raw, 421, 'Host');
    await next();
    withHeaders(c.res, COMMON_HEADERS);
  };
}

export function createHttpApp<C extends ContractTable>(options: HttpAppOptions<C>): Hono {
  const app = new Hono();
  const log = options.log ?? ((message, error) => console.error(message, error));
  const budget = new WorkBudget(options.workBudget);
  const devices = new DeviceSessions();
  /** A page served to a LAN device without a session of this station starts one (./device-sessions.ts). */
  const withDeviceSession = (c: Context, response: Response): Response => {
    if (lanClientOf(c.req.raw, c.env) === null || !response.headers.get('content-type')?.startsWith('text/html')) return response;
    if (devices.verify(getCookie(c, DEVICE_COOKIE)) !== null) return response;
    const started = new Response(response.body, response);
    started.headers.append('Set-Cookie', generateCookie(DEVICE_COOKIE, devices.issue(), { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: DEVICE_SESSION_SECONDS }));
    return started;
  };
  app.use('*', hostGuard(options.allowedHostnames));

  app.post(
    `${API_PREFIX}:method`,
    bodyLimit({
      maxSize: MAX_API_BODY_BYTES,
      onError: (c) => refusalResponse(c.req.raw, 413, 'bad_request', { key: 'http.bodyTooLarge' }),
    }),
    async (c) => {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) return badPart(c.req.raw, 403, 'Origin');
      if (c.req.header('sec-fetch-site') === 'cross-site') return badPart(c.req.raw, 403, 'Sec-Fetch-Site');
      let input: unknown;
      try {
        const text = await c.req.text();
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return badPart(c.req.raw, 400, 'JSON');
      }
      const method = c.req.param('method');
      const client = lanClientOf(c.req.raw, c.env);
      const staffAllowed = options.sessions !== undefined && (options.staffOnLan === true || client === null);
      const token = staffAllowed ? (getCookie(c, SESSION_COOKIE) ?? null) : null;
      const user = token ? (options.sessions?.lookup(token)?.user ?? null) : null;
      const cookies: string[] = [];
      const session: SessionPort = {
        token,
        start: (value, expiresAt) =>
          void cookies.push(generateCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Strict', path: '/', expires: new Date(expiresAt), maxAge: SESSION_COOKIE_MAX_AGE })),
        end: () => void cookies.push(generateCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 0 })),
      };
      const device = client === null ? null : devices.verify(getCookie(c, DEVICE_COOKIE));
      const ctx = {
        role: user?.role ?? ('anyone' as const),
        transport: 'http' as const,
        lang: languageFromAcceptHeader(c.req.header('accept-language')),
        user,
        session,
        staffAllowed,
        ...(client === null ? {} : { client }),
        ...(device === null ? {} : { device }),
      };
      const call = () => callMethod(options.contract, options.handlers, method, input, ctx, (error) => log(`API ${method} failed`, error));
      let envelope: Awaited<ReturnType<typeof call>>;
      if (client === null) envelope = await call();
      else {
        // A LAN device's calls run one at a time, within its budget of work (./work-budget.ts).
        const admitted = await budget.run(client, call);
        if (!admitted.ok) return rateLimitedResponse(c.req.raw, admitted.retryAfterSeconds);
        envelope = admitted.value;
      }
      const response = envelope.ok ? jsonResponse(envelope, 200) : jsonResponse(envelope, STATUS[envelope.error.code]);
      for (const cookie of cookies) response.headers.append('Set-Cookie', cookie);
      return response;
    },
  );

  app.all(`${API_PREFIX}*`, (c) => methodNotAllowed(c.req.raw, 'POST'));

  app.all('*', async (c) => {
    if (isFileRoute(c.req.path)) return options.files(c.req.raw);
    if (options.feed && c.req.path.startsWith(`${STATION_FEED_PREFIX}/`)) return options.feed(c.req.raw);
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return withDeviceSession(c, await options.ui(c.req.raw));
    return methodNotAllowed(c.req.raw, 'GET, HEAD');
  });

  app.onError((error, c) => {
    log(`HTTP ${c.req.method} ${c.req.path} failed`, error);
    return refusalResponse(c.req.raw, 500, 'internal', { key: 'error.internal' });
  });

  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on host:port (port 0 picks a free one) and resolves once it accepts connections.
 * Every app served this way (a station, a hub) gets the limits of ./limits.ts: a rate limit per
 * client, bounded headers, single ranges only, and timeouts for clients that send slowly.
 */
export function listen(app: Hono, host: string, port: number, limits: Partial<HttpLimits> = {}): Promise<RunningServer> {
  const config: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...limits };
  const guard = createRequestGuard(config);
  const fetch = (request: Request, env: HttpBindings | Http2Bindings) => {
    const refused = 'socket' in env.incoming ? guard(request, env.incoming as IncomingMessage) : null;
    return refused ?? app.fetch(request, env);
  };
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch,
        hostname: host,
        port,
        serverOptions: {
          maxHeaderSize: config.maxHeaderBytes,
          // Slow clients may not hold connections open (slowloris): headers within
          // headersTimeout, the whole request within requestTimeout, checked this often.
          headersTimeout: config.headersTimeoutMs,
          requestTimeout: config.requestTimeoutMs,
          keepAliveTimeout: config.keepAliveTimeoutMs,
          connectionsCheckingInterval: config.checkIntervalMs,
        },
      },
      (info: AddressInfo) => {
        const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${shownHost}:${info.port}`,
          port: info.port,
          close: () => new Promise((done) => server.close(() => done())),
        });
      },
    );
    if (server instanceof HttpServer) {
      // Node stops parsing headers past this count; the guard then answers 431.
      server.maxHeadersCount = config.maxHeaderCount + 1;
      server.on('clientError', onClientError);
    }
    server.once('error', reject);
  });
}

/**
 * The renderer's one client of the engine. Inside Electron the preload exposes
 * `window.bookshelf` (one function per contract method) and calls go over IPC; in a browser
 * (LAN readers, phones, end-to-end tests) they go to `POST /api/<method>` on the same origin.
 * Either way the caller gets typed results or a thrown ClientError with a stable code.
 */
import { ClientError, createClient } from '../../shared/client.js';
import type { Client, Transport } from '../../shared/client.js';
import type { MethodName } from '../../shared/contract.js';
import type { Envelope } from '../../shared/errors.js';
import type { Language } from '../../shared/messages.js';
import { apiUrl } from '../../shared/urls.js';

/** What the preload bridge exposes: one function per contract method. */
type Bridge = Partial<Record<MethodName, (input: unknown, lang: Language) => Promise<Envelope<unknown>>>>;

/** A request that takes longer than this is treated as a lost connection. */
const HTTP_TIMEOUT_MS = 30_000;

let requestLanguage: Language = 'vi';

/** The UI language, sent with each call (Accept-Language over HTTP) so the engine's messages match the screen. */
export function setRequestLanguage(lang: Language): void {
  requestLanguage = lang;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'result' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

export function createIpcTransport(bridge: Bridge, getLanguage: () => Language = () => requestLanguage): Transport {
  return {
    kind: 'ipc',
    async send(method, input) {
      const fn = bridge[method];
      if (typeof fn !== 'function') throw new ClientError('unknown_method', `No bridge function for ${method}`);
      let envelope: unknown;
      try {
        envelope = await fn(input, getLanguage());
      } catch (error) {
        throw new ClientError('internal', error instanceof Error ? error.message : String(error));
      }
      if (!isEnvelope(envelope)) throw new ClientError('internal', `Malformed reply to ${method}`);
      return envelope;
    },
  };
}

export function createHttpTransport(getLanguage: () => Language = () => requestLanguage): Transport {
  return {
    kind: 'http',
    async send(method, input) {
      let response: Response;
      try {
        response = await fetch(apiUrl(method), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Accept-Language': getLanguage() },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
          signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
        });
      } catch (error) {
        // fetch rejects only when no response arrived: server down, network gone, timeout.
        throw new ClientError('offline', error instanceof Error ? error.message : String(error));
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (isEnvelope(body)) return body;
      // Something between us and the engine answered (a proxy, a captive portal, a gateway).
      const unreachable = response.status === 502 || response.status === 503 || response.status === 504;
      throw new ClientError(unreachable ? 'offline' : 'internal', `HTTP ${response.status} from ${method}`);
    },
  };
}

function pickTransport(): Transport {
  const bridge = (globalThis as { bookshelf?: unknown }).bookshelf;
  if (typeof bridge === 'object' && bridge !== null) return createIpcTransport(bridge as Bridge);
  return createHttpTransport();
}

export const client: Client = createClient(pickTransport());

/** Any thrown value as a ClientError, so the UI can always translate it by code. */
export function asClientError(error: unknown): ClientError {
  if (error instanceof ClientError) return error;
  return new ClientError('internal', error instanceof Error ? error.message : String(error));
}

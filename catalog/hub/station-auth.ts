/**
 * The hub's check of what a station sends (docs/uploads.md § Signed requests): every request
 * must carry one RFC 9421 signature (catalog/station-auth/message-signature.ts) covering at
 * least `@method`, `@path` and `content-digest` (and what the route adds: the tus fields), made
 * within REPLAY_WINDOW_SECONDS of the hub's clock either way, by the key of the station its
 * `keyid` names — a station the hub knows, in a state the route accepts (approved, unless the
 * station only asks its own state) — and never seen before (./seen-signatures.ts). The body is
 * read (bounded) only after the signature holds, and must be what its `Content-Digest` says.
 * The station is the one of the signing key: a route compares it with any station id the body
 * names. A refusal is the usual error envelope in the request's language, and writes nothing.
 */
import type { KeyObject } from 'node:crypto';
import type { Library } from '../library.js';
import { refusalResponse } from '../http/headers.js';
import { declaredDigest, digestMatches } from '../station-auth/content-digest.js';
import { readSignature, verifyMessage } from '../station-auth/message-signature.js';
import type { MessageParts, ReceivedSignature } from '../station-auth/message-signature.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { MessageKey, MessageRef } from '../../shared/messages.js';
import type { HubStationState } from '../../shared/contract/stations.js';
import { boundedBody } from './bounded-body.js';
import { REPLAY_WINDOW_SECONDS, firstSighting } from './seen-signatures.js';
import { ed25519Key, stationRow } from './stations.js';
import type { StationRow } from './stations.js';

/** What every signature must cover. */
export const ALWAYS_COVERED = ['@method', '@path', 'content-digest'] as const;

export interface Refusal {
  status: number;
  ref: MessageRef;
  /** Header fields the answer carries (a quota's Retry-After). */
  headers?: Record<string, string>;
}

export interface SignatureCheck {
  /** The hub's clock. */
  now: () => Date;
  /** The longest body read (413 beyond). */
  maxBodyBytes: number;
  /** Components the signature must cover besides ALWAYS_COVERED. */
  covers?: readonly string[];
  /** The states a station may be in (default: approved). */
  states?: readonly HubStationState[];
  /** The answer to a body that is not what its digest says (default: 400). */
  damaged?: Refusal;
  /** Headers every refusal carries (tus: Tus-Resumable). */
  headers?: Record<string, string>;
}

/** A request whose signature held: the station, the body it sent, and the request to hand on (its body read again from memory). */
export interface SignedRequest {
  station: StationRow;
  body: Buffer;
  request: Request;
}

const refused = (status: number, key: MessageKey, params?: MessageRef['params']): Refusal => ({ status, ref: params ? { key, params } : { key } });

export const STATE_REFUSALS: Record<HubStationState, MessageKey> = {
  unenrolled: 'hub.stationUnknown',
  pending: 'hub.stationPending',
  refused: 'hub.stationRefused',
  revoked: 'hub.stationRevoked',
  approved: 'hub.stationUnknown',
};

function codeOf(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 507) return 'unavailable';
  return 'bad_request';
}

export function refusalOf(request: Request, refusal: Refusal, headers: Record<string, string> = {}): Response {
  return refusalResponse(request, refusal.status, codeOf(refusal.status), refusal.ref, { ...headers, ...refusal.headers });
}

export const partsOf = (request: Request): MessageParts => ({ method: request.method, url: request.url, header: (name) => request.headers.get(name) });

/** The request's signature, if it is one of this profile, covers what it must and was made within the window. */
export function freshSignature(request: Request, covers: readonly string[], nowSeconds: number): ReceivedSignature | Refusal {
  const received = readSignature(request.headers.get('signature-input'), request.headers.get('signature'));
  if (received === 'missing') return refused(401, 'hub.signatureMissing');
  if (received === 'malformed') return refused(400, 'hub.signatureMalformed');
  const missing = [...ALWAYS_COVERED, ...covers].filter((name) => !received.components.includes(name));
  if (missing.length) return refused(400, 'hub.signatureIncomplete', { components: missing.join(' ') });
  const stale = Math.abs(received.created - nowSeconds) > REPLAY_WINDOW_SECONDS || (received.expires !== null && received.expires < nowSeconds);
  if (stale) return refused(401, 'hub.signatureStale', { hubTime: new Date(nowSeconds * 1000).toISOString() });
  return received;
}

/** The body, read up to `max` bytes, if it is what the request's Content-Digest says. */
export async function digestedBody(request: Request, max: number, damaged: Refusal = refused(400, 'hub.digestMismatch')): Promise<Buffer | Refusal> {
  const declared = declaredDigest(request.headers.get('content-digest'));
  if (!declared) return refused(400, 'hub.digestMismatch');
  if (Number(request.headers.get('content-length') ?? 0) > max) return refused(413, 'hub.bodyTooLarge');
  const body = await boundedBody(request, max).catch(() => undefined);
  if (body === undefined) return refused(400, 'hub.chunkCut');
  if (body === null) return refused(413, 'hub.bodyTooLarge');
  return digestMatches(declared, body) ? body : damaged;
}

/** A signature that held, recorded so it is not taken twice; a refusal when it was taken before. */
export function notReplayed(library: Library, received: ReceivedSignature, nowSeconds: number): Refusal | null {
  return firstSighting(library.db, received.signature, received.created, nowSeconds) ? null : refused(401, 'hub.signatureReplayed');
}

export const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && 'status' in value && 'ref' in value;

/** The same request with its body, already read, in memory; its headers as they came (or as given). */
export function withBody(request: Request, body: Buffer, headers: Headers = request.headers): Request {
  const bodyless = request.method === 'GET' || request.method === 'HEAD' || body.length === 0;
  return new Request(request.url, { method: request.method, headers, body: bodyless ? undefined : body });
}

/** Whether the signature is the key's over this request. */
export const signedBy = (request: Request, received: ReceivedSignature, publicKey: KeyObject) => verifyMessage(received, partsOf(request), publicKey);

/** Checks a request from an enrolled station (see above); the signed request, or the refusal to answer. */
export async function checkStationRequest(library: Library, request: Request, check: SignatureCheck): Promise<SignedRequest | Response> {
  const now = check.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const refuse = (refusal: Refusal) => refusalOf(request, refusal, check.headers);
  const received = freshSignature(request, check.covers ?? [], nowSeconds);
  if (isRefusal(received)) return refuse(received);
  const station = stationRow(library.db, received.keyId);
  if (!station?.public_key) return refuse(refused(401, 'hub.stationUnknown'));
  if (!signedBy(request, received, ed25519Key(station.public_key))) return refuse(refused(401, 'hub.signatureInvalid'));
  if (!(check.states ?? ['approved']).includes(station.state)) return refuse(refused(403, STATE_REFUSALS[station.state]));
  const body = await digestedBody(request, check.maxBodyBytes, check.damaged);
  if (isRefusal(body)) return refuse(body);
  const replayed = notReplayed(library, received, nowSeconds);
  if (replayed) return refuse(replayed);
  library.db
    .prepare('UPDATE hub_stations SET last_seen_at = ? WHERE station_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)')
    .run(now.toISOString(), station.station_id, new Date(now.getTime() - 60_000).toISOString());
  return { station, body, request: withBody(request, body) };
}

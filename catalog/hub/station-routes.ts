/**
 * Enrolment at the hub (mounted by ./routes.ts). `POST /hub/stations`: a station asks to enrol
 * with {stationId, name, commune, province, publicKey} (JSON, at most 8 KB), the request signed
 * with the key it carries, which proves the station holds it; its words are made plain (no
 * control characters reach a terminal or a screen). Answered 202 while pending, 200 when already
 * approved with that key; refused 403 when revoked, 409 for another key, 503 when the register
 * holds too many pending requests, 429 (Retry-After an hour) when too many pending requests came
 * from the request's source address (./source-address.ts). `GET /hub/stations/<id>`: a station
 * asks its own state, signed with its key whatever that state.
 */
import type { Hono } from 'hono';
import type { Library } from '../library.js';
import { jsonResponse } from '../http/headers.js';
import { MAX_ENROLMENT_BODY_BYTES, enrolmentRequestSchema } from '../station-auth/enrolment-wire.js';
import type { StationAnswer } from '../station-auth/enrolment-wire.js';
import { AppError } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { HubStation } from '../../shared/contract/stations.js';
import { plainLine } from '../../shared/text.js';
import { checkStationRequest, digestedBody, freshSignature, isRefusal, notReplayed, refusalOf, signedBy } from './station-auth.js';
import type { Refusal } from './station-auth.js';
import { ed25519Key, recordEnrolment } from './stations.js';
import { remoteClientOf } from '../http/remote-client.js';

export interface StationRouteOptions {
  now: () => Date;
  /** Pending enrolment requests the hub keeps at most (default MAX_PENDING_ENROLMENTS). */
  maxPendingEnrolments?: number;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = { forbidden: 403, conflict: 409, rate_limited: 429, unavailable: 503 };
/** How long a source address with too many pending requests waits: an official decides meanwhile. */
const PER_ADDRESS_RETRY_SECONDS = 3600;
const invalid: Refusal = { status: 422, ref: { key: 'hub.enrolmentInvalid' } };

const answerOf = (station: Pick<HubStation, 'stationId' | 'state' | 'requestedAt' | 'decidedAt'>): StationAnswer => ({
  stationId: station.stationId,
  state: station.state as StationAnswer['state'],
  requestedAt: station.requestedAt,
  decidedAt: station.decidedAt,
});

/** A station's request to enrol, checked as the module says; the station as recorded, or the refusal. */
async function enrol(library: Library, request: Request, from: string, options: StationRouteOptions): Promise<HubStation | Refusal> {
  const now = options.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const received = freshSignature(request, [], nowSeconds);
  if (isRefusal(received)) return received;
  const body = await digestedBody(request, MAX_ENROLMENT_BODY_BYTES);
  if (isRefusal(body)) return body;
  let sent;
  try {
    sent = enrolmentRequestSchema.parse(JSON.parse(body.toString('utf8')));
  } catch {
    return invalid;
  }
  const [name, commune, province] = [sent.name, sent.commune, sent.province].map(plainLine);
  if (!name || !commune || !province) return invalid;
  if (received.keyId !== sent.stationId) return { status: 400, ref: { key: 'hub.keyidNotStation' } };
  let key;
  try {
    key = ed25519Key(sent.publicKey);
  } catch {
    return invalid;
  }
  if (!signedBy(request, received, key)) return { status: 401, ref: { key: 'hub.signatureInvalid' } };
  const replayed = notReplayed(library, received, nowSeconds);
  if (replayed) return replayed;
  try {
    return recordEnrolment(library, { stationId: sent.stationId, name, commune, province, publicKey: sent.publicKey }, now, { from, maxPending: options.maxPendingEnrolments });
  } catch (error) {
    if (!(error instanceof AppError) || !STATUS_OF[error.code]) throw error;
    const wait = error.code === 'rate_limited' ? { 'Retry-After': String(PER_ADDRESS_RETRY_SECONDS) } : undefined;
    return { status: STATUS_OF[error.code] as number, ref: error.ref, headers: wait };
  }
}

export function mountStationRoutes(app: Hono, library: Library, options: StationRouteOptions): void {
  app.post('/hub/stations', async (c) => {
    const outcome = await enrol(library, c.req.raw, remoteClientOf(c.req.raw, c.env).key, options);
    if (isRefusal(outcome)) return refusalOf(c.req.raw, outcome);
    return jsonResponse(answerOf(outcome), outcome.state === 'approved' ? 200 : 202);
  });
  app.get('/hub/stations/:id', async (c) => {
    const signed = await checkStationRequest(library, c.req.raw, { now: options.now, maxBodyBytes: 0, states: ['pending', 'approved', 'refused', 'revoked'] });
    if (signed instanceof Response) return signed;
    if (signed.station.station_id !== c.req.param('id')) return refusalOf(c.req.raw, { status: 403, ref: { key: 'hub.notYourStation' } });
    const { station } = signed;
    return jsonResponse(answerOf({ stationId: station.station_id, state: station.state, requestedAt: station.requested_at, decidedAt: station.decided_at }), 200);
  });
}

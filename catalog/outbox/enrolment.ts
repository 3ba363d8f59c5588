/**
 * The station's enrolment with its hub (table station_enrolment, migration 17; docs/uploads.md §
 * Enrolment). An official asks the hub to enrol the station — its name, commune, province and
 * public key, the request signed with that key (POST /hub/stations) — from the officials' screen
 * (`enrolment.request`) or `bookshelf enrol`; the setting's hub URL becomes that hub. The hub's
 * answer is kept with when it was given; the station asks again (GET /hub/stations/<id>, signed)
 * when an official checks, and the outbox asks before it sends while not approved. A hub's
 * refusal of any signed request is noted too: one that says the station is pending, refused,
 * revoked or unknown moves the record to that state, and the last refusal is shown until a
 * request goes through.
 */
import type { Library } from '../library.js';
import { readStoredRef, storeRef } from '../db/stored-refs.js';
import { stationKey } from '../station-auth/station-key.js';
import { stationAnswerSchema } from '../station-auth/enrolment-wire.js';
import type { StationAnswer } from '../station-auth/enrolment-wire.js';
import { AppError } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { MessageKey, MessageRef } from '../../shared/messages.js';
import type { Enrolment, EnrolmentState } from '../../shared/contract/stations.js';
import type { HubSigner } from './hub-signer.js';
import { effectiveHubUrl, setHubUrl } from './settings.js';
import { hubSaid } from './tus-upload.js';

export const HUB_STATIONS_PATH = 'hub/stations';

interface EnrolmentRow {
  hub_url: string;
  name: string;
  commune: string;
  province: string;
  state: Exclude<EnrolmentState, 'none'>;
  requested_at: string;
  decided_at: string | null;
  checked_at: string;
  refusal: string | null;
}

export interface EnrolmentInput {
  hubUrl?: string;
  name: string;
  commune: string;
  province: string;
}

/** What the hub's refusals say of the station's state. */
const STATE_SAID: Partial<Record<MessageKey, EnrolmentRow['state']>> = {
  'hub.stationPending': 'pending',
  'hub.stationRefused': 'refused',
  'hub.stationRevoked': 'revoked',
  'hub.stationUnknown': 'unknown',
};

/** Why the outbox holds what it would send, by state; null when approved. */
const HOLDS: Record<EnrolmentState, MessageKey | null> = {
  none: 'enrolment.notEnrolled',
  pending: 'enrolment.pending',
  approved: null,
  refused: 'enrolment.refused',
  revoked: 'enrolment.revoked',
  unknown: 'enrolment.unknown',
};

export function enrolmentRow(library: Library, hubUrl: string): EnrolmentRow | null {
  return (library.db.prepare('SELECT * FROM station_enrolment WHERE hub_url = ?').get(hubUrl) as EnrolmentRow | undefined) ?? null;
}

/** The station's enrolment with the hub it sends to, as last known. */
export async function currentEnrolment(library: Library): Promise<Enrolment> {
  const hubUrl = effectiveHubUrl(library);
  const key = await stationKey(library);
  const row = hubUrl ? enrolmentRow(library, hubUrl) : null;
  return {
    hubUrl,
    stationId: key.keyId,
    fingerprint: key.fingerprint,
    state: row?.state ?? 'none',
    name: row?.name ?? null,
    commune: row?.commune ?? null,
    province: row?.province ?? null,
    requestedAt: row?.requested_at ?? null,
    decidedAt: row?.decided_at ?? null,
    checkedAt: row?.checked_at ?? null,
    refusal: readStoredRef(row?.refusal ?? null),
  };
}

/** The places of the station's last enrolment with any hub (what `bookshelf enrol` asks again by default), or null. */
export function lastPlaces(library: Library): Pick<EnrolmentRow, 'name' | 'commune' | 'province'> | null {
  return (library.db.prepare(`SELECT name, commune, province FROM station_enrolment WHERE name <> '' ORDER BY checked_at DESC LIMIT 1`).get() as EnrolmentRow | undefined) ?? null;
}

/** Why nothing can be sent to the hub now (by reference), or null when the station is approved there. */
export function enrolmentHold(library: Library, hubUrl: string): MessageRef | null {
  const key = HOLDS[enrolmentRow(library, hubUrl)?.state ?? 'none'];
  return key ? { key } : null;
}

function saveAnswer(library: Library, hubUrl: string, answer: StationAnswer, places: Pick<EnrolmentRow, 'name' | 'commune' | 'province'>, now: Date): void {
  library.db
    .prepare(
      `INSERT INTO station_enrolment (hub_url, name, commune, province, state, requested_at, decided_at, checked_at, refusal)
       VALUES (@hubUrl, @name, @commune, @province, @state, @requestedAt, @decidedAt, @at, NULL)
       ON CONFLICT (hub_url) DO UPDATE SET name = excluded.name, commune = excluded.commune, province = excluded.province, state = excluded.state,
         requested_at = excluded.requested_at, decided_at = excluded.decided_at, checked_at = excluded.checked_at, refusal = NULL`,
    )
    .run({ hubUrl, ...places, state: answer.state, requestedAt: answer.requestedAt ?? now.toISOString(), decidedAt: answer.decidedAt, at: now.toISOString() });
}

/** Whether the hub's words are about this station or its signature (not about a document, a chunk, a link). */
const aboutStation = (said: MessageRef) => /^hub\.(station|signature|notYourStation)/.test(said.key);

/** Notes the hub's refusal of a signed request (its reference, as the hub said it) when it is about the station: the state it implies, and the refusal to show. */
export function noteRefusal(library: Library, hubUrl: string, said: MessageRef | null, now = new Date()): void {
  if (!said || !aboutStation(said)) return;
  const state = STATE_SAID[said.key];
  library.db
    .prepare(`UPDATE station_enrolment SET state = coalesce(?, state), refusal = ?, checked_at = ? WHERE hub_url = ?`)
    .run(state ?? null, storeRef(said), now.toISOString(), hubUrl);
}

/** A signed request went through: no refusal to show any more. */
export function noteAccepted(library: Library, hubUrl: string): void {
  library.db.prepare('UPDATE station_enrolment SET refusal = NULL WHERE hub_url = ? AND refusal IS NOT NULL').run(hubUrl);
}

/** The hub's reference inside a station-side reason (`outbox.hubStatusReason` wraps it), or the reason itself. */
export function hubReasonOf(reason: MessageRef): MessageRef {
  const inner = reason.key === 'outbox.hubStatusReason' ? reason.params?.reason : undefined;
  return typeof inner === 'object' && inner !== null ? (inner as MessageRef) : reason;
}

const CODES: Record<number, ErrorCode> = { 400: 'bad_request', 401: 'forbidden', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'invalid_input' };

/** A hub's answer as an error for the official who asked: the hub's words inside, its status kept. */
async function hubError(response: Response): Promise<{ error: AppError; said: MessageRef | null }> {
  const said = hubSaid(await response.text().catch(() => ''));
  const ref: MessageRef = said ? { key: 'outbox.hubStatusReason', params: { status: response.status, reason: said } } : { key: 'outbox.hubStatus', params: { status: response.status } };
  return { error: new AppError(CODES[response.status] ?? 'unavailable', ref), said };
}

async function ask(signer: HubSigner, url: string, init: Parameters<HubSigner['fetch']>[1]): Promise<Response> {
  try {
    return await signer.fetch(url, init);
  } catch (error) {
    throw new AppError('unavailable', { key: 'outbox.hubUnreachable', params: { detail: (error as Error).message.split('\n')[0] } }, undefined, { cause: error });
  }
}

async function answerOf(response: Response): Promise<StationAnswer> {
  try {
    return stationAnswerSchema.parse(await response.json());
  } catch (error) {
    throw new AppError('unavailable', { key: 'enrolment.hubAnswer' }, undefined, { cause: error });
  }
}

/** Asks the hub to enrol this station (the hub given, which becomes the one set, else the one set). */
export async function requestEnrolment(library: Library, signer: HubSigner, input: EnrolmentInput, now = new Date()): Promise<Enrolment> {
  const hubUrl = input.hubUrl ? setHubUrl(library, input.hubUrl).effectiveHubUrl : effectiveHubUrl(library);
  if (!hubUrl) throw new AppError('invalid_input', { key: 'enrolment.noHub' });
  const key = await stationKey(library);
  const places = { name: input.name.trim(), commune: input.commune.trim(), province: input.province.trim() };
  const response = await ask(signer, new URL(HUB_STATIONS_PATH, hubUrl).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ stationId: key.keyId, ...places, publicKey: key.publicKey }),
  });
  if (!response.ok) {
    const { error, said } = await hubError(response);
    noteRefusal(library, hubUrl, said, now);
    throw error;
  }
  saveAnswer(library, hubUrl, await answerOf(response), places, now);
  return currentEnrolment(library);
}

/** Asks the hub now what this station is there, and keeps the answer. */
export async function checkEnrolment(library: Library, signer: HubSigner, now = new Date(), signal?: AbortSignal): Promise<Enrolment> {
  const hubUrl = effectiveHubUrl(library);
  if (!hubUrl) throw new AppError('invalid_input', { key: 'enrolment.noHub' });
  const key = await stationKey(library);
  const response = await ask(signer, new URL(`${HUB_STATIONS_PATH}/${key.keyId}`, hubUrl).toString(), { method: 'GET', signal });
  if (!response.ok) {
    const { error, said } = await hubError(response);
    noteRefusal(library, hubUrl, said, now);
    if (!said || !STATE_SAID[said.key]) throw error;
    return currentEnrolment(library);
  }
  const answer = await answerOf(response);
  const row = enrolmentRow(library, hubUrl);
  saveAnswer(library, hubUrl, answer, row ?? { name: '', commune: '', province: '' }, now);
  return currentEnrolment(library);
}

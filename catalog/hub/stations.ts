/**
 * The hub's register of stations (table hub_stations, migration 17). A station asks to enrol
 * with its name, commune, province and public key (POST /hub/stations, ./station-routes.ts);
 * the request waits, pending, for an official — one per station id, at most
 * MAX_PENDING_ENROLMENTS in all, and at most hub.quota.pending_enrolments_per_address from one
 * source address (./source-address.ts), so a flood of requests cannot fill the table, nor one
 * address take every place in it with throwaway keys. An official
 * approves or refuses a pending station and may revoke an approved one for good; a revocation
 * drops the station's uploads still waiting (./station-uploads.ts). The first key approved for
 * a station id is never swapped: a station that lost its key enrols again under a new id. The
 * register is read a page at a time (./station-list.ts).
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/open.js';
import { durably } from '../db/durable.js';
import type { Library } from '../library.js';
import { SETTINGS, getSetting } from '../db/settings.js';
import { sha256Hex } from '../store/hash.js';
import { AppError } from '../../shared/errors.js';
import type { HubStation, HubStationState, StationDecision } from '../../shared/contract/stations.js';
import { dropStationUploads } from './station-uploads.js';

export const MAX_PENDING_ENROLMENTS = 5000;

export interface StationRow {
  station_id: string;
  name: string;
  commune: string;
  province: string;
  /** The raw Ed25519 public key, base64url; null while unenrolled. */
  public_key: string | null;
  state: HubStationState;
  requested_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  last_seen_at: string | null;
  last_report_at: string | null;
  feed_sequence: number | null;
  feed_applied_at: string | null;
  requested_from: string | null;
}

/** What a station sends to enrol (its places already checked and made plain). */
export interface EnrolmentRequest {
  stationId: string;
  name: string;
  commune: string;
  province: string;
  publicKey: string;
}

export function stationRow(db: Db, id: string): StationRow | null {
  return (db.prepare('SELECT * FROM hub_stations WHERE station_id = ?').get(id) as StationRow | undefined) ?? null;
}

/** An Ed25519 public key from its raw 32 bytes (base64url); throws when they are not one. */
export function ed25519Key(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

export const fingerprintOf = (raw: string) => sha256Hex(Buffer.from(raw, 'base64url'));

export function toStation(row: StationRow & { pending_uploads: number }): HubStation {
  return {
    stationId: row.station_id,
    name: row.name,
    commune: row.commune,
    province: row.province,
    state: row.state,
    fingerprint: row.public_key === null ? null : fingerprintOf(row.public_key),
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    lastSeenAt: row.last_seen_at,
    lastReportAt: row.last_report_at,
    pendingUploads: row.pending_uploads,
    feedSequence: row.feed_sequence,
    feedAppliedAt: row.feed_applied_at,
  };
}

const SELECT_STATIONS = `SELECT s.*, (SELECT count(*) FROM hub_uploads u WHERE u.station_id = s.station_id AND u.state = 'pending') AS pending_uploads FROM hub_stations s`;

export function getStation(library: Library, id: string): HubStation | null {
  const row = library.db.prepare(`${SELECT_STATIONS} WHERE s.station_id = ?`).get(id) as (StationRow & { pending_uploads: number }) | undefined;
  return row ? toStation(row) : null;
}

/** Where an enrolment request came from, and the bound on pending requests in all (tests lower it). */
export interface EnrolmentSource {
  /** Its source address (./source-address.ts). */
  from: string;
  maxPending?: number;
}

/**
 * Records a station's request to enrol: a new request, a pending one sent again with the same
 * key, or one after a refusal, waits as pending; an approved station asking again with its own
 * key is answered as it stands. Refused (AppError): a revoked station, another key for a
 * station pending or approved, the register full of pending requests, too many pending from
 * the request's address (rate_limited: a place frees when an official decides on one).
 */
export function recordEnrolment(library: Library, request: EnrolmentRequest, now: Date, source: EnrolmentSource): HubStation {
  const db = library.db;
  durably(db, () => {
    const row = stationRow(db, request.stationId);
    const sameKey = row?.public_key === request.publicKey;
    if (row?.state === 'revoked') throw new AppError('forbidden', { key: 'hub.stationRevoked' });
    if ((row?.state === 'approved' || row?.state === 'pending') && !sameKey) throw new AppError('conflict', { key: 'hub.otherKey' });
    if (row?.state === 'approved') return;
    if (row?.state !== 'pending') {
      const pending = db.prepare(`SELECT count(*) FROM hub_stations WHERE state = 'pending'`).pluck().get() as number;
      if (pending >= (source.maxPending ?? MAX_PENDING_ENROLMENTS)) throw new AppError('unavailable', { key: 'hub.enrolmentsFull' });
      const perAddress = getSetting(db, SETTINGS.hubPendingPerAddress);
      const fromHere = db.prepare(`SELECT count(*) FROM hub_stations WHERE state = 'pending' AND requested_from = ?`).pluck().get(source.from) as number;
      if (fromHere >= perAddress) throw new AppError('rate_limited', { key: 'hub.enrolmentsFromAddress', params: { max: perAddress } });
    }
    db.prepare(
      `INSERT INTO hub_stations (station_id, name, commune, province, public_key, state, requested_at, requested_from)
       VALUES (@stationId, @name, @commune, @province, @publicKey, 'pending', @at, @from)
       ON CONFLICT (station_id) DO UPDATE SET name = excluded.name, commune = excluded.commune, province = excluded.province,
         public_key = excluded.public_key, state = 'pending', decided_at = NULL, decided_by = NULL,
         -- sent again while pending: it keeps its place in the queue (and counts where it first came from)
         requested_at = CASE WHEN hub_stations.state = 'pending' THEN hub_stations.requested_at ELSE excluded.requested_at END,
         requested_from = CASE WHEN hub_stations.state = 'pending' THEN hub_stations.requested_from ELSE excluded.requested_from END`,
    ).run({ ...request, at: now.toISOString(), from: source.from });
  });
  return getStation(library, request.stationId) as HubStation;
}

/** Moves a station from one state to another, or says why it cannot. */
function decide(library: Library, id: string, from: HubStationState, to: HubStationState, decidedBy: string, now: Date): void {
  durably(library.db, () => {
    const row = stationRow(library.db, id);
    if (!row) throw new AppError('not_found', { key: 'stations.noStation', params: { id } });
    if (row.state !== from) throw new AppError('conflict', { key: from === 'pending' ? 'stations.notPending' : 'stations.notApproved', params: { name: row.name } });
    library.db.prepare('UPDATE hub_stations SET state = ?, decided_at = ?, decided_by = ? WHERE station_id = ?').run(to, now.toISOString(), decidedBy, id);
  });
}

export function approveStation(library: Library, id: string, decidedBy: string, now = new Date()): StationDecision {
  decide(library, id, 'pending', 'approved', decidedBy, now);
  return { station: getStation(library, id) as HubStation, droppedUploads: 0 };
}

export function refuseStation(library: Library, id: string, decidedBy: string, now = new Date()): StationDecision {
  decide(library, id, 'pending', 'refused', decidedBy, now);
  return { station: getStation(library, id) as HubStation, droppedUploads: 0 };
}

/** Revokes an approved station for good and drops its uploads waiting for moderation or unfinished. */
export async function revokeStation(library: Library, id: string, decidedBy: string, now = new Date()): Promise<StationDecision> {
  decide(library, id, 'approved', 'revoked', decidedBy, now);
  const droppedUploads = await dropStationUploads(library, id);
  return { station: getStation(library, id) as HubStation, droppedUploads };
}

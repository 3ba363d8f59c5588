/**
 * The two small JSON documents of enrolment between a station and its hub: the request
 * (POST /hub/stations, signed with the key it carries) and the hub's answer about a station
 * (that POST's, and GET /hub/stations/<id>'s).
 */
import { z } from 'zod';
import { STATION_NAME_MAX } from '../../shared/contract/stations.js';

export const STATION_ID = /^[0-9a-f]{32}$/;
/** The longest enrolment request a hub reads. */
export const MAX_ENROLMENT_BODY_BYTES = 8 * 1024;

const place = z.string().min(1).max(STATION_NAME_MAX);

export const enrolmentRequestSchema = z.strictObject({
  stationId: z.string().regex(STATION_ID),
  name: place,
  commune: place,
  province: place,
  /** The raw Ed25519 public key, base64url (32 bytes). */
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type EnrolmentRequestBody = z.infer<typeof enrolmentRequestSchema>;

export const stationAnswerSchema = z.object({
  stationId: z.string().regex(STATION_ID),
  state: z.enum(['pending', 'approved', 'refused', 'revoked']),
  requestedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type StationAnswer = z.infer<typeof stationAnswerSchema>;

/**
 * The outbox (documents a station sends to its hub) and the hub's moderation queue: states,
 * items as the screens show them, and the small documents the station and the hub exchange
 * (the description riding with an upload, the moderation outcome, the usage counts).
 */
import { z } from 'zod';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from './domain.js';
import type { PublicationKind } from './domain.js';
import type { MessageRef } from './messages.js';

/** waiting → sending → sent → accepted | rejected; failed is retried later with backoff. */
export const OUTBOX_STATES = ['waiting', 'sending', 'sent', 'accepted', 'rejected', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxItem {
  id: number;
  publicationId: string;
  title: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  state: OutboxState;
  /** Bytes the hub has confirmed (or, while sending, sent so far) and the file's size. */
  bytesSent: number;
  bytesTotal: number;
  percent: number;
  /** The hub's reason (rejected) or what went wrong (failed), by reference. */
  reason: MessageRef | null;
  attempts: number;
  /** When a failed item is tried again (ISO time). */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A document this station made that could be sent: not in the outbox yet, its file (PDF or EPUB) on disk. */
export interface OutboxCandidate {
  id: string;
  kind: PublicationKind;
  title: string;
  number: string | null;
  /** When it was saved into the catalog (ISO). */
  savedAt: string;
  mediaType: string;
  size: number;
}

export interface OutboxSettings {
  /** The hub URL officials set, or null to use the default. */
  hubUrl: string | null;
  /** What is used: the setting, else the station's first http(s) sync source; null when neither. */
  effectiveHubUrl: string | null;
  stationId: string;
  stationName: string;
  /** Last time the usage counts reached the hub (ISO), or null. */
  usageSentAt: string | null;
}

export const MODERATION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** One upload received by a hub, waiting for (or past) an official's decision. */
export interface ModerationItem {
  id: string;
  state: ModerationState;
  stationId: string;
  stationName: string;
  title: string;
  publicationId: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  size: number;
  description: UploadDescription;
  /** The official's reason for a rejection, as written. */
  reason: string | null;
  receivedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export const UPLOAD_MEDIA_TYPES = ['application/pdf', 'application/epub+zip'] as const;
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A publication's description as it rides with its upload (Upload-Metadata `description`). */
export const uploadDescriptionSchema = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.enum(PUBLICATION_KINDS),
  title: z.string().min(1).max(1000),
  number: z.string().max(100).nullable(),
  docType: z.string().max(200).nullable(),
  issuer: z.string().max(500).nullable(),
  issuedDate: z.string().max(40).nullable(),
  effectiveDate: z.string().max(40).nullable(),
  legalStatus: z.enum(LEGAL_STATUSES),
  fields: z.array(z.string().max(200)).max(50),
  language: z.string().min(2).max(20),
  authors: z.array(z.string().max(300)).max(50),
  publisher: z.string().max(500).nullable(),
  description: z.string().max(4000).nullable(),
});
export type UploadDescription = z.infer<typeof uploadDescriptionSchema>;

/** What a hub answers about one upload (GET /hub/uploads/<id>): the station polls it. */
export const moderationStatusSchema = z.strictObject({
  id: z.string(),
  state: z.enum(MODERATION_STATES),
  reason: z.string().nullable(),
});
export type ModerationStatus = z.infer<typeof moderationStatusSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const USAGE_UPLOAD_MAX_DAYS = 400;

/** A station's daily counts sent to its hub (POST /hub/usage): counts only, never about who. */
export const usageUploadSchema = z.strictObject({
  stationId: z.string().regex(/^[0-9a-f]{32}$/),
  stationName: z.string().min(1).max(200),
  days: z
    .array(z.strictObject({ day, counts: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.number().int().min(0).max(1e9)) }))
    .max(USAGE_UPLOAD_MAX_DAYS),
  /** The station's feed cursor: the highest root sequence it applied from its hub's feed, and when (issue 17; absent from older stations, or before a first sync). */
  feed: z.strictObject({ sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), appliedAt: z.iso.datetime({ offset: true }) }).optional(),
});
export type UsageUpload = z.infer<typeof usageUploadSchema>;

/** Use summed per station at a hub. */
export interface StationUsage {
  stationId: string;
  stationName: string;
  lastReportAt: string;
  firstDay: string | null;
  lastDay: string | null;
  totals: Record<string, number>;
}

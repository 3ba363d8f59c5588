/**
 * What the app shows officials of sync (contract methods sync.*): the sources with their pinned
 * keys, a run's live progress, the history of runs with their outcome by reference (each screen
 * says it in its language), and the schedule and bandwidth settings. Types and input schemas
 * only; the engine is catalog/sync/.
 */
import { z } from 'zod';
import type { MessageRef } from './messages.js';

export interface SyncSourceInfo {
  id: number;
  /** An http(s) URL ending in '/' or an absolute folder path (a USB drive). */
  location: string;
  label: string | null;
  /** Ids (hex sha256 of the raw key) of the pinned Ed25519 public keys. */
  keyIds: string[];
  lastSequence: number | null;
  lastSyncAt: string | null;
  /** The last run's error or warning, null when it went well. */
  lastError: MessageRef | null;
}

export const SYNC_PHASES = ['checking', 'snapshot', 'pages', 'files', 'texts'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export interface SyncProgressInfo {
  phase: SyncPhase;
  publicationsDone: number;
  publicationsTotal: number | null;
  pagesDone: number;
  pagesTotal: number | null;
  filesDone: number;
  filesFailed: number;
  filesTotal: number | null;
  bytesDone: number;
  bytesTotal: number | null;
  bytesPerSecond: number;
  secondsLeft: number | null;
  /** Texts the station still lacked after the catalog: fetched from the feed or extracted from files here. */
  textsDone: number;
  textsTotal: number | null;
}

export const SYNC_RUN_STATUSES = ['running', 'ok', 'unchanged', 'expired', 'refused', 'failed', 'stopped', 'interrupted'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export type SyncTrigger = 'manual' | 'schedule' | 'cli';

export interface SyncRun {
  id: number;
  sourceId: number;
  location: string;
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string | null;
  status: SyncRunStatus;
  sequence: number | null;
  added: number;
  updated: number;
  deleted: number;
  files: number;
  bytes: number;
  filesFailed: number;
  /** Why it ended as it did (a warning, an error) and what else it did (the demo set retired); null when there is nothing to say. */
  message: MessageRef | null;
}

export interface SyncSettings {
  /** Sync every source this often while the app runs; null: only when asked. */
  intervalMinutes: number | null;
  /** Cap on download speed; null: no cap. */
  maxBytesPerSecond: number | null;
}

export interface SyncStatus {
  running: boolean;
  stopping: boolean;
  sourceId: number | null;
  trigger: SyncTrigger | null;
  startedAt: string | null;
  progress: SyncProgressInfo | null;
  nextRunAt: string | null;
  settings: SyncSettings;
  lastRun: SyncRun | null;
}

const MAX_KEY_PEM = 1000;

export const addSourceInput = z.strictObject({
  location: z.string().trim().min(1).max(2000),
  label: z.string().trim().min(1).max(200).optional(),
  /** SPKI PEM text of the hub's Ed25519 public key(s), as `bookshelf keygen` writes them. */
  publicKeys: z.array(z.string().min(1).max(MAX_KEY_PEM)).max(10).default([]),
});

export const syncSettingsInput = z.strictObject({
  intervalMinutes: z.number().int().min(5).max(7 * 24 * 60).nullable().optional(),
  maxBytesPerSecond: z.number().int().min(16 * 1024).max(10 * 1024 * 1024 * 1024).nullable().optional(),
});

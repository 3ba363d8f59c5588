/**
 * Contract methods of the officials' administration of a station: the library's disk and what
 * it holds (`admin.storage`), the station settings the resident screens and the report read
 * (`admin.settings`, `admin.updateSettings`), and the yearly report as a file to download
 * (`usage.reportFile`, the same CSV and PDF as `bookshelf report`; at a hub, for its whole
 * network too). Merged into shared/contract.ts.
 */
import { z } from 'zod';
import { COMMUNE_NAME_MAX } from '../domain.js';
import type { DisplayDefaults, PublicationKind } from '../domain.js';
import type { SelectionCounts, SyncSelection } from '../sync.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

/** Bytes and files of one group (a field, a document type, a kind) present on this station. */
export interface StorageGroup<K> {
  key: K;
  files: number;
  bytes: number;
}

/** How close the library's disk is to full: 'low' warns, 'critical' means downloads will soon fail. */
export type DiskLevel = 'ok' | 'low' | 'critical';

export interface StorageReport {
  disk: {
    /** Bytes of the disk (file system) the library is on, and what is free for this app. */
    totalBytes: number;
    freeBytes: number;
    level: DiskLevel;
    /** Free space under which the level is 'low' and 'critical'. */
    lowBytes: number;
    criticalBytes: number;
  };
  /** The catalog database (with its write-ahead log). */
  databaseBytes: number;
  files: {
    presentFiles: number;
    presentBytes: number;
    /** Still to download (wanted here). */
    pendingFiles: number;
    pendingBytes: number;
    /** Left out by selective sync: never downloaded. */
    notKeptFiles: number;
    notKeptBytes: number;
    corruptFiles: number;
  };
  /** Files present, per field of law (a file in two fields counts in both); null: no field. */
  byField: StorageGroup<string | null>[];
  /** Files present, per document type (Luật, Nghị định…); null: none (books, guides). */
  byType: StorageGroup<string | null>[];
  byKind: StorageGroup<PublicationKind>[];
  /** What selective sync keeps, and what that comes to. */
  selection: SyncSelection;
  counts: SelectionCounts;
}

export const REPORT_FILE_FORMATS = ['csv', 'pdf'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** A report file for the browser to save. */
export interface ReportFile {
  fileName: string;
  mediaType: string;
  base64: string;
}

/** Station settings beyond the kiosk's own (kiosk.updateSettings). */
export interface StationSettings {
  /**
   * The commune's (station's) name: the report's "Đơn vị", the footer, the published feed's
   * title. Null until an official sets it: the screens ask for it, the report says it is missing.
   */
  communeName: string | null;
  /** Who signs the yearly report as the unit's head ("Thủ trưởng đơn vị"); null: a line to write the name on. */
  headName: string | null;
  display: DisplayDefaults;
  lan: {
    /** LAN serving at the next start of `bookshelf serve` (off by default). */
    enabled: boolean;
    /** Where phones reach the station now, null when it is not serving the LAN now. */
    currentUrl: string | null;
  };
}

/** The longest period a report file covers, in months: usage.report's bound (USAGE_REPORT_MAX_MONTHS; not imported, shared/contract.ts imports this file). */
export const REPORT_FILE_MAX_MONTHS = 120;
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

export const adminMethods = {
  'admin.storage': method<StorageReport>()({
    access: 'official',
    summary: 'The library’s disk (total, free, how close to full), the catalog’s files present, pending and not kept, per field, type and kind, and what selective sync keeps.',
    input: z.object({}).strict(),
  }),
  'admin.settings': method<StationSettings>()({
    access: 'official',
    summary: 'The station settings: the commune’s name (null until set) and the head who signs the report, the resident screens’ defaults (large text, language, printing), LAN serving.',
    input: z.object({}).strict(),
  }),
  'admin.updateSettings': method<StationSettings>()({
    access: 'official',
    summary: 'Changes what is given of the station settings; LAN serving takes effect at the next start.',
    input: z
      .object({
        communeName: z.string().trim().min(1).max(COMMUNE_NAME_MAX).optional(),
        headName: z.string().trim().max(COMMUNE_NAME_MAX).optional(),
        largeText: z.boolean().optional(),
        language: z.enum(['vi', 'en']).optional(),
        printingAllowed: z.boolean().optional(),
        lanEnabled: z.boolean().optional(),
      })
      .strict(),
    audited: true,
  }),
  'usage.reportFile': method<ReportFile>()({
    access: 'official',
    summary:
      'The yearly report on use between two dates (both included) as a file: CSV (Excel, UTF-8) or a printable PDF with charts, prepared by the signed-in official (named above their signature). At a hub, `network` makes it for the whole network: totals, provinces and stations, from what the stations reported.',
    input: z
      .object({ from: z.iso.date(), to: z.iso.date(), format: z.enum(REPORT_FILE_FORMATS), network: z.boolean().optional() })
      .strict()
      .refine((p) => p.from <= p.to, { message: 'from <= to' })
      .refine((p) => monthIndex(p.to) - monthIndex(p.from) + 1 <= REPORT_FILE_MAX_MONTHS, { message: `at most ${REPORT_FILE_MAX_MONTHS} months` }),
  }),
} satisfies Record<string, MethodSpec>;

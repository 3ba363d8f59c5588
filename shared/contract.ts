/**
 * The one API contract: every engine method with its input schema (validated at the
 * boundary), its output type and who may call it. The preload bridge, the IPC bindings,
 * the HTTP routes and the renderer's client are all derived from this table. The readers' and
 * sync methods are declared here; accounts, the librarian's desk, the outbox, the hub, stations' enrolment, the
 * officials' administration, their corrections to relations and the text view each in their own file of shared/contract/, merged below.
 */
import { z } from 'zod';
import { DOCUMENT_STATUSES, PUBLICATION_KINDS, PUBLICATION_SORTS } from './domain.js';
import type { KioskSettings, LibraryInfo, Page, PublicationDetail, PublicationSummary } from './domain.js';
import { method } from './contract/method.js';
import type { MethodSpec } from './contract/method.js';
import { accountMethods } from './contract/accounts.js';
import { adminMethods } from './contract/admin.js';
import { deskMethods } from './contract/desk.js';
import { outboxMethods } from './contract/outbox.js';
import { hubMethods } from './contract/hub.js';
import { stationMethods } from './contract/stations.js';
import { relationsMethods } from './contract/relations.js';
import { readingMethods } from './contract/reading.js';
import { updateMethods } from './contract/updates.js';
import type { Facets, SearchResult, Suggestion } from './search/results.js';
import { addSourceInput, syncSettingsInput } from './sync-status.js';
import type { SyncRun, SyncSettings, SyncSourceInfo, SyncStatus } from './sync-status.js';
import { syncSelectionSchema } from './sync.js';
import type { SelectionCounts, SelectionSummary, SyncSelection } from './sync.js';

const publicationId = z.string().min(1).max(200);
const values = <T extends z.ZodType>(item: T) => z.array(item).max(50).optional();
const label = z.string().min(1).max(200);

/** Narrowing a search: every given list must match (values within a list are alternatives). */
const searchFilters = z
  .object({
    docType: values(label),
    issuer: values(label),
    year: values(z.number().int().min(1800).max(2200)),
    field: values(label),
    legalStatus: values(z.enum(DOCUMENT_STATUSES)),
    kind: values(z.enum(PUBLICATION_KINDS)),
    language: values(z.string().min(2).max(20)),
  })
  .strict();
const searchText = z.string().max(500);

/** The station's daily usage counters (catalog/usage.ts): counts only, nothing about who. */
export const USAGE_COUNTERS = ['search', 'search_no_result', 'kiosk_session', 'phone_session', 'page_printed', 'document_added', 'document_sent'] as const;
export type UsageCounter = (typeof USAGE_COUNTERS)[number];
/** The counters the UI reports itself; the engine counts the others. */
export const RECORDED_USAGE_COUNTERS = ['kiosk_session', 'phone_session', 'page_printed'] as const;
export type RecordedUsageCounter = (typeof RECORDED_USAGE_COUNTERS)[number];
/** The longest period one usage report covers, in months. */
export const USAGE_REPORT_MAX_MONTHS = 120;

/** One calendar month of use: opened is documents opened in a reader (table reads). */
export interface UsageMonth {
  month: string; // YYYY-MM
  opened: number;
  counts: Record<UsageCounter, number>;
}

/** Use of the station over a period, for the yearly report to the ministry. */
export interface UsageSummary {
  from: string;
  to: string;
  totals: Record<UsageCounter | 'opened', number>;
  months: UsageMonth[];
  /** The documents opened most (20 at most), most first. */
  topDocuments: { id: string; title: string; number: string | null; opened: number }[];
  /** Openings per field of law; null gathers documents with no field. */
  byField: { field: string | null; opened: number }[];
  /** Searches that found nothing, by folded query text (20 at most), most first. */
  noResultTerms: { term: string; count: number }[];
}

const usagePeriod = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from <= to' })
  .refine((p) => monthsInPeriod(p.from, p.to) <= USAGE_REPORT_MAX_MONTHS, { message: `at most ${USAGE_REPORT_MAX_MONTHS} months` });

/** How many calendar months a period (YYYY-MM-DD, both included) touches. */
export function monthsInPeriod(from: string, to: string): number {
  const month = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  return month(to) - month(from) + 1;
}

export const contract = {
  'library.info': method<LibraryInfo>()({
    access: 'anyone',
    summary: 'Counts and versions of this library.',
    input: z.object({}).strict(),
  }),
  'publications.list': method<Page<PublicationSummary>>()({
    access: 'anyone',
    summary: 'A page of publications, sorted.',
    input: z
      .object({
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(100).default(20),
        sort: z.enum(PUBLICATION_SORTS).default('title'),
        order: z.enum(['asc', 'desc']).optional(),
        kind: z.enum(PUBLICATION_KINDS).optional(),
        /** Only those whose main file is on this station (the home page's new arrivals: what can be read now). */
        available: z.literal(true).optional(),
      })
      .strict(),
  }),
  'publications.get': method<PublicationDetail>()({
    access: 'anyone',
    summary: 'One publication with its files, its table of contents, why it has its legal status and the documents related to it.',
    input: z.object({ id: publicationId }).strict(),
  }),
  search: method<SearchResult>()({
    access: 'anyone',
    summary: 'Full-text and number search with article-level hits, filters, paging and facets, and what was understood of the query.',
    input: z
      .object({
        q: searchText.default(''),
        offset: z.number().int().min(0).max(10_000).default(0),
        limit: z.number().int().min(1).max(50).default(20),
        filters: searchFilters.default({}),
        facets: z.boolean().default(false),
        /** The words exactly as typed: no accents restored, no typo corrected, no everyday word expanded. */
        asTyped: z.boolean().default(false),
      })
      .strict(),
  }),
  suggest: method<Suggestion[]>()({
    access: 'anyone',
    summary: 'Typeahead: titles and numbers for what has been typed so far.',
    input: z.object({ q: z.string().max(200), limit: z.number().int().min(1).max(20).default(8) }).strict(),
  }),
  facets: method<Facets>()({
    access: 'anyone',
    summary: 'Counts per type, issuer, year, field, legal status, kind and language, for a query or the whole catalog.',
    input: z.object({ q: searchText.default(''), filters: searchFilters.default({}), asTyped: z.boolean().default(false) }).strict(),
  }),
  'reading.record': method<{ recorded: boolean }>()({
    access: 'anyone',
    summary: 'Counts one opening of a publication in a reader (counts per day only, never who read).',
    input: z.object({ id: publicationId }).strict(),
  }),
  'publications.mostRead': method<PublicationSummary[]>()({
    access: 'anyone',
    summary: 'The publications opened most at this station recently, most first.',
    input: z.object({ limit: z.number().int().min(1).max(20).default(8), days: z.number().int().min(1).max(3660).default(90) }).strict(),
  }),
  'usage.record': method<{ recorded: boolean }>()({
    access: 'anyone',
    summary: 'Counts a kiosk session, a phone session or printed pages for the usage report (counts per day only).',
    input: z.object({ counter: z.enum(RECORDED_USAGE_COUNTERS), n: z.number().int().min(1).max(500).default(1) }).strict(),
  }),
  'usage.report': method<UsageSummary>()({
    access: 'official',
    summary: 'Use of the station between two dates (YYYY-MM-DD, both included): totals, per month, top documents, fields, searches with no result.',
    input: usagePeriod,
  }),
  'kiosk.updateSettings': method<KioskSettings>()({
    access: 'official',
    summary: 'Kiosk settings: always start as a kiosk; seconds without a touch before the screen goes back home and forgets the last reader.',
    input: z.object({ enabled: z.boolean().optional(), idleSeconds: z.number().int().min(30).max(3600).optional() }).strict(),
    audited: true,
  }),
  'sync.sources': method<SyncSourceInfo[]>()({
    access: 'official',
    summary: 'The feeds this station syncs from, with their pinned key ids and last outcome.',
    input: z.object({}).strict(),
  }),
  'sync.addSource': method<SyncSourceInfo>()({
    access: 'official',
    summary: 'Adds a source (an http(s) URL or a folder) with its trusted public keys, or adds keys to one.',
    input: addSourceInput,
    audited: true,
  }),
  'sync.removeSource': method<SyncSourceInfo[]>()({
    access: 'official',
    summary: 'Forgets a source and its cached feed; the publications it brought stay.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    audited: true,
  }),
  'sync.start': method<SyncStatus>()({
    access: 'official',
    summary: 'Starts syncing (the only source, or the one given) in the background.',
    input: z.object({ sourceId: z.number().int().positive().optional() }).strict(),
    audited: true,
  }),
  'sync.stop': method<SyncStatus>()({
    access: 'official',
    summary: 'Stops the running sync; what it has is kept and the next run continues.',
    input: z.object({}).strict(),
    audited: true,
  }),
  'sync.status': method<SyncStatus>()({
    access: 'official',
    summary: 'Whether a sync runs, its live progress, the schedule and the last outcome.',
    input: z.object({}).strict(),
  }),
  'sync.history': method<Page<SyncRun>>()({
    access: 'official',
    summary: 'Past sync runs, newest first, with their outcome in plain words.',
    input: z.object({ offset: z.number().int().min(0).max(1_000_000).default(0), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  }),
  'sync.updateSettings': method<SyncSettings>()({
    access: 'official',
    summary: 'Sets the schedule (minutes between syncs, null for none) and the bandwidth cap.',
    input: syncSettingsInput,
    audited: true,
  }),
  'sync.selection': method<{ selection: SyncSelection; counts: SelectionCounts }>()({
    access: 'official',
    summary: 'What this station keeps of the national files (fields, types, kinds, size budget), and what that comes to.',
    input: z.object({}).strict(),
  }),
  'sync.setSelection': method<SelectionSummary>()({
    access: 'official',
    summary: 'Chooses what to keep; files left out are removed from disk, metadata stays complete.',
    input: syncSelectionSchema,
    audited: true,
  }),
  ...accountMethods,
  ...deskMethods,
  ...outboxMethods,
  ...hubMethods,
  ...stationMethods,
  ...adminMethods,
  ...relationsMethods,
  ...readingMethods,
  ...updateMethods,
} satisfies Record<string, MethodSpec>;

export type ContractTable = Record<string, MethodSpec>;
export type Contract = typeof contract;
export type MethodName = keyof Contract;

/** What a caller sends (defaults may be left out). */
export type InputOf<M extends MethodName, C extends ContractTable = Contract> = z.input<C[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<C extends ContractTable, M extends keyof C> = z.output<C[M]['input']>;
export type OutputOf<M extends MethodName, C extends ContractTable = Contract> = C[M]['output'];

export type { Access, MethodSpec } from './contract/method.js';

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

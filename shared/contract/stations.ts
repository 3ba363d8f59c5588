/**
 * Contract methods of enrolment (issue 17), both ends. At a hub (`stations.*`): the stations
 * that asked to send to it, with their state, how far each has synced and when it was last
 * seen, and an official's decisions — approve, refuse, revoke (a revoked station's uploads
 * waiting there are dropped); and the network's use, per station or per province, over a
 * period (`stations.usage`). At a station (`enrolment.*`):
 * its enrolment with its hub as last known, a request to enrol (name, commune, province; signed
 * with the station's own key), and a fresh answer from the hub. Merged into shared/contract.ts.
 */
import { z } from 'zod';
import type { MessageRef } from '../messages.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

/** A station at a hub: 'unenrolled' reported usage before enrolment existed and has no key. */
export const HUB_STATION_STATES = ['unenrolled', 'pending', 'approved', 'refused', 'revoked'] as const;
export type HubStationState = (typeof HUB_STATION_STATES)[number];
/** The states in the order a hub lists its stations: decisions to take first. */
export const HUB_STATION_ORDER = ['pending', 'approved', 'refused', 'revoked', 'unenrolled'] as const satisfies readonly HubStationState[];

/** A station as the hub's stations screen shows it. */
export interface HubStation {
  stationId: string;
  name: string;
  commune: string;
  province: string;
  state: HubStationState;
  /** sha256 (hex) of its public key, to compare with what the station shows; null when unenrolled. */
  fingerprint: string | null;
  requestedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** Its last request the hub accepted (to the minute), and its last usage report. */
  lastSeenAt: string | null;
  lastReportAt: string | null;
  /** Its uploads waiting for moderation. */
  pendingUploads: number;
  /** Its feed cursor as its last usage report said (the highest root sequence it applied, and when); null before one said it. */
  feedSequence: number | null;
  feedAppliedAt: string | null;
}

/** A page of stations (`stations.list`): 50 unless asked, at most 200 — a hub serves thousands. */
export const STATIONS_PAGE_SIZE = 50;
export const STATIONS_PAGE_MAX = 200;

/** A province as stations wrote it, and how many stations wrote it so. */
export interface StationProvince {
  name: string;
  count: number;
}

/** One page of the hub's stations, with what the filters around it need. */
export interface StationList {
  /** The page: pending first (oldest request first), then approved, refused, revoked, unenrolled, each by province, commune and name. */
  stations: HubStation[];
  /** Stations matching the state, province and query (all pages). */
  total: number;
  /** Stations in each state within the province and query (whatever the state asked). */
  counts: Record<HubStationState, number>;
  /** Every province stations wrote (exactly as written), alphabetical, with its stations (any state). */
  provinces: StationProvince[];
}

export const USAGE_GROUPINGS = ['station', 'province'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

/** One row of the network's use: a station, or the stations of one province together. */
export interface NetworkUsageRow {
  /** The station's id; for a province, its name folded (the same province however its stations spell it). */
  key: string;
  /** The station's name, or the province as most of its stations write it ('' when they gave none). */
  name: string;
  /** The station's commune ('' for a province). */
  commune: string;
  province: string;
  /** Stations in the row (1 for a station), and those of them that reported use in the period. */
  stations: number;
  reporting: number;
  /** The latest usage report; the feed cursor (for a province, the station furthest behind). */
  lastReportAt: string | null;
  feedSequence: number | null;
  /** Counts summed over the period, by counter (opened, search…; only counters reported). */
  totals: Record<string, number>;
}

/** The network's use over a period, as a hub's stations screen shows it. */
export interface NetworkUsage {
  /** The period (both days included); null: from the first day reported, to the last. */
  from: string | null;
  to: string | null;
  by: UsageGrouping;
  /** The hub's last published root sequence, to read each station's cursor against. */
  publishedSequence: number;
  /** Approved stations (those silent in the period too) and any other that reported in it. */
  rows: NetworkUsageRow[];
  /** Every row summed. */
  totals: Record<string, number>;
}

/** A decision on a station, and what it dropped (a revocation: its uploads waiting or unfinished). */
export interface StationDecision {
  station: HubStation;
  droppedUploads: number;
}

/** A station's enrolment with a hub as it knows it: 'none' never asked, 'unknown' the hub no longer knows it. */
export const ENROLMENT_STATES = ['none', 'pending', 'approved', 'refused', 'revoked', 'unknown'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

export interface Enrolment {
  /** The hub it sends to (outbox.settings' effectiveHubUrl); null when none is set. */
  hubUrl: string | null;
  stationId: string;
  /** sha256 (hex) of this station's public key: the official reads it out to the hub's official. */
  fingerprint: string;
  state: EnrolmentState;
  name: string | null;
  commune: string | null;
  province: string | null;
  requestedAt: string | null;
  decidedAt: string | null;
  /** When the hub last said so. */
  checkedAt: string | null;
  /** The hub's last refusal of a request this station signed (a clock far off, a revocation…). */
  refusal: MessageRef | null;
}

/** The longest station, commune or province name a hub keeps. */
export const STATION_NAME_MAX = 200;

const stationId = z.string().regex(/^[0-9a-f]{32}$/);
const place = z.string().trim().min(1).max(STATION_NAME_MAX);

/** A hub's side. */
export const hubStationMethods = {
  'stations.list': method<StationList>()({
    access: 'official',
    summary:
      'At a hub: a page of the stations that asked to send to it (pending first), with their state, places, key fingerprint and when last seen; filtered by state, province (exactly as written) and a search of name and commune (with or without diacritics); with the count in each state and the provinces.',
    input: z
      .object({
        state: z.enum([...HUB_STATION_STATES, 'all']).default('all'),
        province: z.string().max(STATION_NAME_MAX).optional(),
        query: z.string().trim().max(STATION_NAME_MAX).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(STATIONS_PAGE_MAX).default(STATIONS_PAGE_SIZE),
      })
      .strict(),
  }),
  'stations.approve': method<StationDecision>()({
    access: 'official',
    summary: 'At a hub: accepts a pending station; its signed uploads and usage reports are taken from now on.',
    input: z.object({ stationId }).strict(),
    audited: true,
  }),
  'stations.refuse': method<StationDecision>()({
    access: 'official',
    summary: 'At a hub: refuses a pending station; it may ask again.',
    input: z.object({ stationId }).strict(),
    audited: true,
  }),
  'stations.revoke': method<StationDecision>()({
    access: 'official',
    summary: 'At a hub: revokes an approved station for good; its uploads waiting or unfinished are dropped.',
    input: z.object({ stationId }).strict(),
    audited: true,
  }),
  'stations.usage': method<NetworkUsage>()({
    access: 'official',
    summary: 'At a hub: the use its stations reported, summed per station or per province between two dates (both included), with each station’s feed cursor beside the hub’s last publish.',
    input: z
      .object({ from: z.iso.date().optional(), to: z.iso.date().optional(), by: z.enum(USAGE_GROUPINGS).default('station') })
      .strict()
      .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from <= to' }),
  }),
} satisfies Record<string, MethodSpec>;

/** A station's side. */
export const enrolmentMethods = {
  'enrolment.get': method<Enrolment>()({
    access: 'official',
    summary: 'At a station: its enrolment with its hub as last known, with its key fingerprint.',
    input: z.object({}).strict(),
  }),
  'enrolment.request': method<Enrolment>()({
    access: 'official',
    summary: 'At a station: asks the hub (given here, else the one set) to enrol this station, signed with its own key.',
    input: z.object({ hubUrl: z.string().trim().max(500).optional(), name: place, commune: place, province: place }).strict(),
    audited: true,
  }),
  'enrolment.check': method<Enrolment>()({
    access: 'official',
    summary: 'At a station: asks the hub now whether this station is pending, approved, refused or revoked.',
    input: z.object({}).strict(),
  }),
} satisfies Record<string, MethodSpec>;

export const stationMethods = { ...hubStationMethods, ...enrolmentMethods } satisfies Record<string, MethodSpec>;

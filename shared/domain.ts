/**
 * Domain types of the bookshelf: publications, their files, the library summary.
 * Shared by the engine, both transports and the UI.
 */
import type { Section } from './legal/structure.js';
import type { MessageRef } from './messages.js';
import type { RelatedDocument, RelatedGroup } from './related.js';

export const PUBLICATION_KINDS = ['legal', 'book', 'guide', 'qa'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** Legal force as a feed, a hub or an official gives it ('unknown': not given), mapped to schema.org LegalForceStatus where one exists. */
export const LEGAL_STATUSES = ['in_force', 'partly_in_force', 'not_in_force', 'unknown'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/**
 * Legal force as shown: the status given where one is, else the one derived from the document's
 * effective date and the relations of the documents the station holds (catalog/relations/status.ts),
 * which can also say that a document is not yet in force.
 */
export const DOCUMENT_STATUSES = ['in_force', 'not_yet_in_force', 'partly_in_force', 'not_in_force', 'unknown'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const SCHEMA_ORG_LEGAL_FORCE: Record<LegalStatus, string | null> = {
  in_force: 'https://schema.org/InForce',
  partly_in_force: 'https://schema.org/PartiallyInForce',
  not_in_force: 'https://schema.org/NotInForce',
  unknown: null,
};

/**
 * 'pending': not yet downloaded; 'excluded': pending but not kept at this station (selective
 * sync: never downloaded while the station's choice leaves it out); 'corrupt': failed its check.
 */
export type FileState = 'pending' | 'present' | 'corrupt' | 'excluded';
export type FileRole = 'content' | 'cover';
export type Origin = 'national' | 'local';

export interface PublicationFile {
  sha256: string;
  size: number;
  mediaType: string;
  state: FileState;
  role: FileRole;
}

/** What a list shows of a publication. */
export interface PublicationSummary {
  id: string;
  kind: PublicationKind;
  title: string;
  number: string | null;
  docType: string | null;
  issuer: string | null;
  /** ISO date, YYYY-MM-DD. */
  issuedDate: string | null;
  /** The status a feed, a hub or an official gave ('unknown': none given). */
  legalStatus: LegalStatus;
  /** The status shown: the given one, else the derived one. */
  status: DocumentStatus;
  fields: string[];
  language: string;
  /** The main file (PDF or EPUB) is on this station and verified. */
  available: boolean;
  /** The main file is not on this station and not kept here (selective sync): it will not be downloaded. */
  excluded: boolean;
}

export type SectionLevel = Section['level'];

/** A heading of a publication's structure, for its table of contents and for opening the reader there. */
export interface SectionSummary {
  id: number;
  level: SectionLevel;
  number: string;
  heading: string;
  /** Offset of the section in the publication's text. */
  start: number;
  /** 1-based page (PDF) or spine item (EPUB) where it starts, when known. */
  page: number | null;
  /** Id of the enclosing section (the chapter of an article…). */
  parent: number | null;
}

export interface Publication extends PublicationSummary {
  effectiveDate: string | null;
  authors: string[];
  publisher: string | null;
  description: string | null;
  origin: Origin;
  files: PublicationFile[];
  /** Table of contents of a legal text (parts down to articles; clauses are left out). */
  sections: SectionSummary[];
  createdAt: string;
  updatedAt: string;
}

/** A publication as its page shows it. */
export interface PublicationDetail extends Publication {
  /** The date given by a feed or an official, else the one its text states (the issue date for one in effect from signing). */
  effectiveDate: string | null;
  /** Why it has the status shown, when derived ("Hết hiệu lực từ 01/07/2025, thay thế bởi …"); null otherwise. */
  statusReason: MessageRef | null;
  /** The documents it names and those naming it, by relation (shared/related.ts). */
  related: RelatedGroup[];
  /** Relations of it an official removed (kept so no reading brings them back; an official can undo the removal). */
  removedRelations: RelatedDocument[];
}

export interface LibraryInfo {
  name: string;
  appVersion: string;
  schemaVersion: number;
  publications: number;
  filesPresent: number;
  filesPending: number;
  /** Files selective sync leaves out at this station (never downloaded). */
  filesNotKept: number;
  bytesPresent: number;
  kiosk: KioskSettings;
  /** How the resident screens start (officials' station settings). */
  display: DisplayDefaults;
  /** This station's address for phones on the LAN (http://address:port), null when LAN serving is off. */
  lanUrl: string | null;
  /** The demo set: standing in for a real catalog, retired by the first feed, or never loaded. */
  demo: DemoState;
  /** This library acts as a hub (it publishes a feed, stations send to it): its officials see the hub's screens. */
  hub: boolean;
}

export type DemoState =
  | { state: 'loaded'; count: number }
  | { state: 'retired'; at: string; merged: number; removed: number }
  | { state: 'none' };

/** What the resident screens start with, chosen by the station's officials. */
export interface DisplayDefaults {
  /** Start with large text (a reader can still switch it off). */
  largeText: boolean;
  /** The UI language a new reader starts in. */
  language: 'vi' | 'en';
  /** Whether readers may print pages at this station. */
  printingAllowed: boolean;
}

/** The longest name of a commune (the station's unit) an official may set. */
export const COMMUNE_NAME_MAX = 120;

export const DEFAULT_DISPLAY: DisplayDefaults = { largeText: false, language: 'vi', printingAllowed: true };

export interface KioskSettings {
  /** Start this station's app in kiosk mode even without --kiosk. */
  enabled: boolean;
  /** Seconds without input before a kiosk goes back home and forgets the last reader. */
  idleSeconds: number;
}

export const DEFAULT_KIOSK_IDLE_SECONDS = 180;

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export const PUBLICATION_SORTS = ['title', 'issued', 'number', 'added'] as const;
export type PublicationSort = (typeof PUBLICATION_SORTS)[number];

export const ROLES = ['anyone', 'librarian', 'official'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The librarian's desk: a batch is the pages of one document in the making (scanned, picked up
 * from a watched folder, or taken from a PDF/EPUB file), kept on disk across restarts until it
 * is saved as a publication or discarded. Shapes the contract carries, and the description form
 * with its validation (the same rules in the UI and the engine).
 */
import { z } from 'zod';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from './domain.js';
import type { PublicationSummary } from './domain.js';
import { extractNumbers, tidyNumber } from './legal/numbers.js';
import type { MessageRef } from './messages.js';

/** A place pages come from: a SANE scanner, or a folder a network scanner saves into. */
export interface ScannerInfo {
  /** 'sane:<device name>' or 'folder:<absolute path>'. */
  id: string;
  kind: 'sane' | 'folder';
  label: string;
  /** Paper sources it offers: the flatbed glass, the automatic document feeder. */
  sources: ScanSource[];
  modes: ScanMode[];
  resolutions: number[];
}

/** The scanners found, and — when there is none — what each kind of source lacks, by reference (no scanner program, no device answering, no scan folder). */
export interface ScannerList {
  scanners: ScannerInfo[];
  whyNone: MessageRef[];
}

export const SCAN_SOURCES = ['flatbed', 'feeder'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];
export const SCAN_MODES = ['color', 'gray', 'lineart'] as const;
export type ScanMode = (typeof SCAN_MODES)[number];
export const PAGE_SIZES = ['a4', 'a5', 'letter'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface DeskPage {
  id: string;
  /** Position in the batch, from 0. */
  index: number;
  /** Clockwise quarter turns applied on top of the scanned image. */
  rotation: 0 | 90 | 180 | 270;
  width: number;
  height: number;
  /** A small JPEG of the page as it will appear (rotation applied), as a data: URL. */
  thumbnail: string;
  /** Characters of recognised text, once OCR has read the page. */
  textChars: number | null;
  /** OCR read the page and found (almost) no text: a blank or black page, or one scanned upside down. */
  unreadable: boolean;
}

/** A page whose recognised text holds fewer letters and digits than this is flagged as unreadable. */
export const MIN_PAGE_LETTERS = 20;

/** Whether recognised text is (almost) nothing: fewer than MIN_PAGE_LETTERS letters and digits. */
export function isUnreadableText(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < MIN_PAGE_LETTERS;
}

/** The largest file a browser may upload to import it (desk.uploadStart). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Bytes per desk.uploadChunk: base64 in a JSON body stays under the HTTP server's 64 KB bound. */
export const UPLOAD_CHUNK_BYTES = 46 * 1024;
/** Base64 characters of one full chunk. */
export const UPLOAD_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;

/** A scanner fault or a missing tool, in a stable code. */
export const DESK_FAULTS = ['jammed', 'cover_open', 'no_docs', 'device_gone', 'io_error', 'tool_missing', 'cancelled', 'failed'] as const;
export type DeskFault = (typeof DESK_FAULTS)[number];

/** The background work of a batch: a scan or an OCR run. */
export interface DeskJob {
  kind: 'scan' | 'ocr';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Pages finished so far; total when known (a feeder batch is not known in advance). */
  done: number;
  total: number | null;
  fault: DeskFault | null;
  /** What to say about the fault, by reference (names the package to install when a tool is missing, a device's own words). */
  message: MessageRef | null;
}

export interface DeskBatch {
  id: string;
  /** A running number told on screen ("Lô số 12"): no two open batches share one. */
  number: number;
  createdAt: string;
  /** Where the pages came from: scanned pages, or one imported PDF/EPUB file (then `pages` is empty). */
  origin: 'pages' | 'file';
  /** The imported file's name and type, for origin 'file'. */
  file: { name: string; mediaType: string; size: number } | null;
  pages: DeskPage[];
  job: DeskJob | null;
  /** True once every page has recognised text (after OCR). */
  ocrDone: boolean;
  /** The document would be saved with searchable text: an imported file, or at least one page whose OCR read words. */
  hasText: boolean;
}

export interface DeskBatchSummary {
  id: string;
  number: number;
  createdAt: string;
  pages: number;
  origin: DeskBatch['origin'];
  job: DeskJob | null;
}

const optionalText = (max: number) => z.string().trim().max(max).optional();
const isoDay = z.iso.date();

/**
 * The national description of a document. Required: kind, title, language; for a legal
 * document also its type and issuer. A number must look like a Vietnamese legal number.
 */
export const documentDescriptionSchema = z
  .object({
    kind: z.enum(PUBLICATION_KINDS),
    title: z.string().trim().min(3).max(500),
    number: optionalText(60),
    docType: optionalText(100),
    issuer: optionalText(200),
    issuedDate: isoDay.optional(),
    effectiveDate: isoDay.optional(),
    fields: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    legalStatus: z.enum(LEGAL_STATUSES).default('unknown'),
    language: z.string().trim().min(2).max(20).default('vi'),
    description: optionalText(4000),
  })
  .strict();
export type DocumentDescription = z.output<typeof documentDescriptionSchema>;

/** A rule of the national description the schema alone cannot say, broken by one field. */
export interface DescriptionProblem {
  path: keyof DocumentDescription;
  /** A message key of shared/messages/desk.ts, with its parameters. */
  key: 'desk.numberFormat' | 'desk.docTypeRequired' | 'desk.issuerRequired' | 'desk.effectiveBeforeIssued';
  params?: Record<string, string>;
}

/** True when the text is one whole Vietnamese document number ("14/2019/QĐ-TTg", "123/QĐ-UBND"). */
export function isDocumentNumber(text: string): boolean {
  const tidy = tidyNumber(text);
  const found = extractNumbers(tidy);
  return found.length === 1 && found[0].start === 0 && found[0].end === tidy.length;
}

/**
 * The rules beyond the schema, checked by the form and again by the engine before saving: a
 * number must look like a document number; a legal document needs its type and issuer; it
 * cannot take effect before it was issued.
 */
export function descriptionProblems(description: DocumentDraft): DescriptionProblem[] {
  const problems: DescriptionProblem[] = [];
  const number = description.number?.trim();
  if (number && !isDocumentNumber(number)) problems.push({ path: 'number', key: 'desk.numberFormat', params: { number } });
  if (description.kind === 'legal') {
    if (!description.docType?.trim()) problems.push({ path: 'docType', key: 'desk.docTypeRequired' });
    if (!description.issuer?.trim()) problems.push({ path: 'issuer', key: 'desk.issuerRequired' });
  }
  if (description.issuedDate && description.effectiveDate && description.effectiveDate < description.issuedDate) {
    problems.push({ path: 'effectiveDate', key: 'desk.effectiveBeforeIssued' });
  }
  return problems;
}

/** A description as the form holds it (everything optional), pre-filled from the recognised text. */
export type DocumentDraft = Partial<DocumentDescription>;

/** Catalog entries that look like the document being saved. */
export interface DuplicateCheck {
  /** Same document number (folded). */
  byNumber: PublicationSummary[];
  /** Same file content (sha256 of the built PDF or the imported file). */
  byHash: PublicationSummary[];
}

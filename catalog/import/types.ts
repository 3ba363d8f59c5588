/**
 * What an extractor returns for one file: text with page offsets, metadata, table of contents,
 * an optional cover. Plain data only, since it crosses the worker boundary by structured clone.
 */
import type { MessageRef } from '../../shared/messages.js';

export type SourceFormat = 'pdf' | 'epub';

export const MEDIA_TYPES: Record<SourceFormat, string> = {
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
};

export interface TocEntry {
  title: string;
  /** 1 for top level. */
  level: number;
  /** PDF: 1-based page the entry points to, when it resolves. */
  page?: number | null;
  /** EPUB: href relative to the package root (OPF folder), with any fragment. */
  href?: string | null;
}

export interface ExtractedMetadata {
  title: string | null;
  authors: string[];
  subject: string | null;
  keywords: string | null;
  /** As declared by the file (EPUB dc:language), before any correction. */
  declaredLanguage: string | null;
  /** The language the importer should record ('vi' when the text is clearly Vietnamese). */
  language: string | null;
  publisher: string | null;
  description: string | null;
  /** ISO date (YYYY-MM-DD) or as found. */
  date: string | null;
  identifier: string | null;
}

export interface ExtractedCover {
  data: Uint8Array;
  mediaType: string;
}

export interface Extraction {
  format: SourceFormat;
  mediaType: string;
  /** sha256 and size of the bytes that were parsed. */
  sha256: string;
  size: number;
  /** Full text, NFC: pages (PDF) or spine items (EPUB) joined with "\n". */
  text: string;
  /** Offset in `text` where each page or spine item starts. */
  pageStarts: number[];
  pageCount: number;
  metadata: ExtractedMetadata;
  toc: TocEntry[];
  cover: ExtractedCover | null;
  /** A PDF whose pages are images without a text layer: import it, OCR it later. */
  needsOcr: boolean;
  /** Corrections made and problems tolerated, for the librarian ("dc:language en-US → vi"), worded in shared/messages/import.ts. */
  notes: MessageRef[];
}

/** Bounds for one file; the defaults suit a 4 GB kiosk. */
export interface ExtractLimits {
  /** Largest input file. */
  maxFileBytes: number;
  /** ZIP: total bytes actually inflated, over all entries read. */
  maxUnpackedBytes: number;
  /** ZIP: largest single entry, inflated. */
  maxEntryBytes: number;
  maxEntries: number;
  /** XML documents (container, OPF, NCX, nav). */
  maxXmlBytes: number;
  maxXmlDepth: number;
  /** pdf.js: largest image, in pixels, that it will decode. */
  maxImagePixels: number;
  /** Cover width in pixels for PDFs. */
  coverWidth: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 10_000,
  maxXmlBytes: 8 * 1024 * 1024,
  maxXmlDepth: 200,
  maxImagePixels: 40_000_000,
  coverWidth: 300,
};

/** Pages (or spine items) joined with "\n", and the offset where each starts in the result. */
export function joinPages(pages: string[]): { text: string; pageStarts: number[] } {
  const pageStarts: number[] = [];
  let offset = 0;
  for (const page of pages) {
    pageStarts.push(offset);
    offset += page.length + 1;
  }
  return { text: pages.join('\n'), pageStarts };
}

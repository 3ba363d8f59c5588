/**
 * From an extraction to the catalog's DocumentRecord: a legal document when the header of its
 * first page names a number or a type (title as shared/legal/title.ts writes it, number, type,
 * issuer, date), else a book (EPUB) or a guide (PDF) titled from its metadata or file name;
 * the legal structure of its text; its files.
 */
import path from 'node:path';
import type { DocumentRecord } from '../documents.js';
import type { NewFileLink, NewPublication } from '../publications.js';
import { parseLegalHeader } from '../../shared/legal/header.js';
import type { LegalHeader } from '../../shared/legal/header.js';
import { legalTitle } from '../../shared/legal/title.js';
import { parseStructure } from '../../shared/legal/structure.js';
import type { Extraction } from './types.js';

/** How much of page 1 the header parser reads. */
const HEADER_CHARS = 3000;

/** A stable id for a locally imported file: the same bytes always get the same id. */
export function localId(sha256: string): string {
  return `local-${sha256.slice(0, 16)}`;
}

/** The text of the first page (PDF) or the first non-empty spine item (EPUB), cut short. */
export function firstPageText(extraction: Extraction): string {
  const { text, pageStarts } = extraction;
  for (let i = 0; i < Math.max(1, pageStarts.length); i++) {
    const start = pageStarts[i] ?? 0;
    const end = i + 1 < pageStarts.length ? pageStarts[i + 1] : text.length;
    const page = text.slice(start, end).trim();
    if (page !== '' || extraction.format === 'pdf') return page.slice(0, HEADER_CHARS);
  }
  return '';
}

/** Whether a header is good enough to call the file a legal document. */
export function isLegal(header: LegalHeader, format: Extraction['format']): boolean {
  // A book's title page can carry a capitalised word that is also a type ("HƯỚNG DẪN …"):
  // an EPUB needs a number.
  return format === 'pdf' ? Boolean(header.number || header.docType) : Boolean(header.number);
}

/** "luat-so-69_2020.pdf" → "luat so 69 2020". */
export function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return base || path.basename(file);
}

export interface RecordFiles {
  content: NewFileLink;
  cover?: NewFileLink;
}

export interface BuiltRecord {
  record: DocumentRecord;
  header: LegalHeader | null;
}

export function buildRecord(extraction: Extraction, file: string, files: RecordFiles): BuiltRecord {
  const header = parseLegalHeader(firstPageText(extraction));
  const legal = isLegal(header, extraction.format);
  const meta = extraction.metadata;
  const base: NewPublication = {
    id: localId(extraction.sha256),
    kind: legal ? 'legal' : extraction.format === 'epub' ? 'book' : 'guide',
    title: '',
    origin: 'local',
    legalStatus: 'unknown',
    fields: [],
    language: meta.language ?? (legal ? 'vi' : 'und'),
  };
  const publication: NewPublication = legal
    ? {
        ...base,
        title: legalTitle(header),
        number: header.number,
        docType: header.docType,
        issuer: header.issuer,
        issuedDate: header.date,
        authors: [],
        description: null,
      }
    : {
        ...base,
        title: meta.title?.trim() || titleFromFileName(file),
        authors: meta.authors,
        publisher: meta.publisher,
        // A PDF's Subject is the closest it has to a description.
        description: meta.description ?? (extraction.format === 'pdf' ? meta.subject : null),
      };
  const text = extraction.text.normalize('NFC');
  return {
    header: legal ? header : null,
    record: {
      publication,
      files: [files.content, ...(files.cover ? [files.cover] : [])],
      text: { text, pageStarts: extraction.pageStarts, pageCount: extraction.pageCount },
      sections: text.trim() === '' ? [] : parseStructure(text),
    },
  };
}

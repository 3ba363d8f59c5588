/**
 * From an extraction to the catalog's DocumentRecord: a legal document when the header of its
 * first page names a number or a type (title "Nghị định quy định chi tiết…", number, type,
 * issuer, date), else a book (EPUB) or a guide (PDF) titled from its metadata or file name;
 * the legal structure of its text; its files.
 */
import path from 'node:path';
import type { DocumentRecord } from '../documents.js';
import type { NewFileLink, NewPublication } from '../publications.js';
import { parseLegalHeader } from '../../shared/legal/header.js';
import type { LegalHeader } from '../../shared/legal/header.js';
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

/** Types whose summary is the document's own name: "Luật Bảo hiểm xã hội". */
const NAMED_TYPES = new Set(['Luật', 'Bộ luật', 'Pháp lệnh', 'Hiến pháp']);
const PROPER = [
  'Việt Nam', 'Quốc hội', 'Chính phủ', 'Thủ tướng Chính phủ', 'Nhà nước', 'Đảng', 'Mặt trận Tổ quốc', 'Hà Nội',
  'Thành phố Hồ Chí Minh', 'Ủy ban Thường vụ Quốc hội', 'Ủy ban nhân dân', 'Hội đồng nhân dân',
];

const isUpper = (text: string) => /\p{Lu}.*\p{Lu}/u.test(text) && text === text.toUpperCase();

/** "QUY ĐỊNH CHI TIẾT … CỦA LUẬT BẢO HIỂM XÃ HỘI" → "quy định chi tiết … của Luật Bảo hiểm xã hội". */
export function sentenceCase(caps: string): string {
  let text = caps
    .split(/(\s+)/)
    .map((word) => (/\d/.test(word) ? word : word.toLocaleLowerCase('vi')))
    .join('');
  for (const name of PROPER) text = text.replace(new RegExp(`(?<!\\p{L})${name.toLocaleLowerCase('vi')}(?!\\p{L})`, 'gu'), name);
  // A law cited by name: "luật bảo hiểm y tế" → "Luật Bảo hiểm y tế" (not "pháp luật", "luật sư").
  return text.replace(/(?<!\p{L})(?<!pháp )(bộ luật|luật)\s+(?!sư|pháp|định|hóa|hoá|này|và)(\p{L})/gu, (_m, law: string, first: string) => {
    return `${law === 'bộ luật' ? 'Bộ luật' : 'Luật'} ${first.toLocaleUpperCase('vi')}`;
  });
}

/** The title of a legal document: its type and summary in sentence form. */
export function legalTitle(header: LegalHeader): string {
  const docType = header.docType ?? 'Văn bản';
  const summary = header.summary?.replace(/\s+/g, ' ').trim();
  if (!summary) return header.number ? `${docType} số ${header.number}` : docType;
  let body = isUpper(summary) ? sentenceCase(summary) : summary;
  // A law's summary is its name; anything else reads on from the type: "Nghị định quy định…".
  if (NAMED_TYPES.has(docType) && !/^(sửa đổi|bổ sung)/iu.test(body)) body = body.charAt(0).toLocaleUpperCase('vi') + body.slice(1);
  else if (!/^\p{Lu}{2,}/u.test(body)) body = body.charAt(0).toLocaleLowerCase('vi') + body.slice(1);
  return `${docType} ${body}`.replace(/[\s.;:,]+$/, '');
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

/**
 * Describing a batch: the draft pre-filled from the first page's text by the legal header
 * parser (as the importer does), the duplicate check (same folded number, same file content),
 * and the check of a description against the national rules before saving.
 */
import type { Db } from '../db/open.js';
import { summariesByIds } from '../publications.js';
import { isLegal, titleFromFileName } from '../import/record.js';
import { legalTitle } from '../../shared/legal/title.js';
import { AppError } from '../../shared/errors.js';
import { descriptionProblems } from '../../shared/desk.js';
import type { DocumentDescription, DocumentDraft, DuplicateCheck } from '../../shared/desk.js';
import { parseLegalHeader } from '../../shared/legal/header.js';
import { numberKey } from '../../shared/text.js';

/** How much of the first page the header parser reads (as the importer). */
const HEADER_CHARS = 3000;

export interface DraftSource {
  /** Text of the first page (recognised or extracted). */
  firstPage: string;
  format: 'pdf' | 'epub';
  /** What the file itself says, for an imported file. */
  metadata?: { title: string | null; language: string | null; description: string | null } | null;
  fileName?: string | null;
}

function firstLine(text: string): string | null {
  const line = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    // Not the Official Gazette's running header ("CÔNG BÁO/Số 849 + 850/Ngày…").
    .find((l) => l.length >= 3 && /\p{L}{2}/u.test(l) && !/^(?:\d+\s+)?công báo\b/iu.test(l));
  return line ? line.slice(0, 200) : null;
}

/** A description pre-filled from the text; fields it cannot tell are left out. */
export function draftFrom(source: DraftSource): DocumentDraft {
  const header = parseLegalHeader(source.firstPage.slice(0, HEADER_CHARS));
  const draft: DocumentDraft = { legalStatus: 'unknown', fields: [] };
  if (source.firstPage.trim() && isLegal(header, source.format)) {
    Object.assign(draft, { kind: 'legal', title: legalTitle(header), language: 'vi' });
    if (header.number) draft.number = header.number;
    if (header.docType) draft.docType = header.docType;
    if (header.issuer) draft.issuer = header.issuer;
    if (header.date) draft.issuedDate = header.date;
    return draft;
  }
  draft.kind = source.format === 'epub' ? 'book' : 'guide';
  const title = source.metadata?.title?.trim() || firstLine(source.firstPage) || (source.fileName ? titleFromFileName(source.fileName) : null);
  if (title) draft.title = title;
  draft.language = source.metadata?.language ?? 'vi';
  if (source.metadata?.description) draft.description = source.metadata.description.slice(0, 4000);
  return draft;
}

/** Publications with the same folded number or the same content file. */
export function findDuplicates(db: Db, number: string | null | undefined, sha256: string | null): DuplicateCheck {
  const key = number?.trim() ? numberKey(number) : null;
  const byNumber = key ? (db.prepare('SELECT id FROM publications WHERE number_key = ? ORDER BY id').pluck().all(key) as string[]) : [];
  const byHash = sha256
    ? (db.prepare(`SELECT DISTINCT publication_id FROM publication_files WHERE sha256 = ? AND role = 'content' ORDER BY publication_id`).pluck().all(sha256) as string[])
    : [];
  return { byNumber: summariesByIds(db, byNumber), byHash: summariesByIds(db, byHash) };
}

/** Refuses a description that breaks a rule, with one detail per field. */
export function checkDescription(description: DocumentDescription): void {
  const problems = descriptionProblems(description);
  if (problems.length === 0) return;
  throw new AppError(
    'invalid_input',
    { key: 'desk.invalidDescription' },
    problems.map((p) => ({ path: `description.${p.path}`, ref: { key: p.key, params: p.params } })),
  );
}

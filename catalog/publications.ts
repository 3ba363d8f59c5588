/**
 * Reading and writing publications and their files in the catalog database.
 */
import type { Db } from './db/open.js';
import { statement } from './db/statements.js';
import type {
  DocumentStatus, FileRole, LegalStatus, Origin, Page, Publication, PublicationFile, PublicationKind, PublicationSort,
  PublicationSummary, SectionSummary,
} from '../shared/domain.js';
import { numberKey, plainLine, plainText, vnSortKey } from '../shared/text.js';
import { indexForms } from '../shared/search/tokens.js';

interface PublicationRow {
  id: string;
  kind: PublicationKind;
  title: string;
  number: string | null;
  doc_type: string | null;
  issuer: string | null;
  issued_date: string | null;
  effective_date: string | null;
  legal_status: LegalStatus;
  status: DocumentStatus;
  fields: string;
  language: string;
  authors: string;
  publisher: string | null;
  description: string | null;
  origin: Origin;
  created_at: string;
  updated_at: string;
  available: number;
  excluded: number;
}

/** A publication as written by an importer, the demo loader or sync. */
export interface NewPublication {
  id: string;
  kind: PublicationKind;
  title: string;
  number?: string | null;
  docType?: string | null;
  issuer?: string | null;
  issuedDate?: string | null;
  effectiveDate?: string | null;
  legalStatus?: LegalStatus;
  fields?: string[];
  language?: string;
  authors?: string[];
  publisher?: string | null;
  description?: string | null;
  origin?: Origin;
  /** The feed's text object for it (a station's synced publication), null otherwise. */
  textSha256?: string | null;
  textSize?: number | null;
}

export interface NewFileLink {
  sha256: string;
  size: number;
  mediaType: string;
  state: 'present' | 'pending';
  role: FileRole;
}

/** The publication's main file is on this station, verified. */
const CONTENT_PRESENT = `EXISTS (SELECT 1 FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256
  WHERE pf.publication_id = p.id AND pf.role = 'content' AND f.state = 'present')`;

const AVAILABLE = `${CONTENT_PRESENT} AS available,
  EXISTS (SELECT 1 FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256
  WHERE pf.publication_id = p.id AND pf.role = 'content' AND f.state = 'pending' AND f.wanted = 0) AS excluded`;

/** A file's state as shown: a pending file the station does not keep (selective sync) is 'excluded'. */
const FILE_STATE = `CASE WHEN f.state = 'pending' AND f.wanted = 0 THEN 'excluded' ELSE f.state END AS state`;

const ORDER_BY: Record<PublicationSort, { column: string; order: 'asc' | 'desc'; then?: string }> = {
  title: { column: 'p.title_sort', order: 'asc' },
  issued: { column: 'p.issued_date', order: 'desc' },
  // Numerically by the leading number (12 before 111), then by the rest of the number.
  number: { column: 'CAST(p.number_key AS INTEGER)', order: 'asc', then: 'p.number_key' },
  added: { column: 'p.created_at', order: 'desc' },
};

function toSummary(row: PublicationRow): PublicationSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    number: row.number,
    docType: row.doc_type,
    issuer: row.issuer,
    issuedDate: row.issued_date,
    legalStatus: row.legal_status,
    status: row.status,
    fields: JSON.parse(row.fields) as string[],
    language: row.language,
    available: row.available === 1,
    excluded: row.available !== 1 && row.excluded === 1,
  };
}

export function publicationExists(db: Db, id: string): boolean {
  return statement(db, 'SELECT 1 FROM publications WHERE id = ?').get(id) !== undefined;
}

export function countPublications(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM publications').get() as { n: number }).n;
}

export function listPublications(
  db: Db,
  query: { offset: number; limit: number; sort: PublicationSort; order?: 'asc' | 'desc'; kind?: PublicationKind; available?: true },
): Page<PublicationSummary> {
  const conditions = [
    ...(query.kind ? ['p.kind = @kind'] : []),
    ...(query.available ? [CONTENT_PRESENT] : []),
  ];
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const { column, order: defaultOrder, then } = ORDER_BY[query.sort];
  const order = query.order ?? defaultOrder;
  const tieBreak = then ? `${then} ${order}, ` : '';
  // Rows without a value for the sort column go last in either direction; the title breaks ties.
  const rows = db
    .prepare(
      `SELECT p.*, ${AVAILABLE} FROM publications p ${where}
       ORDER BY ${column} IS NULL, ${column} ${order}, ${tieBreak}p.title_sort ASC, p.id ASC
       LIMIT @limit OFFSET @offset`,
    )
    .all({ kind: query.kind, limit: query.limit, offset: query.offset }) as PublicationRow[];
  const total = (db.prepare(`SELECT count(*) AS n FROM publications p ${where}`).get({ kind: query.kind }) as { n: number }).n;
  return { total, offset: query.offset, limit: query.limit, items: rows.map(toSummary) };
}

/** Summaries of the given publications, in the order of `ids` (unknown ids are left out). */
export function summariesByIds(db: Db, ids: string[]): PublicationSummary[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(`SELECT p.*, ${AVAILABLE} FROM publications p WHERE p.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as PublicationRow[];
  const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function getPublication(db: Db, id: string): Publication | null {
  const row = db.prepare(`SELECT p.*, ${AVAILABLE} FROM publications p WHERE p.id = ?`).get(id) as PublicationRow | undefined;
  if (!row) return null;
  const files = db
    .prepare(
      `SELECT f.sha256, f.size, f.media_type AS mediaType, ${FILE_STATE}, pf.role
       FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256
       WHERE pf.publication_id = ? ORDER BY pf.role, f.sha256`,
    )
    .all(id) as PublicationFile[];
  return {
    ...toSummary(row),
    effectiveDate: row.effective_date,
    authors: JSON.parse(row.authors) as string[],
    publisher: row.publisher,
    description: row.description,
    origin: row.origin,
    files,
    sections: db
      .prepare(
        `SELECT s.id, s.level, s.number, s.heading, s.start, s.page,
                (SELECT up.id FROM sections up WHERE up.publication_id = s.publication_id AND up.ordinal = s.parent_ordinal) AS parent
         FROM sections s WHERE s.publication_id = ? AND s.level != 'clause' ORDER BY s.ordinal`,
      )
      .all(id) as SectionSummary[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The content file of a publication, if it has one. */
export function contentFileOf(db: Db, id: string): PublicationFile | null {
  return (
    (db
      .prepare(
        `SELECT f.sha256, f.size, f.media_type AS mediaType, ${FILE_STATE}, pf.role
         FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256
         WHERE pf.publication_id = ? AND pf.role = 'content' LIMIT 1`,
      )
      .get(id) as PublicationFile | undefined) ?? null
  );
}

export function fileRecord(db: Db, sha256: string): PublicationFile | null {
  return (
    (db
      .prepare(`SELECT f.sha256, f.size, f.media_type AS mediaType, ${FILE_STATE}, 'content' AS role FROM files f WHERE f.sha256 = ?`)
      .get(sha256) as PublicationFile | undefined) ?? null
  );
}

/** Inserts or replaces a publication and links its files. Call inside a transaction. */
/** Metadata as stored: control characters (terminal escapes, bidi overrides) removed, wherever it came from. */
const line = (value: string | null | undefined) => (value === null || value === undefined ? null : plainLine(value));

export function upsertPublication(db: Db, pub: NewPublication, files: NewFileLink[], now = new Date().toISOString()): void {
  const title = plainLine(pub.title) || pub.id;
  statement(db,
    `INSERT INTO publications (id, kind, title, title_sort, title_key, number, number_key, doc_type, issuer, issued_date,
       effective_date, legal_status, fields, language, authors, publisher, description, origin, text_sha256, text_size, created_at, updated_at)
     VALUES (@id, @kind, @title, @titleSort, @titleKey, @number, @numberKey, @docType, @issuer, @issuedDate, @effectiveDate,
       @legalStatus, @fields, @language, @authors, @publisher, @description, @origin, @textSha256, @textSize, @now, @now)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, title_sort = excluded.title_sort,
       title_key = excluded.title_key,
       number = excluded.number, number_key = excluded.number_key, doc_type = excluded.doc_type,
       issuer = excluded.issuer, issued_date = excluded.issued_date, effective_date = excluded.effective_date,
       legal_status = excluded.legal_status, fields = excluded.fields, language = excluded.language,
       authors = excluded.authors, publisher = excluded.publisher, description = excluded.description,
       origin = excluded.origin, text_sha256 = excluded.text_sha256, text_size = excluded.text_size, updated_at = excluded.updated_at`,
  ).run({
    id: pub.id,
    kind: pub.kind,
    title,
    titleSort: vnSortKey(title),
    titleKey: indexForms(title).words,
    number: line(pub.number),
    numberKey: pub.number ? numberKey(pub.number) : null,
    docType: line(pub.docType),
    issuer: line(pub.issuer),
    issuedDate: pub.issuedDate ?? null,
    effectiveDate: pub.effectiveDate ?? null,
    legalStatus: pub.legalStatus ?? 'unknown',
    fields: JSON.stringify((pub.fields ?? []).map(plainLine)),
    language: pub.language ?? 'vi',
    authors: JSON.stringify((pub.authors ?? []).map(plainLine)),
    publisher: line(pub.publisher),
    description: pub.description === null || pub.description === undefined ? null : plainText(pub.description),
    origin: pub.origin ?? 'national',
    textSha256: pub.textSha256 ?? null,
    textSize: pub.textSize ?? null,
    now,
  });
  statement(db, 'DELETE FROM publication_files WHERE publication_id = ?').run(pub.id);
  for (const file of files) linkFile(db, pub.id, file, now);
}

/** Records a file and links it to a publication (a cover rendered after the import's save). Call inside a transaction. */
export function linkFile(db: Db, publicationId: string, file: NewFileLink, now = new Date().toISOString()): void {
  statement(db,
    `INSERT INTO files (sha256, size, media_type, state, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET state = CASE WHEN files.state = 'present' THEN 'present' ELSE excluded.state END,
       wanted = CASE WHEN excluded.state = 'present' THEN 1 ELSE files.wanted END`,
  ).run(file.sha256, file.size, file.mediaType, file.state, now);
  // An upsert, not OR REPLACE: a replace deletes first, and checks the foreign keys again for it (the costliest write of a sync's row).
  statement(db,
    'INSERT INTO publication_files (publication_id, sha256, role) VALUES (?, ?, ?) ON CONFLICT (publication_id, sha256) DO UPDATE SET role = excluded.role',
  ).run(publicationId, file.sha256, file.role);
}

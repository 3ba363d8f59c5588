/**
 * The hub's catalog as a publish reads it (docs/feed.md § Publishing is atomic): one read
 * transaction on a read-only connection of its own — so every batch agrees with every other
 * however long the publish takes and whatever the app writes meanwhile — and publications turned
 * into feed records a batch of 1,000 at a time: in id order (the snapshot, the files, the OPDS
 * view) or in the order of their last change (the change pages). Memory does not grow with the
 * catalog: SQLite sorts the collapsed changes itself, spilling to its temporary files.
 */
import type { Statement } from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import type { Db } from '../db/open.js';
import type { Library } from '../library.js';
import { AppError } from '../../shared/errors.js';
import type { DocumentRelations } from '../../shared/legal/relations.js';
import { MAX_RECORD_BYTES, toFeedPublication } from './pages.js';
import type { FeedPublication, FeedSource } from './pages.js';
import { canonicalJson } from './root.js';
import type { TextRef } from './text-object.js';

/** Publications turned into records at a time. */
export const READ_BATCH = 1000;

export interface HubRecord {
  record: FeedPublication;
  /** Its canonical JSON: a snapshot line, the publication of a page's put. */
  json: string;
  /** Those of its files the hub holds (state present). */
  present: Set<string>;
}

/** The last change of a publication since the last publish, with the change-log seq it came from. */
export type CollapsedOp = { op: 'put'; record: HubRecord; seq: number } | { op: 'delete'; id: string; seq: number };

export const NOT_DEMO = 'NOT IN (SELECT publication_id FROM demo_publications)';
const IDS = 'IN (SELECT value FROM json_each(?))';

interface PublicationRow extends Omit<FeedSource, 'fields' | 'authors' | 'files'> {
  fields: string;
  authors: string;
}
interface FileRow extends Pick<FeedPublication['files'][number], 'sha256' | 'size' | 'mediaType' | 'role'> {
  pid: string;
  state: string;
}
interface RelationRow extends Omit<DocumentRelations['relations'][number], 'articles'> {
  pid: string;
  articles: string;
}

function groupBy<T extends { pid: string }>(rows: T[]): Map<string, Omit<T, 'pid'>[]> {
  const groups = new Map<string, Omit<T, 'pid'>[]>();
  for (const { pid, ...row } of rows) {
    const group = groups.get(pid);
    if (group) group.push(row);
    else groups.set(pid, [row]);
  }
  return groups;
}

export class CatalogReader {
  /** The last change of the change log (demo rows included), as of the read snapshot. */
  readonly lastChange: number;
  private readonly statements: Record<'publications' | 'files' | 'texts' | 'readings' | 'relations' | 'ids', Statement>;

  private constructor(private readonly db: Db) {
    // The read transaction's snapshot is taken by its first read.
    db.exec('BEGIN');
    this.lastChange = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM changes').get() as { n: number }).n;
    this.statements = {
      publications: db.prepare(
        `SELECT id, kind, title, number, doc_type AS docType, issuer, issued_date AS issuedDate, effective_date AS effectiveDate,
           legal_status AS legalStatus, fields, language, authors, publisher, description, updated_at AS updatedAt
         FROM publications WHERE id ${IDS}`,
      ),
      files: db.prepare(
        `SELECT pf.publication_id AS pid, f.sha256, f.size, f.media_type AS mediaType, f.state, pf.role
         FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256 WHERE pf.publication_id ${IDS} ORDER BY pf.publication_id, pf.role, f.sha256`,
      ),
      texts: db.prepare(`SELECT publication_id AS pid, object_sha256 AS sha256, object_size AS size FROM publication_texts WHERE publication_id ${IDS} AND object_sha256 IS NOT NULL`),
      readings: db.prepare(`SELECT publication_id AS pid, effective_date AS effective, on_signing AS onSigning FROM relation_readings WHERE publication_id ${IDS}`),
      relations: db.prepare(
        `SELECT publication_id AS pid, kind, target_number AS target, target_title AS targetTitle, scope, articles, evidence
         FROM relations WHERE publication_id ${IDS} AND removed_at IS NULL ORDER BY publication_id, id`,
      ),
      ids: db.prepare(`SELECT id FROM publications WHERE id > ? AND id ${NOT_DEMO} ORDER BY id LIMIT ${READ_BATCH}`).pluck(),
    };
  }

  /** A reader of the library's database as it is now. Close it when done. */
  static open(library: Library): CatalogReader {
    const db = openDatabase(library.layout.database, { readonly: true });
    try {
      // Read through a small page cache (4 MB; the reads are batches in key order), not a map of the
      // file: a catalog of any size costs the same memory. SQLite's sorts spill to temporary files past it.
      db.pragma('mmap_size = 0');
      db.pragma('cache_size = -4000');
      return new CatalogReader(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }

  /** The first change since `since` that a publish carries (none of the demo set's); null when there is none. */
  firstChangeSince(since: number): number | null {
    return this.db.prepare(`SELECT min(seq) FROM changes WHERE seq > ? AND publication_id ${NOT_DEMO}`).pluck().get(since) as number | null;
  }

  /** Publications a snapshot holds (all but the demo set's). */
  publicationCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM publications WHERE id ${NOT_DEMO}`).get() as { n: number }).n;
  }

  /**
   * The changes since `since`, collapsed — the last op of each publication wins, ops keep the
   * order of their last change; a put carries the publication as it is now, or becomes a delete
   * when it is gone — in batches.
   */
  *collapsedOps(since: number): Generator<CollapsedOp[]> {
    // SQLite takes a bare column of an aggregate row from the row that holds max(): the last op.
    const last = this.db.prepare(
      `SELECT publication_id AS id, op, max(seq) AS seq FROM changes WHERE seq > ? AND publication_id ${NOT_DEMO} GROUP BY publication_id ORDER BY seq`,
    );
    let batch: { id: string; op: 'put' | 'delete'; seq: number }[] = [];
    const collapse = (): CollapsedOp[] => {
      const records = this.recordsOf(batch.filter((change) => change.op === 'put').map((change) => change.id));
      return batch.map(({ id, op, seq }) => {
        const record = op === 'put' ? records.get(id) : undefined;
        return record ? { op: 'put', record, seq } : { op: 'delete', id, seq };
      });
    };
    for (const change of last.iterate(since) as Iterable<{ id: string; op: 'put' | 'delete'; seq: number }>) {
      batch.push(change);
      if (batch.length === READ_BATCH) {
        yield collapse();
        batch = [];
      }
    }
    if (batch.length > 0) yield collapse();
  }

  /** Every publication a snapshot holds, in id order, in batches. */
  *publications(): Generator<HubRecord[]> {
    for (let after = ''; ; ) {
      const ids = this.statements.ids.all(after) as string[];
      if (ids.length === 0) return;
      const records = this.recordsOf(ids);
      yield ids.flatMap((id) => records.get(id) ?? []);
      after = ids[ids.length - 1];
    }
  }

  /** The records of these publications (those that exist), read with one query per table. */
  private recordsOf(ids: string[]): Map<string, HubRecord> {
    const records = new Map<string, HubRecord>();
    if (ids.length === 0) return records;
    const list = JSON.stringify(ids);
    const files = groupBy(this.statements.files.all(list) as FileRow[]);
    const texts = new Map((this.statements.texts.all(list) as (TextRef & { pid: string })[]).map(({ pid, ...text }) => [pid, text]));
    const readings = new Map((this.statements.readings.all(list) as { pid: string; effective: string | null; onSigning: number }[]).map((row) => [row.pid, row]));
    const relations = groupBy(this.statements.relations.all(list) as RelationRow[]);
    for (const row of this.statements.publications.all(list) as PublicationRow[]) {
      const own = files.get(row.id) ?? [];
      const read = readings.get(row.id);
      const reading: DocumentRelations | null = read
        ? {
            effective: read.effective,
            onSigning: read.onSigning === 1,
            relations: (relations.get(row.id) ?? []).map((relation) => ({ ...relation, articles: JSON.parse(relation.articles) as string[] })),
          }
        : null;
      const source: FeedSource = { ...row, fields: JSON.parse(row.fields) as string[], authors: JSON.parse(row.authors) as string[], files: own };
      const record = toFeedPublication(source, texts.get(row.id), reading);
      const json = canonicalJson(record);
      // A feed this hub writes must be one every station accepts.
      const size = Buffer.byteLength(json);
      if (size > MAX_RECORD_BYTES) throw new AppError('invalid_input', { key: 'feed.recordTooLarge', params: { id: row.id, size, max: MAX_RECORD_BYTES } });
      records.set(row.id, { record, json, present: new Set(own.filter((file) => file.state === 'present').map((file) => file.sha256)) });
    }
    return records;
  }
}

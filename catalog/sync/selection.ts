/**
 * Selective sync on a station (docs/feed.md § Selective sync): the officials' choice of which
 * files of the national catalog to keep (fields, document types, kinds, a size budget), stored
 * in `settings` under `sync.selection`, and applied to `files.wanted`. Metadata is always
 * complete; local publications' files are always kept. A kept file that the choice now leaves
 * out loses its blob (disk is really freed) and becomes pending with wanted = 0, so downloads
 * skip it and the app shows it as not kept here. Texts follow the fields, types and kinds (not
 * the budget): a national publication the choice leaves out loses its text and passages; one it
 * takes in again gets its text at the next sync. One transaction decides; blobs go after commit.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { ZodError } from 'zod';
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import { removeDocumentText } from '../documents.js';
import type { Library } from '../library.js';
import { restrictsPublications, selectionKey, selectionMatcher, syncSelectionSchema } from '../../shared/sync.js';
import type { SelectionCounts, SelectionSummary, SyncSelection } from '../../shared/sync.js';
export type { SelectionCounts, SelectionSummary };
import type { PublicationKind } from '../../shared/domain.js';

/** The stored setting is not a valid policy (edited by hand, or from a newer version). */
export class SelectionError extends AppError {
  constructor() {
    super('internal', { key: 'sync.selectionInvalid' });
  }
}

export function readSelection(library: Library): SyncSelection {
  try {
    return getSetting(library.db, SETTINGS.syncSelection);
  } catch (error) {
    if (error instanceof ZodError) throw new SelectionError();
    throw error;
  }
}

/** Validates the policy, then stores and applies it in one transaction. */
export async function saveSelection(library: Library, policy: SyncSelection): Promise<SelectionSummary> {
  return apply(library, syncSelectionSchema.parse(policy), true);
}

const NATIONAL_FILES = `(SELECT DISTINCT pf.sha256 FROM publication_files pf JOIN publications p ON p.id = pf.publication_id
  WHERE p.origin = 'national')`;

/**
 * The order files are kept in under a budget: by the status shown, in force first (then partly in
 * force, not yet in force, unknown — books and guides —, no longer in force), newest issued first
 * (undated last), then by id; a publication's content before its cover. A file shared by several
 * publications takes its best place.
 */
const PRIORITY = `CASE p.status WHEN 'in_force' THEN 0 WHEN 'partly_in_force' THEN 1 WHEN 'not_yet_in_force' THEN 2 WHEN 'unknown' THEN 3 ELSE 4 END,
  p.issued_date IS NULL, p.issued_date DESC, p.id, pf.role = 'cover'`;

/** What the station keeps now, counted over the national catalog's files. */
export function selectionCounts(library: Library): SelectionCounts {
  return library.db
    .prepare(
      `SELECT count(*) FILTER (WHERE f.wanted = 1) AS keptFiles,
              coalesce(sum(f.size) FILTER (WHERE f.wanted = 1), 0) AS keptBytes,
              count(*) FILTER (WHERE f.wanted = 1 AND f.state = 'present') AS presentFiles,
              coalesce(sum(f.size) FILTER (WHERE f.wanted = 1 AND f.state = 'present'), 0) AS presentBytes,
              count(*) FILTER (WHERE f.wanted = 0) AS excludedFiles,
              coalesce(sum(f.size) FILTER (WHERE f.wanted = 0), 0) AS excludedBytes
       FROM files f WHERE f.sha256 IN ${NATIONAL_FILES}`,
    )
    .get() as SelectionCounts;
}

/** Makes the policy's matcher (shared/sync.ts, the one export-bundle --filter uses) callable from SQL. */
export function registerSelectionMatcher(db: Db, selection: SyncSelection): void {
  const matches = selectionMatcher(selection);
  db.function('sync_selection_matches', { deterministic: true }, (fields: unknown, docType: unknown, kind: unknown) =>
    matches({ fields: JSON.parse(String(fields)) as string[], docType: docType === null ? null : String(docType), kind: kind as PublicationKind }) ? 1 : 0,
  );
}

/**
 * Fills temp.selection_files with the files the policy decides on — those of national
 * publications that no local publication uses — and marks the ones it keeps: all of them, those
 * of matching publications (one statement), or, under a budget, first fit in priority order.
 */
function decideFiles(db: Db, selection: SyncSelection): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS selection_files (sha256 TEXT PRIMARY KEY, kept INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    DELETE FROM temp.selection_files;
    INSERT INTO temp.selection_files (sha256)
      SELECT pf.sha256 FROM publication_files pf JOIN publications p ON p.id = pf.publication_id WHERE p.origin = 'national'
      EXCEPT SELECT pf.sha256 FROM publication_files pf JOIN publications p ON p.id = pf.publication_id WHERE p.origin = 'local';`);
  const restricts = restrictsPublications(selection);
  const chosen = `FROM publication_files pf JOIN publications p ON p.id = pf.publication_id JOIN temp.selection_files d ON d.sha256 = pf.sha256
    WHERE p.origin = 'national'${restricts ? ' AND sync_selection_matches(p.fields, p.doc_type, p.kind)' : ''}`;
  if (selection.maxBytes === null) {
    db.exec(restricts ? `UPDATE temp.selection_files SET kept = 1 WHERE sha256 IN (SELECT pf.sha256 ${chosen})` : 'UPDATE temp.selection_files SET kept = 1');
    return;
  }
  const ranked = db
    .prepare(
      `SELECT r.sha256, f.size FROM (
         SELECT sha256, min(rank) AS rank FROM (SELECT pf.sha256, row_number() OVER (ORDER BY ${PRIORITY}) AS rank ${chosen}) GROUP BY sha256
       ) r JOIN files f ON f.sha256 = r.sha256 ORDER BY r.rank`,
    )
    .raw()
    .all() as [string, number][];
  // First fit: a file that does not fit in what is left is skipped, and smaller ones after it may still fit.
  const kept: string[] = [];
  let left = selection.maxBytes;
  for (const [sha256, size] of ranked) {
    if (size <= left) {
      kept.push(sha256);
      left -= size;
    }
  }
  db.prepare('UPDATE temp.selection_files SET kept = 1 WHERE sha256 IN (SELECT value FROM json_each(?))').run(JSON.stringify(kept));
}

/**
 * Sets `files.wanted` from the stored policy for every file of the national catalog, and frees
 * the disk of files it now leaves out. Files only local publications use are always wanted.
 */
export async function applySelection(library: Library): Promise<SelectionSummary> {
  return apply(library, readSelection(library), false);
}

async function apply(library: Library, selection: SyncSelection, store: boolean): Promise<SelectionSummary> {
  const db = library.db;
  registerSelectionMatcher(db, selection);
  const decide = db.transaction(() => {
    if (store) setSetting(db, SETTINGS.syncSelection, selection);
    decideFiles(db, selection);
    if (restrictsPublications(selection)) {
      const leftOut = db
        .prepare(`SELECT pt.publication_id FROM publication_texts pt JOIN publications p ON p.id = pt.publication_id
                  WHERE p.origin = 'national' AND NOT sync_selection_matches(p.fields, p.doc_type, p.kind)`)
        .pluck()
        .all() as string[];
      const forgetExtraction = db.prepare('DELETE FROM text_extractions WHERE publication_id = ?');
      for (const id of leftOut) {
        removeDocumentText(db, id);
        forgetExtraction.run(id); // taken in again later, its file is extracted again if need be
      }
    }
    const leftOut = '(SELECT sha256 FROM temp.selection_files WHERE kept = 0)';
    const removed = db.prepare(`SELECT sha256, size, state FROM files WHERE sha256 IN ${leftOut} AND state != 'pending'`).raw().all() as [string, number, string][];
    db.exec(`UPDATE files SET wanted = 0, state = 'pending' WHERE sha256 IN ${leftOut} AND (wanted = 1 OR state != 'pending');
      UPDATE files SET wanted = 1 WHERE wanted = 0 AND sha256 NOT IN ${leftOut};
      DELETE FROM temp.selection_files;`);
    return removed;
  });
  const removed = decide();
  const summary: SelectionSummary = { ...selectionCounts(library), removedFiles: 0, freedBytes: 0 };
  for (const [sha256, size, state] of removed) {
    // Committed already: a blob that cannot be deleted now (held open) is only not counted as freed.
    const deleted = await fs.rm(library.files.pathOf(sha256), { force: true }).then(() => true, () => false);
    if (deleted && state === 'present') {
      summary.removedFiles += 1;
      summary.freedBytes += size;
    }
  }
  await removePartials(library);
  return summary;
}

/** The fields and document types a policy names that no publication of the catalog has (a typo, most often). */
export function unmatchedChoices(library: Library, selection: SyncSelection): { fields: string[]; docTypes: string[] } {
  const known = (sql: string) => new Set((library.db.prepare(sql).pluck().all() as string[]).map(selectionKey));
  const fields = selection.fields ? known('SELECT DISTINCT j.value FROM publications p, json_each(p.fields) j') : new Set<string>();
  const docTypes = selection.docTypes ? known('SELECT DISTINCT doc_type FROM publications WHERE doc_type IS NOT NULL') : new Set<string>();
  return {
    fields: (selection.fields ?? []).filter((field) => !fields.has(selectionKey(field))),
    docTypes: (selection.docTypes ?? []).filter((type) => !docTypes.has(selectionKey(type))),
  };
}

/** Deletes partial downloads (`files/partial/<sha256>.part`) of files no longer kept. */
async function removePartials(library: Library): Promise<void> {
  const names = await fs.readdir(library.layout.partial).catch(() => [] as string[]);
  const parts = names.filter((name) => /^[0-9a-f]{64}\.part$/.test(name));
  if (parts.length === 0) return;
  const unwanted = new Set(
    library.db
      .prepare("SELECT sha256 FROM files WHERE wanted = 0 AND sha256 IN (SELECT value FROM json_each(?))")
      .pluck()
      .all(JSON.stringify(parts.map((name) => name.slice(0, 64)))) as string[],
  );
  for (const name of parts) {
    if (unwanted.has(name.slice(0, 64))) await fs.rm(path.join(library.layout.partial, name), { force: true });
  }
}

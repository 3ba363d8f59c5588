/**
 * One record per document at a station (docs/feed.md § One record per document): a publication
 * that arrives by sync and is already here under another id — a demo row (same file, or the same
 * number, type and issuer) or a row this station made from the very same file — is merged into
 * the synced record, not shown twice. The synced record's metadata wins; what only the station
 * had (the text it extracted, the count of reads) moves over. A row with the synced id becomes
 * national: `origin` says where a record is maintained, and what a hub publishes is national.
 */
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import { statement } from '../db/statements.js';
import { deletePublication } from '../documents.js';
import type { Library } from '../library.js';
import { numberKey, vnFold } from '../../shared/text.js';
import type { FeedPublication } from '../feed/pages.js';

/** What the station holds under the synced id, or under another id for the same document. */
export type Existing =
  | { how: 'same-id'; id: string; demo: boolean }
  | { how: 'duplicate'; id: string; demo: boolean }
  | null;

const sameIssuer = (a: string | null, b: string | null) => a !== null && b !== null && vnFold(a).replace(/\s+/g, ' ').trim() === vnFold(b).replace(/\s+/g, ' ').trim();
/** Dates that do not contradict: equal, or one of them unknown. */
const compatibleDates = (a: string | null, b: string | null) => a === null || b === null || a === b;

/** Finds the row a synced publication updates or merges. */
export function findExisting(db: Db, pub: FeedPublication): Existing {
  const row = statement(db, 'SELECT p.id, EXISTS (SELECT 1 FROM demo_publications d WHERE d.publication_id = p.id) AS demo FROM publications p WHERE p.id = ?').get(pub.id) as
    | { id: string; demo: number }
    | undefined;
  if (row) return { how: 'same-id', id: row.id, demo: row.demo === 1 };
  // The very same file: a demo row, or a document this station made from these bytes.
  // (A file no row links, as most of a snapshot's, is passed over after one index probe.)
  const linked = statement(db, 'SELECT EXISTS (SELECT 1 FROM publication_files WHERE sha256 = ?)').pluck();
  const contents = pub.files.filter((file) => file.role === 'content' && linked.get(file.sha256) === 1).map((file) => file.sha256);
  if (contents.length > 0) {
    const byFile = statement(db,
      `SELECT p.id, EXISTS (SELECT 1 FROM demo_publications d WHERE d.publication_id = p.id) AS demo
       FROM publication_files pf JOIN publications p ON p.id = pf.publication_id
       WHERE pf.role = 'content' AND pf.sha256 IN (SELECT value FROM json_each(?))
         AND (p.origin = 'local' OR p.id IN (SELECT publication_id FROM demo_publications))
       ORDER BY demo DESC, p.id LIMIT 1`,
    ).get(JSON.stringify(contents)) as { id: string; demo: number } | undefined;
    if (byFile) return { how: 'duplicate', id: byFile.id, demo: byFile.demo === 1 };
  }
  // The same number, type and issuer: a demo row only (a station's own scan stays its own).
  if (pub.number && statement(db, 'SELECT EXISTS (SELECT 1 FROM demo_publications)').pluck().get() === 1) {
    const candidates = statement(db,
      `SELECT p.id, p.doc_type, p.issuer, p.issued_date FROM publications p JOIN demo_publications d ON d.publication_id = p.id
       WHERE p.number_key = ?`,
    ).all(numberKey(pub.number)) as { id: string; doc_type: string | null; issuer: string | null; issued_date: string | null }[];
    const match = candidates.find(
      (c) => c.doc_type !== null && c.doc_type === pub.docType && sameIssuer(c.issuer, pub.issuer) && compatibleDates(c.issued_date, pub.issuedDate),
    );
    if (match) return { how: 'duplicate', id: match.id, demo: true };
  }
  return null;
}

/**
 * Retires a duplicate in favour of the synced id, in the caller's transaction (before the synced
 * record is written): its reads move over, its row and index go. Returns the sha256 of the files
 * it linked, to drop after commit when nothing else uses them.
 */
export function retireDuplicate(library: Library, duplicate: { id: string; demo: boolean }, syncedId: string, now: string): string[] {
  const db = library.db;
  const files = statement(db, 'SELECT sha256 FROM publication_files WHERE publication_id = ?').pluck().all(duplicate.id) as string[];
  statement(db,
    `INSERT INTO reads (day, publication_id, count) SELECT day, ?, count FROM reads WHERE publication_id = ?
     ON CONFLICT (day, publication_id) DO UPDATE SET count = count + excluded.count`,
  ).run(syncedId, duplicate.id);
  statement(db, 'DELETE FROM reads WHERE publication_id = ?').run(duplicate.id);
  deletePublication(db, duplicate.id, now);
  if (duplicate.demo) setSetting(db, SETTINGS.demoMerged, getSetting(db, SETTINGS.demoMerged) + 1);
  return files;
}

/** A demo row the feed carries under its own id is the feed's from now on. */
export function adoptDemoRow(db: Db, id: string): void {
  statement(db, 'DELETE FROM demo_publications WHERE publication_id = ?').run(id);
}

/**
 * The texts a station still lacks once its catalog is applied (docs/feed.md § Texts). First the
 * feed's text objects it keeps and does not hold (a source that lacked them, a choice of fields
 * widened); then, for a document whose file is here and whose text the feed does not carry (an
 * older feed, a bundle without texts, a scanned upload), its own extraction of the file in the
 * extraction worker — never on the thread that answers the kiosk. One document at a time, each
 * saved in its own short transaction, progress reported, a stop honoured between two documents.
 * An extraction is recorded per file (text_extractions, a failure with its reason by reference),
 * so a file is not tried again and again.
 */
import type { Library } from '../library.js';
import { replaceDocumentText } from '../documents.js';
import { refusalReason } from '../import/errors.js';
import { Extractor } from '../import/extract.js';
import type { ExtractorOptions } from '../import/extract.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { restrictsPublications } from '../../shared/sync.js';
import { readSelection, registerSelectionMatcher } from './selection.js';
import { storeRef } from '../db/stored-refs.js';
import type { FeedSource } from './source.js';
import type { OpenWrite } from './stage.js';
import { fetchTexts } from './texts.js';
import type { TextWant } from './texts.js';

/** Feed texts fetched and saved per transaction. */
const FETCH_CHUNK = 20;

export interface TextBacklogProgress {
  textsDone: number;
  textsTotal: number;
}

export interface TextBacklogResult {
  /** Texts that came from the feed. */
  fetched: number;
  /** Texts extracted here from the document's file. */
  extracted: number;
  /** Files with no text to extract (scanned pages) or that could not be read. */
  unreadable: number;
  stopped: boolean;
}

export interface TextBacklogOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TextBacklogProgress) => void;
  extractor?: ExtractorOptions;
  openWrite?: OpenWrite;
  now?: () => Date;
}

/** The SQL condition for "this station keeps the text of publication p" (the officials' choice). */
function keptTexts(library: Library): string {
  const selection = readSelection(library);
  if (!restrictsPublications(selection)) return '1';
  registerSelectionMatcher(library.db, selection);
  return "(p.origin = 'local' OR sync_selection_matches(p.fields, p.doc_type, p.kind))";
}

/** Publications whose feed text this station keeps and does not hold. */
export function pendingFeedTexts(library: Library): TextWant[] {
  const rows = library.db
    .prepare(
      `SELECT p.id, p.text_sha256 AS sha256, p.text_size AS size FROM publications p
       LEFT JOIN publication_texts pt ON pt.publication_id = p.id
       WHERE p.text_sha256 IS NOT NULL AND pt.object_sha256 IS NOT p.text_sha256 AND ${keptTexts(library)}
       ORDER BY p.id`,
    )
    .all() as { id: string; sha256: string; size: number }[];
  return rows.map(({ id, sha256, size }) => ({ id, ref: { sha256, size } }));
}

/** National publications with no text, their file here, no feed text to wait for, and not yet tried from this file. */
export function pendingExtractions(library: Library, unavailable: Iterable<string> = []): { id: string; sha256: string }[] {
  return library.db
    .prepare(
      `SELECT p.id, f.sha256 FROM publications p
       JOIN publication_files pf ON pf.publication_id = p.id AND pf.role = 'content'
       JOIN files f ON f.sha256 = pf.sha256 AND f.state = 'present'
       WHERE p.origin = 'national'
         AND NOT EXISTS (SELECT 1 FROM publication_texts pt WHERE pt.publication_id = p.id)
         AND (p.text_sha256 IS NULL OR p.id IN (SELECT value FROM json_each(?)))
         AND NOT EXISTS (SELECT 1 FROM text_extractions te WHERE te.publication_id = p.id AND te.file_sha256 = f.sha256)
         AND ${keptTexts(library)}
       GROUP BY p.id ORDER BY p.id`,
    )
    .all(JSON.stringify([...unavailable])) as { id: string; sha256: string }[];
}

/** Fetches the feed texts still wanted, then extracts what the feed cannot give; see the module comment. */
export async function completeTexts(library: Library, source: FeedSource | null, options: TextBacklogOptions = {}): Promise<TextBacklogResult> {
  const db = library.db;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const result: TextBacklogResult = { fetched: 0, extracted: 0, unreadable: 0, stopped: false };
  const wants = source ? pendingFeedTexts(library) : [];
  const progress: TextBacklogProgress = { textsDone: 0, textsTotal: wants.length };
  const report = () => options.onProgress?.({ ...progress });
  const stopped = () => (result.stopped = options.signal?.aborted === true);
  const exists = db.prepare('SELECT 1 FROM publications WHERE id = ?').pluck();
  report();

  const unavailable = new Set<string>();
  for (let i = 0; i < wants.length && source; i += FETCH_CHUNK) {
    if (stopped()) return result;
    const chunk = wants.slice(i, i + FETCH_CHUNK);
    const fetched = await fetchTexts(library, source, chunk, options.openWrite);
    for (const id of fetched.missing) unavailable.add(id);
    db.transaction(() => {
      for (const { id, ref } of chunk) {
        const content = fetched.texts.get(id);
        if (!content || !exists.get(id)) continue;
        replaceDocumentText(db, id, content, content.sections, ref, now());
        result.fetched += 1;
      }
    })();
    progress.textsDone += chunk.length;
    report();
  }

  const extractions = pendingExtractions(library, unavailable);
  progress.textsTotal += extractions.length;
  report();
  if (extractions.length === 0) return result;
  const extractor = new Extractor({ ...options.extractor, cover: false });
  const record = db.prepare(
    `INSERT INTO text_extractions (publication_id, file_sha256, outcome, detail, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (publication_id) DO UPDATE SET file_sha256 = excluded.file_sha256, outcome = excluded.outcome, detail = excluded.detail, at = excluded.at`,
  );
  try {
    for (const { id, sha256 } of extractions) {
      if (stopped()) return result;
      const outcome = await extractor.extract(library.files.pathOf(sha256));
      const text = outcome.ok ? outcome.extraction.text.normalize('NFC') : '';
      db.transaction(() => {
        if (!exists.get(id)) return;
        if (!outcome.ok) {
          record.run(id, sha256, 'failed', storeRef(refusalReason(outcome.refusal)), now());
          result.unreadable += 1;
        } else if (text.trim() === '') {
          record.run(id, sha256, 'empty', null, now());
          result.unreadable += 1;
        } else {
          const { pageStarts, pageCount } = outcome.extraction;
          replaceDocumentText(db, id, { text, pageStarts, pageCount }, parseStructure(text), undefined, now());
          record.run(id, sha256, 'extracted', null, now());
          result.extracted += 1;
        }
      })();
      progress.textsDone += 1;
      report();
    }
  } finally {
    await extractor.close();
  }
  return result;
}

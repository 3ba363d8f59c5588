/**
 * PDF covers, after the texts: the importer saves and indexes every file's text first (so it is
 * searchable as soon as possible), then renders page 1 of each imported PDF in the extraction
 * workers, stores the PNG and links it to its publication in a transaction of its own, logged
 * as a change like any other edit. A cover that cannot be drawn leaves the publication as it is
 * and a note on its item. Covers were a third of the gazette PDFs' import time (up to 0.4 s
 * each: page 1's images and glyph outlines), which is why they wait.
 */
import { logChange } from '../documents.js';
import type { Library } from '../library.js';
import { linkFile } from '../publications.js';
import { FilesOfSave } from '../store/gc.js';
import { refusal, refusalReason } from './errors.js';
import type { ExtractorPool } from './extract-pool.js';
import type { ImportedItem } from './importer.js';

/** Renders and links the covers of these imported PDFs, `pool.size` at a time; updates `hasCover` and `notes`. */
export async function addPdfCovers(library: Library, pool: ExtractorPool, items: ImportedItem[], signal?: AbortSignal): Promise<void> {
  const queue = items.filter((item) => item.format === 'pdf' && !item.hasCover);
  const next = async (): Promise<void> => {
    for (let item = queue.shift(); item && !signal?.aborted; item = queue.shift()) await addCover(library, pool, item);
  };
  await Promise.all(Array.from({ length: pool.size }, next));
}

async function addCover(library: Library, pool: ExtractorPool, item: ImportedItem): Promise<void> {
  // Drawn from the stored copy: content-addressed, so it is the very bytes whose text was saved.
  const outcome = await pool.cover(library.files.pathOf(item.sha256));
  // A stored copy that no longer has its bytes (a damaged disk) gets no cover drawn from it.
  if (!outcome.ok || outcome.sha256 !== item.sha256) {
    item.notes.push({ key: 'import.note.coverNotRendered', params: { error: refusalReason(outcome.ok ? refusal('file-changed') : outcome.refusal) } });
    return;
  }
  const stored = new FilesOfSave(library);
  try {
    const cover = await stored.putBytes(outcome.cover.data);
    const now = new Date().toISOString();
    library.db.transaction(() => {
      linkFile(library.db, item.id, { ...cover, mediaType: outcome.cover.mediaType, state: 'present', role: 'cover' }, now);
      logChange(library.db, item.id, 'put', now);
    })();
    item.hasCover = true;
  } catch (error) {
    await stored.discard();
    item.notes.push({ key: 'import.note.coverNotRendered', params: { error: (error as Error).message } });
  }
}

/**
 * The demo library: real Vietnamese legal documents and one book shipped with the app
 * (catalog/demo/, made by build/demo/make-demo.ts, with the text of each file extracted
 * beforehand), loaded on first start into an empty library so a new user sees — and can
 * search — documents within seconds. Its rows are marked (demo_publications) and retire when
 * the first real feed is applied: what the feed carries merged into the synced record
 * (catalog/sync/merge.ts), the rest removed, and the officials' overview says so.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { SETTINGS, getSetting, setSetting } from './db/settings.js';
import type { Library } from './library.js';
import { countPublications } from './publications.js';
import type { NewFileLink, NewPublication } from './publications.js';
import { deletePublication, saveDocuments } from './documents.js';
import type { DocumentRecord, DocumentText } from './documents.js';
import { parseStructure } from '../shared/legal/structure.js';
import { DEMO_DIR } from './package-root.js';
import type { DemoState } from '../shared/domain.js';

interface DemoEntry extends NewPublication {
  file?: { name: string; mediaType: string };
}

export interface DemoResult {
  loaded: boolean;
  publications: number;
  files: number;
}

/** Fills an empty library from the demo set; a library with publications is left alone. */
export async function loadDemoIfEmpty(library: Library, demoDir = DEMO_DIR): Promise<DemoResult> {
  if (countPublications(library.db) > 0) return { loaded: false, publications: 0, files: 0 };
  const manifest = JSON.parse(await fs.readFile(path.join(demoDir, 'manifest.json'), 'utf8')) as { publications: DemoEntry[] };
  // Files first (content-addressed, so a repeated or interrupted load is harmless), then all
  // rows in one transaction: the library is either still empty or fully loaded.
  const links = new Map<string, NewFileLink[]>();
  for (const entry of manifest.publications) {
    if (!entry.file) continue;
    const stored = await library.files.putFile(path.join(demoDir, entry.file.name));
    links.set(entry.id, [{ ...stored, mediaType: entry.file.mediaType, state: 'present', role: 'content' }]);
  }
  const records: DocumentRecord[] = [];
  for (const { file, ...publication } of manifest.publications) {
    const text = file ? (JSON.parse(await fs.readFile(path.join(demoDir, `${file.name}.text.json`), 'utf8')) as DocumentText) : undefined;
    records.push({ publication, files: links.get(publication.id) ?? [], text, sections: text && parseStructure(text.text) });
  }
  const mark = library.db.prepare('INSERT OR IGNORE INTO demo_publications (publication_id) VALUES (?)');
  library.db.transaction(() => {
    saveDocuments(library.db, records);
    for (const record of records) mark.run(record.publication.id);
  })();
  return { loaded: true, publications: manifest.publications.length, files: links.size };
}

/** What became of the demo set: still standing in (with its count), retired by a feed, or never loaded. */
export function demoState(library: Library): DemoState {
  const count = library.db.prepare('SELECT count(*) FROM demo_publications').pluck().get() as number;
  const retired = getSetting(library.db, SETTINGS.demoRetired);
  if (count > 0) return { state: 'loaded', count };
  if (retired) return { state: 'retired', ...retired };
  return { state: 'none' };
}

/**
 * Retires the demo set in the caller's transaction: its rows a feed did not merge leave the
 * catalog; the outcome is kept for the officials' overview. Returns the sha256 of the files the
 * removed rows linked (to drop after commit when nothing else uses them) and the counts.
 */
export function retireDemo(library: Library, now: string): { merged: number; removed: number; files: string[] } {
  const db = library.db;
  const ids = db.prepare('SELECT publication_id FROM demo_publications').pluck().all() as string[];
  const files = db.prepare('SELECT DISTINCT sha256 FROM publication_files WHERE publication_id IN (SELECT publication_id FROM demo_publications)').pluck().all() as string[];
  for (const id of ids) deletePublication(db, id, now);
  const merged = getSetting(db, SETTINGS.demoMerged);
  setSetting(db, SETTINGS.demoRetired, { at: now, merged, removed: ids.length });
  return { merged, removed: ids.length, files };
}

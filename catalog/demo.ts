/**
 * The demo library: real Vietnamese legal documents and one book shipped with the app
 * (catalog/demo/, made by build/demo/make-demo.ts, with the text of each file extracted
 * beforehand), loaded on first start into an empty library so a new user sees — and can
 * search — documents within seconds.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Library } from './library.js';
import { countPublications } from './publications.js';
import type { NewFileLink, NewPublication } from './publications.js';
import { saveDocuments } from './documents.js';
import type { DocumentRecord, DocumentText } from './documents.js';
import { parseStructure } from '../shared/legal/structure.js';
import { DEMO_DIR } from './package-root.js';

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
  saveDocuments(library.db, records);
  return { loaded: true, publications: manifest.publications.length, files: links.size };
}

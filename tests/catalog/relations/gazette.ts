/**
 * Official Gazette documents of ../shared/corpora/legal/catalog as the importer records them
 * (catalog/import/record.ts: the header read from the first page, title, number, type, issuer,
 * date, structure; the whole text as one page), and records of documents a feed describes without
 * a text, for the relations tests.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { DocumentRecord } from '../../../catalog/documents.js';
import { buildRecord } from '../../../catalog/import/record.js';
import type { Extraction } from '../../../catalog/import/types.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { corpus } from '../../helpers/corpora.js';

let texts: Map<string, string> | null = null;

/** A gazette document's text by its slug in the corpus. */
export function gazetteText(slug: string): string {
  texts ??= new Map(
    zlib
      .gunzipSync(fs.readFileSync(corpus('legal/catalog/fulltext.jsonl.gz')))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { slug: string; full_text: string })
      .map(({ slug, full_text }) => [slug, full_text]),
  );
  const text = texts.get(slug);
  if (text === undefined) throw new Error(`no gazette text ${slug}`);
  return text;
}

/** A gazette document as importing its PDF records it (no file here: the rows are what the tests read). */
export function importedRecord(slug: string): DocumentRecord {
  const text = gazetteText(slug);
  const extraction: Extraction = {
    format: 'pdf',
    mediaType: 'application/pdf',
    sha256: sha256Hex(Buffer.from(text)),
    size: text.length,
    text,
    pageStarts: [0],
    pageCount: 1,
    metadata: { title: null, authors: [], subject: null, keywords: null, declaredLanguage: null, language: null, publisher: null, description: null, date: null, identifier: null },
    toc: [],
    cover: null,
    needsOcr: false,
    notes: [],
  };
  const { record } = buildRecord(extraction, `${slug}.pdf`, { content: { sha256: extraction.sha256, size: extraction.size, mediaType: 'application/pdf', state: 'present', role: 'content' } });
  return { ...record, files: [] };
}

/** A legal document as a feed describes it with no text (the station holds its record only). */
export function describedRecord(id: string, number: string, title: string, extra: Partial<DocumentRecord['publication']> = {}): DocumentRecord {
  return { publication: { id, kind: 'legal', title, number, ...extra }, files: [], keepText: true };
}

/**
 * The 412 Official Gazette documents of ../shared/corpora/legal/catalog as catalog records: their
 * header parse for the metadata (the number only where it matches the document's own slug), the
 * full text and its structure. For the known-item tests and the search benchmark on real texts.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { DocumentRecord } from '../../catalog/documents.js';
import { parseStructure } from '../../shared/legal/structure.js';

interface Row {
  slug: string;
  parsed: { number: string | null; doc_type: string | null; issuer: string | null; title: string | null } | null;
  parsed_number_matches_slug: boolean;
}

export function gazetteRecords(corpora: string): { records: DocumentRecord[]; numbers: { slug: string; number: string }[] } {
  const rows = fs.readFileSync(path.join(corpora, 'legal/catalog/metadata.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const texts = new Map<string, string>();
  for (const line of zlib.gunzipSync(fs.readFileSync(path.join(corpora, 'legal/catalog/fulltext.jsonl.gz'))).toString('utf8').split('\n')) {
    if (!line) continue;
    const { slug, full_text } = JSON.parse(line) as { slug: string; full_text: string };
    texts.set(slug, full_text.normalize('NFC'));
  }
  const numberOf = (r: Row) => (r.parsed?.number && r.parsed_number_matches_slug ? r.parsed.number : null);
  const records = rows.map((r): DocumentRecord => {
    const text = texts.get(r.slug) ?? '';
    return {
      publication: { id: r.slug, kind: 'legal', title: r.parsed?.title ?? r.slug, number: numberOf(r), docType: r.parsed?.doc_type ?? null, issuer: r.parsed?.issuer ?? null },
      files: [],
      text: { text, pageStarts: [0], pageCount: null },
      sections: parseStructure(text),
    };
  });
  return { records, numbers: rows.flatMap((r) => (numberOf(r) ? [{ slug: r.slug, number: numberOf(r) as string }] : [])) };
}

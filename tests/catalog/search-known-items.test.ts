/**
 * Known items: every Official Gazette document whose number is known comes first when its
 * number is searched as written, without diacritics and in lower case — with the full texts
 * indexed, so documents that cite the number compete.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../catalog/library.js';
import { saveDocuments } from '../../catalog/documents.js';
import { search } from '../../catalog/search/search.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { numberKey, vnFold } from '../../shared/text.js';
import { corpus, corporaMissing } from '../helpers/corpora.js';
import { tempDir } from '../helpers/temp-dir.js';

interface Row {
  slug: string;
  slug_number_ascii: string | null;
  parsed: { number: string | null; doc_type: string | null; title: string | null } | null;
  parsed_number_matches_slug: boolean;
}

describe.skipIf(corporaMissing)('known items in the Official Gazette catalog', () => {
  let library: Library;
  let known: { slug: string; number: string }[];

  beforeAll(async () => {
    const rows = fs.readFileSync(corpus('legal/catalog/metadata.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
    const texts = new Map<string, string>();
    for (const line of zlib.gunzipSync(fs.readFileSync(corpus('legal/catalog/fulltext.jsonl.gz'))).toString('utf8').split('\n')) {
      if (line) {
        const { slug, full_text } = JSON.parse(line) as { slug: string; full_text: string };
        texts.set(slug, full_text.normalize('NFC'));
      }
    }
    known = rows.filter((r) => r.parsed?.number && r.parsed_number_matches_slug).map((r) => ({ slug: r.slug, number: r.parsed!.number! }));
    library = await Library.open(tempDir());
    saveDocuments(
      library.db,
      rows.map((r) => {
        const text = texts.get(r.slug) ?? '';
        const number = r.parsed?.number && r.parsed_number_matches_slug ? r.parsed.number : null;
        return {
          publication: { id: r.slug, kind: 'legal' as const, title: r.parsed?.title ?? r.slug, number, docType: r.parsed?.doc_type ?? null },
          files: [],
          text: { text, pageStarts: [0], pageCount: null },
          sections: parseStructure(text),
        };
      }),
    );
  }, 120_000);
  afterAll(() => library?.close());

  it('has hundreds of numbered documents to check', () => {
    expect(known.length).toBeGreaterThan(300);
  });

  it('returns each document first for its number as written, unaccented and in lower case', () => {
    const failures: string[] = [];
    for (const { slug, number } of known) {
      const sameNumber = new Set(known.filter((k) => numberKey(k.number) === numberKey(number)).map((k) => k.slug));
      for (const q of [number, vnFold(number).toUpperCase(), number.toLowerCase(), vnFold(number)]) {
        const top = search(library.db, { q, offset: 0, limit: sameNumber.size }).items.map((i) => i.publication.id);
        if (!top.includes(slug)) failures.push(`${q} → ${top.join(', ')} (wanted ${slug})`);
      }
    }
    expect(failures).toEqual([]);
  });
});

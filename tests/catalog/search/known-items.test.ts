/**
 * Known items: every Official Gazette document whose number is known comes first when its
 * number is searched as written, without diacritics and in lower case — with the full texts
 * indexed, so documents that cite the number compete.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { search } from '../../../catalog/search/search.js';
import { numberKey, vnFold } from '../../../shared/text.js';
import { CORPORA, corporaMissing } from '../../helpers/corpora.js';
import { gazetteRecords } from '../../helpers/gazette-catalog.js';
import { tempLibrary } from '../../helpers/temp-library.js';

describe.skipIf(corporaMissing)('known items in the Official Gazette catalog', () => {
  let library: Library;
  let known: { slug: string; number: string }[];

  beforeAll(async () => {
    const gazette = gazetteRecords(CORPORA);
    known = gazette.numbers;
    library = await tempLibrary();
    saveDocuments(library.db, gazette.records);
  }, 120_000);

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

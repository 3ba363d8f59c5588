import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { accentMatchers, accentShares, toneVariants } from '../../../catalog/search/accents.js';
import { search } from '../../../catalog/search/search.js';
import { tempLibrary } from '../../helpers/temp-library.js';

describe('exact accents', () => {
  it('writes a syllable with its tone on each vowel, so old and new placement agree', () => {
    expect(toneVariants('hòa')).toEqual(expect.arrayContaining(['hòa', 'hoà']));
    expect(toneVariants('Thủy')).toEqual(expect.arrayContaining(['thủy', 'thuỷ']));
    expect(toneVariants('ly')).toEqual(['ly']);
  });

  it('matches whole syllables with their marks, not folded look-alikes', () => {
    const matchers = accentMatchers(['đường', 'bộ']);
    expect(accentShares('Luật Giao thông ĐƯỜNG BỘ', matchers)).toEqual({ exact: 1, wrong: 0 });
    expect(accentShares('dương bố', matchers)).toEqual({ exact: 0, wrong: 1 });
    expect(accentShares('trường bộ', matchers)).toEqual({ exact: 0.5, wrong: 0 });
    expect(accentShares('đường bố', matchers)).toEqual({ exact: 0.5, wrong: 0.5 });
    expect(accentShares('hoà giải', accentMatchers(['hòa']))).toEqual({ exact: 1, wrong: 0 });
  });

  it('ranks the passage with the exact accents first when the titles say nothing', async () => {
    const library = await tempLibrary();
    const doc = (id: string, body: string) => ({
      publication: { id, kind: 'guide' as const, title: `Tài liệu ${id}` },
      files: [],
      text: { text: `Tài liệu ${id}\n${body}`, pageStarts: [0], pageCount: 1 },
    });
    saveDocuments(library.db, [doc('a', 'Người dân đi trên đường làng và đường xã.'), doc('b', 'Người dân theo dương lịch và dương lịch.')]);
    const first = (q: string) => search(library.db, { q, offset: 0, limit: 5 }).items[0].publication.id;
    expect(first('đường')).toBe('a');
    expect(first('dương')).toBe('b');
  });
});

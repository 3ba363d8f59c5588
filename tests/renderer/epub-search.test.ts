import { describe, expect, it } from 'vitest';
import { BookSearchIndex, findMatch, foldWithMap, searchTerms, snippet } from '../../renderer/src/reader/epub/search-index.js';
import { vnFold } from '../../shared/text.js';

describe('EPUB search: Vietnamese folding like the catalog', () => {
  it('folds with vnFold and maps folded offsets back to the raw text', () => {
    const raw = 'Lão Hạc thổi';
    const { folded, map } = foldWithMap(raw);
    expect(folded).toBe(vnFold(raw));
    expect(folded).toBe('lao hac thoi');
    expect(map[4]).toBe(4);
    expect(map[folded.length]).toBe(raw.length);
  });

  it('keeps offsets right in decomposed (NFD) text', () => {
    const raw = 'Ông giáo Lão Hạc'.normalize('NFD');
    const { folded, map } = foldWithMap(raw);
    expect(folded).toBe('ong giao lao hac');
    const at = folded.indexOf('lao hac');
    expect(raw.slice(map[at], map[at + 7]).normalize('NFC')).toBe('Lão Hạc');
  });

  it('splits queries into folded words', () => {
    expect(searchTerms('  Lão-Hạc, ĐỨC! ')).toEqual(['lao', 'hac', 'duc']);
    expect(searchTerms('…')).toEqual([]);
  });

  it('finds the whole phrase, at a word start, before single words', () => {
    const text = 'Cái lão ấy. Lão Hạc thổi cái mồi rơm';
    const match = findMatch(text, 'lao hac');
    expect(match).toMatchObject({ phrase: true });
    expect(text.slice(match!.start, match!.end)).toBe('Lão Hạc');
    expect(findMatch('xlao hac', 'lao hac')).toMatchObject({ phrase: false });
    expect(findMatch('không có gì', 'lao hac')).toBeNull();
  });

  it('matches across a line break between the words', () => {
    const text = 'Lão\n   Hạc';
    const match = findMatch(text, 'lao hac');
    expect(match).toEqual({ start: 0, end: text.length, phrase: true });
  });

  it('indexes passages with FlexSearch and ranks phrase matches first, in book order', () => {
    const index = new BookSearchIndex();
    index.add(0, ['Lời giới thiệu', 'Hạc là tên, lão là tuổi']);
    index.add(2, ['Lão Hạc thổi cái mồi rơm, châm đóm.', '   ', 'Ông giáo hút trước đi.', 'Lão Hạc ơi!']);
    expect(index.size).toBe(5);
    const hits = index.search('lao hac');
    expect(hits.map((hit) => hit.passage.text)).toEqual(['Lão Hạc thổi cái mồi rơm, châm đóm.', 'Lão Hạc ơi!', 'Hạc là tên, lão là tuổi']);
    expect(hits[0]).toMatchObject({ start: 0, end: 7, phrase: true });
    expect(hits[0].passage.section).toBe(2);
    expect(index.search('ONG GIAO')[0].passage.text).toBe('Ông giáo hút trước đi.');
    expect(index.search('gia')[0].passage.text).toBe('Ông giáo hút trước đi.'); // prefix
    expect(index.search('   ')).toEqual([]);
    expect(index.search('không thấy')).toEqual([]);
  });

  it('cuts a snippet at word boundaries with the match separate', () => {
    const text = `${'mở đầu '.repeat(20)}Lão Hạc${' kết thúc'.repeat(30)}`;
    const start = text.indexOf('Lão');
    const part = snippet(text, start, start + 7);
    expect(part.match).toBe('Lão Hạc');
    expect(part.before.startsWith('…')).toBe(true);
    expect(part.after.endsWith('…')).toBe(true);
    expect(part.before.length).toBeLessThanOrEqual(62);
    expect(snippet('Lão Hạc\n\nơi', 0, 7)).toEqual({ before: '', match: 'Lão Hạc', after: ' ơi' });
  });
});

import { describe, expect, it } from 'vitest';
import { BookSearchIndex, findMatch, searchTerms, snippet } from '../../renderer/src/reader/epub/search-index.js';
import { foldWithMap } from '../../renderer/src/reader/shared/find-words.js';
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

  it('finds the words at word starts, in any order, the run with most of them first', () => {
    const text = 'Cái lão ấy. Lão Hạc thổi cái mồi rơm';
    const match = findMatch(text, 'lao hac');
    expect(match).toMatchObject({ phrase: true, words: 2 });
    expect(text.slice(match!.start, match!.end)).toBe('Lão Hạc');
    expect(match!.runs.map((run) => text.slice(run.start, run.end))).toEqual(['lão', 'Lão Hạc']);
    // The other order: the same words, every one marked.
    const reversed = findMatch(text, 'hac lao');
    expect(reversed).toMatchObject({ phrase: true, words: 2 });
    expect(text.slice(reversed!.start, reversed!.end)).toBe('Lão Hạc');
    expect(findMatch('xlao hac', 'lao hac')).toMatchObject({ phrase: false, words: 1 });
    expect(findMatch('không có gì', 'lao hac')).toBeNull();
  });

  it('matches across a line break between the words', () => {
    const text = 'Lão\n   Hạc';
    const match = findMatch(text, 'lao hac');
    expect(match).toMatchObject({ start: 0, end: text.length, phrase: true });
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

  it('finds the words apart and in any order, the passage holding most of them first', () => {
    const index = new BookSearchIndex();
    index.add(0, ['Mức lương tối thiểu theo vùng', 'Lương tháng', 'Vùng I gồm các quận']);
    expect(index.search('muc luong toi thieu vung').map((hit) => hit.passage.text)).toEqual(['Mức lương tối thiểu theo vùng']);
    expect(index.search('vung luong')[0].passage.text).toBe('Mức lương tối thiểu theo vùng');
    // No passage has both words: those with one of them.
    expect(index.search('thang quan').map((hit) => hit.passage.text)).toEqual(['Lương tháng', 'Vùng I gồm các quận']);
  });

  it('weighs a question\'s common words little: the passage with the rare ones comes first', () => {
    const index = new BookSearchIndex();
    index.add(0, ['Đây là lão Hạc.', 'Ai là người tốt?', 'Nó là con chó.', 'Thế là xong.', 'Ông giáo hút trước đi.', 'Trời là trời.']);
    const hits = index.search('ông giáo là ai');
    expect(hits[0].passage.text).toBe('Ông giáo hút trước đi.');
    expect(hits.map((hit) => hit.passage.text)).not.toContain('Thế là xong.');
  });

  it('cuts a snippet at word boundaries with every run of the words marked', () => {
    const text = `${'mở đầu '.repeat(20)}Lão Hạc và lão${' kết thúc'.repeat(30)}`;
    const hit = findMatch(text, 'lao hac')!;
    const part = snippet(text, hit);
    expect(part.ranges.map(([a, b]) => part.text.slice(a, b))).toEqual(['Lão Hạc', 'lão']);
    expect(part.text.startsWith('…')).toBe(true);
    expect(part.text.endsWith('…')).toBe(true);
    expect(part.text.indexOf('Lão Hạc')).toBeLessThanOrEqual(62);
    const short = 'Lão Hạc\n\nơi';
    expect(snippet(short, findMatch(short, 'lao hac')!)).toEqual({ text: short, ranges: [[0, 7]] });
  });
});

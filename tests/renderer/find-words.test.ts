// The words of a search found in a reader's text (both readers): folded, any order, whole words,
// marks kept where typed, runs of adjacent words as one result, offsets in decomposed text.
import { describe, expect, it } from 'vitest';
import { findWords, searchWords } from '../../renderer/src/reader/shared/find-words.js';
import { exactKey } from '../../shared/search/tokens.js';

const found = (text: string, query: string, prefix = false) => findWords(text, searchWords(query), { prefix }).map((run) => text.slice(run.start, run.end));

describe('finding a search\'s words in a reader', () => {
  it('reads the query as folded syllables, each once, keeping the marks typed', () => {
    expect(searchWords('Xử phạt, xu PHAT giao-thông?')).toEqual([{ folded: 'xu' }, { folded: 'phat' }, { folded: 'giao' }, { folded: 'thong', exact: 'thông' }]);
    expect(searchWords('hòa hoà hoa')).toEqual([{ folded: 'hoa' }]);
    expect(searchWords('…  ')).toEqual([]);
  });

  it('finds a multi-word query typed without marks on a page that has its words in another order', () => {
    const page = 'Điều 5. Thẩm quyền xử phạt vi phạm hành chính về trật tự, an toàn giao thông đường bộ';
    expect(found(page, 'xu phat giao thong')).toEqual(['xử phạt', 'giao thông']);
    expect(found(page, 'giao thong xu phat')).toEqual(['xử phạt', 'giao thông']);
    expect(found('Mức lương tối\nthiểu theo vùng', 'muc luong toi thieu vung')).toEqual(['Mức lương tối\nthiểu', 'vùng']);
  });

  it('matches whole words only, unless asked for word starts', () => {
    expect(found('làm lại lá', 'la')).toEqual(['lá']);
    expect(found('làm lại lá', 'la', true)).toEqual(['làm lại lá']);
    expect(found('Ông giáo', 'gia', true)).toEqual(['giáo']);
  });

  it('requires the marks a word was typed with, and only those', () => {
    expect(found('hôn nhân hơn nữa', 'hôn')).toEqual(['hôn']);
    expect(found('hôn nhân hơn nữa', 'hon')).toEqual(['hôn', 'hơn']);
    expect(found('hoà giải và hòa giải', 'hòa')).toEqual(['hoà', 'hòa']);
    expect(found('dương và đường', 'đường')).toEqual(['đường']);
  });

  it('finds quoted words only together, in order, with their marks, across a line break', () => {
    expect(searchWords('nuôi con "ly hôn"')).toEqual([{ folded: 'ly hon', exact: exactKey('ly hôn') }, { folded: 'nuoi', exact: 'nuôi' }, { folded: 'con' }]);
    const text = 'Sau khi ly\nhôn, cha mẹ vẫn nuôi con; kết hôn lần hai, ly rượu, hơn nữa';
    expect(found(text, '"ly hôn"')).toEqual(['ly\nhôn']);
    expect(found(text, 'nuôi con "ly hôn"')).toEqual(['ly\nhôn', 'nuôi con']);
    expect(found('hôn ly', '"ly hôn"')).toEqual([]);
    expect(found('ly hơn', '"ly hôn"')).toEqual([]);
    expect(found('LY HÔN', '“ly hon”')).toEqual(['LY HÔN']);
  });

  it('gives offsets in decomposed text, as pdf.js hands it over', () => {
    const page = 'Người lao động Việt Nam'.normalize('NFD');
    const runs = findWords(page, searchWords('nguoi lao dong'));
    expect(runs).toHaveLength(1);
    expect(page.slice(runs[0].start, runs[0].end).normalize('NFC')).toBe('Người lao động');
    expect(runs[0].words).toEqual(['nguoi', 'lao', 'dong']);
  });

  it('keeps punctuation between words as separate results', () => {
    expect(found('xử phạt, giao thông', 'xu phat giao thong')).toEqual(['xử phạt', 'giao thông']);
    expect(found('', 'xu')).toEqual([]);
    expect(found('xử phạt', '')).toEqual([]);
  });
});

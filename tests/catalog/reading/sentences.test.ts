/**
 * The pieces a voice reads one at a time (shared/reading/sentences.ts): cut at the ends of
 * sentences and at semicolons, not after abbreviations, initials, clause numbers or inside
 * numbers; over-long sentences cut at a comma; and on every paragraph of the gazette corpus, the
 * pieces put back together are the paragraph.
 */
import { describe, expect, it } from 'vitest';
import { textBlocks } from '../../../catalog/reading/blocks.js';
import { LONGEST_SPOKEN, sentenceStarts } from '../../../shared/reading/sentences.js';
import { CORPORA, corpusMissing } from '../../helpers/corpora.js';
import { gazetteRecords } from '../../helpers/gazette-catalog.js';

function pieces(text: string): string[] {
  const starts = sentenceStarts(text);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length).trim());
}

describe('sentences for speech', () => {
  it('cuts at the end of a sentence and at a semicolon', () => {
    expect(pieces('Người lao động có quyền nghỉ. Người sử dụng lao động phải trả lương; nếu chậm thì bồi thường!')).toEqual([
      'Người lao động có quyền nghỉ.',
      'Người sử dụng lao động phải trả lương;',
      'nếu chậm thì bồi thường!',
    ]);
  });

  it('does not cut after a clause’s number, an abbreviation, an initial, or inside a number or a document number', () => {
    expect(pieces('1. Mức phạt từ 1.000.000 đồng đến 2.000.000 đồng.')).toEqual(['1. Mức phạt từ 1.000.000 đồng đến 2.000.000 đồng.']);
    expect(pieces('Trụ sở tại TP. Hồ Chí Minh và Hà Nội.')).toHaveLength(1);
    expect(pieces('Ông Nguyễn V. An ký theo Quyết định số 14/2019/QĐ-TTg. Văn bản có hiệu lực.')).toEqual([
      'Ông Nguyễn V. An ký theo Quyết định số 14/2019/QĐ-TTg.',
      'Văn bản có hiệu lực.',
    ]);
    // A full stop before a word in lower case ends nothing.
    expect(pieces('theo khoản 2 Điều 5. của Luật này')).toHaveLength(1);
  });

  it('cuts after a colon only a long lead-in', () => {
    expect(pieces('Luật số: 41/2024/QH15')).toHaveLength(1);
    expect(pieces('Đối tượng tham gia bảo hiểm xã hội tự nguyện bao gồm: Công dân Việt Nam từ đủ 15 tuổi trở lên.')).toHaveLength(2);
  });

  it('cuts a sentence too long for one breath at a comma near its middle, not before a lone letter of a list', () => {
    const long = `Người lao động ${'làm việc theo hợp đồng lao động, '.repeat(12)}được hưởng chế độ.`;
    const cut = pieces(long);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.every((p) => p.length <= LONGEST_SPOKEN)).toBe(true);
    expect(cut.join(' ')).toBe(long);
    const list = `Đối tượng quy định tại một trong các điểm ${'a, b, c, '.repeat(30)}và l khoản 1 Điều này.`;
    expect(pieces(list).every((p) => !/^\p{L}[\s,]/u.test(p))).toBe(true);
  });
});

describe.skipIf(corpusMissing('legal/catalog'))('sentences on the gazette corpus', () => {
  it('puts every paragraph back together from its pieces, each piece starting a word and none a bare clause number', () => {
    let paragraphs = 0;
    let cut = 0;
    const problems: string[] = [];
    for (const record of gazetteRecords(CORPORA).records.slice(0, 120)) {
      const text = record.text?.text ?? '';
      for (const block of textBlocks(text, record.sections?.map((s, i) => ({ ...s, id: i + 1 })) ?? [])) {
        if (block.kind !== 'paragraph') continue;
        paragraphs += 1;
        const starts = sentenceStarts(block.text);
        const parts = starts.map((start, i) => block.text.slice(start, starts[i + 1] ?? block.text.length));
        if (parts.length > 1) cut += 1;
        const wrong =
          starts[0] !== 0 ||
          starts.some((s, i) => i > 0 && s <= starts[i - 1]) ||
          parts.join('') !== block.text ||
          parts.some((part) => part.trimStart() !== part || (parts.length > 1 && /^\d{1,3}(?:\.\d{1,3})*\.\s*$/.test(part)));
        if (wrong) problems.push(`${record.publication.id}: ${parts.join(' | ').slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(paragraphs).toBeGreaterThan(10_000);
    expect(cut).toBeGreaterThan(paragraphs / 10);
  }, 120_000);
});

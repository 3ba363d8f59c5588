/**
 * The text view's reflow (catalog/reading/blocks.ts, paragraphs.ts, parts.ts) on the 412 Official
 * Gazette texts of ../shared/corpora/legal: headings with their titles taken off the body, clauses
 * and points as paragraphs, wrapped lines joined across page breaks and running heads, not one
 * letter lost or doubled, and long codes cut into parts between headings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { textBlocks } from '../../../catalog/reading/blocks.js';
import type { PlacedBlock, StoredSection } from '../../../catalog/reading/blocks.js';
import { textLines } from '../../../catalog/reading/paragraphs.js';
import { contentsOf, partOfBlocks } from '../../../catalog/reading/parts.js';
import { TEXT_PART_CHARS } from '../../../shared/contract/reading.js';
import { CORPORA, corpusMissing } from '../../helpers/corpora.js';
import { gazetteRecords } from '../../helpers/gazette-catalog.js';

const skip = corpusMissing('legal/catalog');
const BHXH = 'luat-so-41-2024-qh15-42576';

interface Reflowed {
  slug: string;
  text: string;
  sections: StoredSection[];
  blocks: PlacedBlock[];
}

const letters = (text: string) => text.replace(/\P{L}+/gu, '').length;
const blockLetters = (b: PlacedBlock) => letters(b.text) + (b.kind === 'heading' ? letters(b.label) : 0);

describe.skipIf(skip)('the text view’s reflow on the gazette corpus', () => {
  const all: Reflowed[] = [];
  let law: PlacedBlock[] = [];

  beforeAll(() => {
    for (const record of gazetteRecords(CORPORA).records) {
      const text = record.text?.text ?? '';
      const sections = (record.sections ?? []).map((s, i) => ({ ...s, id: i + 1 }));
      all.push({ slug: record.publication.id, text, sections, blocks: textBlocks(text, sections) });
    }
    law = all.find((r) => r.slug === BHXH)!.blocks;
  }, 120_000);

  it('heads each chapter and article with its number and its title, the title’s second line not left in the text', () => {
    const chapter = law.find((b) => b.kind === 'heading' && b.level === 'chapter');
    expect(chapter).toMatchObject({ label: 'Chương I', text: 'NHỮNG QUY ĐỊNH CHUNG' });
    const i = law.findIndex((b) => b.kind === 'heading' && b.label === 'Điều 2');
    expect(law[i].text).toBe('Đối tượng tham gia bảo hiểm xã hội bắt buộc và bảo hiểm xã hội tự nguyện');
    expect(law[i + 1]).toMatchObject({ kind: 'paragraph', text: '1. Người lao động là công dân Việt Nam thuộc đối tượng tham gia bảo hiểm xã hội bắt buộc bao gồm:' });
    expect(law[i + 2].text).toMatch(/^a\) Người làm việc theo hợp đồng lao động không xác định thời hạn, hợp đồng lao động xác định thời hạn có thời hạn từ đủ 01 tháng trở lên/);
  });

  it('takes back into an article’s title its last line the structure left in the text, but not an article an amendment quotes', () => {
    const title = law.find((b) => b.kind === 'heading' && b.label === 'Điều 14');
    expect(title?.text).toBe('Quyền và trách nhiệm của công đoàn, Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên của Mặt trận');
    const amending = all.find((r) => r.slug.startsWith('nghi-dinh-so-134-2026'))!.blocks;
    const i = amending.findIndex((b) => b.kind === 'heading' && b.text === 'Sửa đổi, bổ sung Điều 1');
    expect(amending[i + 1].text).toMatch(/^“Điều 1\. Phạm vi điều chỉnh/);
  });

  it('joins a sentence a page break cuts, leaving out the page number and the gazette’s running head', () => {
    const clause = law.find((b) => b.text.startsWith('11. Cơ sở dữ liệu quốc gia về bảo hiểm'));
    expect(clause?.text).toBe(
      '11. Cơ sở dữ liệu quốc gia về bảo hiểm là cơ sở dữ liệu dùng chung tập hợp thông tin về bảo hiểm xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế được số hóa, chuẩn hóa, lưu trữ, quản lý bằng cơ sở hạ tầng thông tin để phục vụ quản lý nhà nước và giao dịch của cơ quan, tổ chức, cá nhân.',
    );
    for (const { slug, blocks } of all) {
      expect(blocks.filter((b) => /CÔNG BÁO\s*\/|Thời gian ký:/.test(b.text)).map((b) => b.text.slice(0, 60)), slug).toEqual([]);
    }
  });

  it('keeps every letter of every text exactly once (page furniture aside)', () => {
    for (const { slug, text, blocks } of all) {
      const inText = textLines(text, 0, text.length).reduce((n, line) => n + letters(line.text), 0);
      expect(blocks.reduce((n, b) => n + blockLetters(b), 0), slug).toBe(inText);
    }
  });

  it('gives every article a heading, and starts a paragraph at every clause', () => {
    for (const { slug, sections, blocks } of all) {
      const headed = new Set(blocks.flatMap((b) => (b.kind === 'heading' ? [b.section] : [])));
      expect(sections.filter((s) => s.level !== 'clause' && !headed.has(s.id)).map((s) => s.number), slug).toEqual([]);
      const starts = new Set(blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text.slice(0, 30)));
      const clauses = sections.filter((s) => s.level === 'clause');
      const unstarted = clauses.filter((c) => ![...starts].some((start) => start.startsWith(`${c.number}. `)));
      expect(unstarted.length, `${slug}: clauses not starting a paragraph`).toBe(0);
    }
  });

  it('cuts a long code into parts between headings, each part about a budget’s worth, its chapter heading kept with its first article', () => {
    const longest = all.reduce((a, b) => (b.text.length > a.text.length && b.blocks.some((x) => x.kind === 'heading') ? b : a));
    const parts = partOfBlocks(longest.blocks);
    const count = parts[parts.length - 1] + 1;
    expect(count).toBeGreaterThan(3);
    for (let i = 1; i < parts.length; i += 1) {
      if (parts[i] === parts[i - 1]) continue;
      const first = longest.blocks[i];
      // A new part opens at a heading (or, in an article longer than two budgets, between its paragraphs).
      if (first.kind === 'heading') expect(longest.blocks[i - 1].kind).toBe('paragraph');
    }
    const sizes = Array.from({ length: count }, (_, p) => longest.blocks.filter((_, i) => parts[i] === p).reduce((n, b) => n + b.text.length, 0));
    expect(Math.max(...sizes.slice(0, -1))).toBeLessThanOrEqual(TEXT_PART_CHARS * 2 + 5_000);
    const contents = contentsOf(longest.blocks, parts);
    expect(contents.length).toBe(longest.blocks.filter((b) => b.kind === 'heading').length);
    expect(contents.map((c) => c.part)).toEqual([...contents.map((c) => c.part)].sort((a, b) => a - b));
  });
});

describe('a text of one block per line (an EPUB)', () => {
  it('keeps each line of verse a paragraph of its own', () => {
    const verse = 'Trăm năm trong cõi người ta,\nChữ tài chữ mệnh khéo là ghét nhau.\nTrải qua một cuộc bể dâu,\nNhững điều trông thấy mà đau đớn lòng.';
    expect(textBlocks(verse, [], false).map((b) => b.text)).toEqual(verse.split('\n'));
    // Read as a PDF's wrapped lines, the second and fourth lines would join the first and third.
    expect(textBlocks(verse, [], true)).toHaveLength(2);
  });
});

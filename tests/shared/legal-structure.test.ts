import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStructure } from '../../shared/legal/structure.js';
import type { Section } from '../../shared/legal/structure.js';

import { CORPORA, corporaMissing as skipCorpus } from '../helpers/corpora.js';

const of = (sections: Section[], level: Section['level']) => sections.filter((s) => s.level === level);
const numbers = (sections: Section[], level: Section['level']) => of(sections, level).map((s) => s.number);

const LAW = [
  'QUỐC HỘI',
  'Luật số: 1/2020/QH14',
  'LUẬT',
  'THỬ NGHIỆM',
  '',
  'Chương I',
  'NHỮNG QUY ĐỊNH CHUNG',
  '',
  'Điều 1. Phạm vi điều chỉnh',
  'Luật này quy định về thử nghiệm. Điều 5 của Luật này quy định chi tiết.',
  'Điều 2: Giải thích từ ngữ',
  '1. Thử nghiệm là việc làm thử.',
  'a) Thử nhỏ;',
  'b) Thử lớn.',
  '2. Người thử nghiệm là người làm thử, theo quy định tại Điều 12',
  'của Luật này, kể từ ngày 01 tháng 7 năm 2019.',
  '2019. Năm bắt đầu thử nghiệm (một dòng ngắt giữa câu).',
  '4. Không phải khoản: số thứ tự nhảy cóc.',
  '3. Thử nghiệm phải an toàn.',
  '',
  'Chương II',
  'QUYỀN VÀ NGHĨA VỤ CỦA NGƯỜI THỬ NGHIỆM VÀ',
  'CƠ QUAN QUẢN LÝ',
  '',
  'Mục 1',
  'QUYỀN',
  '',
  'Điều 3. Quyền của người thử nghiệm đối với kết quả thử nghiệm và',
  'việc công bố kết quả thử nghiệm',
  'Người thử nghiệm có quyền công bố theo quy định tại',
  'Điều 12.',
  'Điều 5 của Luật này không áp dụng.',
  'Điều 3a. Quyền được bổ sung',
  'Nội dung.',
  '',
  'Mục 2',
  'NGHĨA VỤ',
  '',
  'Điều 4. Nghĩa vụ',
  'Sửa đổi, bổ sung Điều 7 như sau:',
  '“Điều 7. Điều được sửa đổi',
  '1. Khoản trong trích dẫn.”.',
  '1. Khoản thật sau trích dẫn.',
  'Điều 5. Hiệu lực thi hành',
  'Luật này có hiệu lực từ ngày 01 tháng 01 năm 2021.',
].join('\n');

describe('parseStructure', () => {
  const sections = parseStructure(LAW);

  it('finds chapters, sections and articles with their numbers, headings and nesting', () => {
    expect(of(sections, 'chapter').map((s) => [s.number, s.heading])).toEqual([
      ['I', 'NHỮNG QUY ĐỊNH CHUNG'],
      ['II', 'QUYỀN VÀ NGHĨA VỤ CỦA NGƯỜI THỬ NGHIỆM VÀ CƠ QUAN QUẢN LÝ'],
    ]);
    expect(of(sections, 'section').map((s) => [s.number, s.heading])).toEqual([
      ['1', 'QUYỀN'],
      ['2', 'NGHĨA VỤ'],
    ]);
    expect(of(sections, 'article').map((s) => [s.number, s.heading])).toEqual([
      ['1', 'Phạm vi điều chỉnh'],
      ['2', 'Giải thích từ ngữ'],
      ['3', 'Quyền của người thử nghiệm đối với kết quả thử nghiệm và việc công bố kết quả thử nghiệm'],
      ['3a', 'Quyền được bổ sung'],
      ['4', 'Nghĩa vụ'],
      ['5', 'Hiệu lực thi hành'],
    ]);
    const parentOf = (s: Section) => (s.parent === null ? null : sections[s.parent]);
    const article3 = of(sections, 'article')[2];
    expect(parentOf(article3)).toMatchObject({ level: 'section', number: '1' });
    expect(parentOf(parentOf(article3) as Section)).toMatchObject({ level: 'chapter', number: 'II' });
    expect(parentOf(of(sections, 'article')[0])).toMatchObject({ level: 'chapter', number: 'I' });
  });

  it('gives offsets into the input, so the reader opens at "Điều N"', () => {
    for (const s of of(sections, 'article')) expect(LAW.slice(s.start).startsWith(`Điều ${s.number}`)).toBe(true);
    for (const s of of(sections, 'chapter')) expect(LAW.slice(s.start).startsWith(`Chương ${s.number}`)).toBe(true);
    // A section ends where the next one of its level or above starts.
    const at = (level: Section['level'], number: string) => sections.find((s) => s.level === level && s.number === number) as Section;
    expect(at('article', '1').end).toBe(at('article', '2').start);
    expect(at('article', '2').end).toBe(at('chapter', 'II').start);
    expect(at('article', '3').end).toBe(at('article', '3a').start);
    expect(at('article', '3a').end).toBe(at('section', '2').start);
    expect(at('section', '1').end).toBe(at('section', '2').start);
    expect(at('chapter', 'I').end).toBe(at('chapter', 'II').start);
    for (const last of [at('article', '5'), at('section', '2'), at('chapter', 'II')]) expect(last.end).toBe(LAW.length);
  });

  it('takes no references for headings: "Điều 5 của Luật này", "tại Điều 12", a line ending "Điều 12."', () => {
    expect(numbers(sections, 'article')).not.toContain('12');
    expect(numbers(sections, 'article').filter((n) => n === '5')).toHaveLength(1);
    expect(of(sections, 'article').find((s) => s.number === '5')?.start).toBe(LAW.indexOf('Điều 5. Hiệu lực'));
  });

  it('finds clauses numbered 1, 2, 3… at line starts, but not points, years, skipped numbers or quoted text', () => {
    const clausesOf = (article: string) => {
      const index = sections.findIndex((s) => s.level === 'article' && s.number === article);
      return sections.filter((s) => s.level === 'clause' && s.parent === index);
    };
    expect(clausesOf('2').map((c) => [c.number, c.heading])).toEqual([
      ['1', 'Thử nghiệm là việc làm thử.'],
      ['2', 'Người thử nghiệm là người làm thử, theo quy định tại Điều 12'],
      ['3', 'Thử nghiệm phải an toàn.'],
    ]);
    expect(LAW.slice(clausesOf('2')[2].start).startsWith('3. Thử nghiệm')).toBe(true);
    expect(clausesOf('2')[2].end).toBe(of(sections, 'chapter')[1].start);
    expect(numbers(sections, 'article')).not.toContain('7');
    expect(clausesOf('4').map((c) => c.heading)).toEqual(['Khoản thật sau trích dẫn.']);
  });

  it('skips a repeated table of contents and gazette page furniture inside a heading', () => {
    const text = [
      'MỤC LỤC',
      'Chương I. QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi',
      'Điều 2. Đối tượng',
      'Chương II. ĐIỀU KHOẢN THI HÀNH',
      'Điều 3. Hiệu lực',
      '',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi',
      'Nghị định này quy định phạm vi.',
      'Điều 2. Đối tượng áp dụng đối với người lao động và',
      'Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ',
      'Thời gian ký: 28.08.2024 14:39:08 +07:00',
      '',
      ' ',
      '4 ',
      'CÔNG BÁO/Số 987 + 988/Ngày 25-8-2024 ',
      '  ',
      'người sử dụng lao động',
      '1. Người lao động.',
      'Chương II',
      'ĐIỀU KHOẢN THI HÀNH',
      'Điều 3. Hiệu lực',
      'Nghị định này có hiệu lực.',
    ].join('\n');
    const found = parseStructure(text);
    const body = text.indexOf('Chương I\n');
    expect(found.filter((s) => s.level !== 'clause').every((s) => s.start >= body)).toBe(true);
    expect(of(found, 'chapter').map((s) => [s.number, s.heading])).toEqual([
      ['I', 'QUY ĐỊNH CHUNG'],
      ['II', 'ĐIỀU KHOẢN THI HÀNH'],
    ]);
    expect(of(found, 'article').map((s) => s.heading)).toEqual([
      'Phạm vi',
      'Đối tượng áp dụng đối với người lao động và người sử dụng lao động',
      'Hiệu lực',
    ]);
  });

  it('reads parts, subsections, "Điều 5." with the heading on the next line, and capitals', () => {
    const text = [
      'PHẦN THỨ NHẤT',
      'QUY ĐỊNH CHUNG',
      'CHƯƠNG I',
      'NHỮNG QUY ĐỊNH CHUNG',
      'Mục 1',
      'QUYỀN SỞ HỮU',
      'Tiểu mục 1',
      'QUYỀN CHIẾM HỮU',
      'ĐIỀU 1. Chiếm hữu',
      'Nội dung.',
      'Tiểu mục 2',
      'QUYỀN SỬ DỤNG',
      'Điều 2.',
      'Quyền sử dụng',
      'Nội dung.',
      'Phần thứ hai',
      'NGHĨA VỤ',
      'Chương II',
      'HỢP ĐỒNG',
      'Điều 3. Hợp đồng',
    ].join('\n');
    const found = parseStructure(text);
    expect(found.filter((s) => s.level !== 'clause').map((s) => [s.level, s.number, s.heading, s.parent === null ? null : found[s.parent].level])).toEqual([
      ['part', 'thứ nhất', 'QUY ĐỊNH CHUNG', null],
      ['chapter', 'I', 'NHỮNG QUY ĐỊNH CHUNG', 'part'],
      ['section', '1', 'QUYỀN SỞ HỮU', 'chapter'],
      ['subsection', '1', 'QUYỀN CHIẾM HỮU', 'section'],
      ['article', '1', 'Chiếm hữu', 'subsection'],
      ['subsection', '2', 'QUYỀN SỬ DỤNG', 'section'],
      ['article', '2', 'Quyền sử dụng', 'subsection'],
      ['part', 'thứ hai', 'NGHĨA VỤ', null],
      ['chapter', 'II', 'HỢP ĐỒNG', 'part'],
      ['article', '3', 'Hợp đồng', 'chapter'],
    ]);
  });

  it('restarts numbering in an attached regulation but not in an appendix form after the signature', () => {
    const text = [
      'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.',
      'Điều 2. Hiệu lực thi hành',
      'Quyết định này có hiệu lực từ ngày ký.',
      'Nơi nhận:',
      '- Như Điều 2;',
      'BỘ TRƯỞNG',
      'QUY CHẾ',
      'Làm việc của Bộ',
      '(Ban hành kèm theo Quyết định số 1/QĐ-BTP)',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi điều chỉnh',
      'Quy chế này quy định.',
      'Điều 2. Nguyên tắc làm việc',
      'Nội dung.',
      'Nơi nhận:',
      'Mẫu số 01',
      '(Kèm theo Quyết định số 1/QĐ-BTP)',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'HỢP ĐỒNG',
      'Căn cứ Bộ luật Dân sự;',
      'Hôm nay, tại ……, chúng tôi gồm: ……',
      'Bên A: ……',
      'Bên B: ……',
      'Hai bên thỏa thuận ký kết hợp đồng với các điều khoản dưới đây, trên cơ sở tự nguyện, bình đẳng và các quy định hiện hành:',
      'Điều 3. Điều khoản của mẫu',
      'Điều 1. Đối tượng của hợp đồng',
    ].join('\n');
    const found = parseStructure(text);
    expect(of(found, 'article').map((s) => [s.number, s.heading])).toEqual([
      ['1', 'Ban hành kèm theo Quyết định này Quy chế làm việc.'],
      ['2', 'Hiệu lực thi hành'],
      ['1', 'Phạm vi điều chỉnh'],
      ['2', 'Nguyên tắc làm việc'],
    ]);
    expect(of(found, 'chapter').map((s) => s.number)).toEqual(['I']);
  });

  it('indexes text in decomposed Unicode (NFD) as given', () => {
    const nfd = LAW.normalize('NFD');
    const found = parseStructure(nfd);
    expect(numbers(found, 'article')).toEqual(numbers(sections, 'article'));
    for (const s of of(found, 'article')) expect(nfd.slice(s.start).startsWith(`Điều ${s.number}`.normalize('NFD'))).toBe(true);
    expect(of(found, 'chapter')[1].heading).toBe(of(sections, 'chapter')[1].heading);
  });

  it('returns nothing for text without structure', () => {
    expect(parseStructure('')).toEqual([]);
    expect(parseStructure('Điều kiện, mục đích và chương trình.\nMục đích của việc này.\nChương trình hành động.')).toEqual([]);
  });
});

interface Law {
  doc_id: string;
  articles: { article_id: string; heading: string; text: string }[];
}

/** Articles that laws.jsonl folds into the text of the article before them (real headings in the text). */
const FOLDED_IN_CORPUS: Record<string, string[]> = {
  'luat-trong-trot-2018': ['64'],
  'hien-phap-2013': ['115', '116'],
};

/**
 * Checks that hold for any legal text: articles increase within each document, starting again at
 * 1 only in an attached regulation; headings are short; each division holds an article.
 */
function checkSane(name: string, text: string, sections: Section[]): void {
  const articles = of(sections, 'article');
  const value = (n: string) => Number.parseInt(n, 10) * 32 + (/[a-zđ]$/.test(n) ? n.charCodeAt(n.length - 1) - 96 : 0);
  articles.slice(1).forEach((a, i) => {
    if (value(a.number) <= value(articles[i].number)) expect(`${name}: ${articles[i].number} → ${a.number}`).toBe(`${name}: ${articles[i].number} → 1`);
  });
  for (const a of articles) expect(a.heading.length, `${name} Điều ${a.number}`).toBeLessThanOrEqual(300);
  for (const s of sections) {
    const keyword = s.level === 'clause' ? /^\d+\. / : /^(Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Tiểu mục|TIỂU MỤC|Điều|ĐIỀU) /u;
    expect(text.slice(s.start, s.start + 12).normalize('NFC'), name).toMatch(keyword);
    expect(s.end).toBeGreaterThan(s.start);
    if (s.level !== 'article' && s.level !== 'clause') {
      expect(articles.some((a) => a.start > s.start && a.start < s.end), `${name} ${s.level} ${s.number} holds an article`).toBe(true);
    }
  }
}

describe.skipIf(skipCorpus)('parseStructure on the corpora', () => {
  let laws: Law[] = [];
  const gazette = new Map<string, string>();

  beforeAll(() => {
    laws = fs
      .readFileSync(path.join(CORPORA, 'legal/corpus/laws.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Law);
    const full = zlib.gunzipSync(fs.readFileSync(path.join(CORPORA, 'legal/catalog/fulltext.jsonl.gz'))).toString('utf8');
    for (const line of full.split('\n').filter(Boolean)) {
      const { slug, full_text } = JSON.parse(line) as { slug: string; full_text: string };
      gazette.set(slug, full_text);
    }
    const dir = path.join(CORPORA, 'pdf/vn-congbao');
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) gazette.set(`vn-congbao/${name}`, fs.readFileSync(path.join(dir, name), 'utf8'));
  });

  it('finds every article of the 23 laws of laws.jsonl, with its number and heading', () => {
    let matched = 0;
    let total = 0;
    for (const law of laws) {
      // The text as the search evaluation builds it.
      const text = law.articles.map((a) => `Điều ${a.article_id}. ${a.heading}\n${a.text}`).join('\n').normalize('NFC');
      const articles = of(parseStructure(text), 'article');
      const byNumber = new Map(articles.map((a) => [a.number, a]));
      for (const a of law.articles) {
        total++;
        const found = byNumber.get(a.article_id);
        const heading = a.heading.normalize('NFC').replace(/\s+/g, ' ').trim();
        if (found && found.heading === heading && text.startsWith(`Điều ${a.article_id}.`, found.start)) matched++;
        else expect.soft(found?.heading, `${law.doc_id} Điều ${a.article_id}`).toBe(heading);
      }
      const extra = articles.map((a) => a.number).filter((n) => !law.articles.some((a) => a.article_id === n));
      expect(extra, law.doc_id).toEqual(FOLDED_IN_CORPUS[law.doc_id] ?? []);
    }
    console.log(`parseStructure on laws.jsonl: ${matched}/${total} articles matched`);
    expect(matched).toBe(total);
  });

  it('gives sane structures for the gazette texts', () => {
    const counts = { documents: 0, withArticles: 0, articles: 0, clauses: 0, divisions: 0 };
    for (const [name, text] of gazette) {
      const sections = parseStructure(text);
      checkSane(name, text, sections);
      const articles = of(sections, 'article').length;
      counts.documents++;
      counts.withArticles += articles > 0 ? 1 : 0;
      counts.articles += articles;
      counts.clauses += of(sections, 'clause').length;
      counts.divisions += sections.filter((s) => !['article', 'clause'].includes(s.level)).length;
      // The others are image-only pages, directives and resolutions without articles.
      if (/^\s*Điều \d+[.:]/mu.test(text)) expect(articles, name).toBeGreaterThan(0);
    }
    console.log('parseStructure on the gazette texts:', counts);
  });

  it('reads known documents completely', () => {
    for (const name of ['luat-so-69-2020-qh14-32699', 'vn-congbao/luat-so-69-2020-qh14-32699.txt']) {
      const sections = parseStructure(gazette.get(name) as string);
      expect(numbers(sections, 'article'), name).toEqual(Array.from({ length: 74 }, (_, i) => String(i + 1)));
      expect(numbers(sections, 'chapter'), name).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
      expect(of(sections, 'article')[1].heading).toBe('Đối tượng áp dụng');
    }
    const decree = parseStructure(gazette.get('vn-congbao/nghi-dinh-so-158-2025-nd-cp-45240.txt') as string);
    expect(numbers(decree, 'article')).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    // An amending law: its clauses are the amendments, not the quoted articles they insert.
    const amending = parseStructure(gazette.get('vn-congbao/luat-so-51-2024-qh15-43559.txt') as string);
    expect(numbers(amending, 'article')).toEqual(['1', '2', '3']);
    expect(of(amending, 'clause').filter((c) => c.parent === 0)).toHaveLength(35);
    // A circular that issues an attached procedure: 1–3, then the procedure's own articles.
    const circular = numbers(parseStructure(gazette.get('thong-tu-so-12-2021-tt-bldtbxh-34567') as string), 'article');
    expect(circular.slice(0, 4)).toEqual(['1', '2', '3', '1']);
  });

  it('parses a megabyte in well under 100 ms (printed, not asserted)', () => {
    const parts: string[] = [];
    let size = 0;
    for (const text of gazette.values()) {
      if (size >= 1_000_000) break;
      parts.push(text);
      size += text.length;
    }
    const text = parts.join('\n').slice(0, 1_000_000);
    parseStructure(text);
    const started = performance.now();
    const sections = parseStructure(text);
    console.log(`parseStructure: ${(text.length / 1e6).toFixed(2)} M characters, ${sections.length} sections in ${(performance.now() - started).toFixed(1)} ms`);
  });
});

/**
 * Query understanding on real law texts (issue 12): a library of four laws of the corpus
 * (marriage and family, labour, livestock, residence) and one poem. Marks are restored and typos
 * corrected from the catalog's own syllables and the word list, question words do not drive
 * ranking, "quyết định 28" is a document reference, everyday words add the law's, the page is
 * told what was searched, typed accents are meant (a poem's "hơn", "Hồn" is not "ly hôn"), and
 * "as typed" searches exactly the words typed.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import type { Library } from '../../../catalog/library.js';
import { lawToRecord } from '../../../catalog/search/eval.js';
import { highlightOf, search } from '../../../catalog/search/search.js';
import { matchRanges } from '../../../catalog/search/snippets.js';
import { understandQuery } from '../../../catalog/search/understand.js';
import { findWords, searchWords } from '../../../renderer/src/reader/shared/find-words.js';
import { corpus, corporaMissing } from '../../helpers/corpora.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const LAWS = new Set(['Luật Hôn nhân và gia đình', 'Bộ luật Lao động', 'Luật Chăn nuôi', 'Luật Cư trú']);
const POEM = [
  'Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau.',
  'Lời rằng: Bạc mệnh cũng là lời chung. Hồn còn mang nặng lời thề, hơn nhau một chút tình hờn ghen.',
  'Ly rượu tiễn đưa người đi xa, lòng còn vương vấn hơn bao giờ hết.',
].join('\n');

let library: Library;
const lawIds = new Map<string, string>();
/** Each law's whole text, by publication id. */
const lawTexts = new Map<string, string>();

beforeAll(async () => {
  if (corporaMissing) return;
  library = await tempLibrary('understanding-');
  const laws = fs
    .readFileSync(corpus('legal/corpus/laws.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Parameters<typeof lawToRecord>[0] & { title: string })
    .filter((law) => LAWS.has(law.title));
  const records = laws.map(lawToRecord);
  for (const record of records) {
    lawIds.set(record.publication.title, record.publication.id);
    lawTexts.set(record.publication.id, record.text?.text ?? '');
  }
  saveDocuments(library.db, [
    ...records,
    { publication: { id: 'truyen-kieu', kind: 'book', title: 'Truyện thơ' }, files: [], text: { text: POEM, pageStarts: [0], pageCount: 1 } },
  ]);
});

const read = (q: string) => understandQuery(library.db, q);
const ask = (q: string, asTyped = false) => search(library.db, { q, offset: 0, limit: 5, asTyped });
const firstTitle = (q: string) => ask(q).items[0]?.publication.title;

describe.skipIf(corporaMissing)('what a query is read as', () => {
  it('restores the marks of an unaccented question, and says what it searched', () => {
    const understood = read('bo me ly di con 2 tuoi thi ai nuoi');
    expect(understood.searched).toBe('bố mẹ ly dị con 2 tuổi thì ai nuôi');
    expect(understood.corrected).toBe(false);
    expect(understood.expanded).toContain('ly hôn');
    const result = ask('bo me ly di con 2 tuoi thi ai nuoi');
    expect(result.understood).toMatchObject({ searched: 'bố mẹ ly dị con 2 tuổi thì ai nuôi', scattered: false });
    // The marriage law's articles on raising children after divorce, not the livestock law's "nuôi".
    expect(result.items[0].publication.title).toBe('Luật Hôn nhân và gia đình');
  });

  it('corrects typos to the nearest frequent syllable and says so', () => {
    for (const [typed, meant] of [
      ['lươg tối thiểu', 'lương tối thiểu'],
      ['khôg có hộ khẩu', 'không có hộ khẩu'],
      ['bảo hiễm xã hội', 'bảo hiểm xã hội'],
    ]) {
      expect(read(typed), typed).toMatchObject({ searched: meant, corrected: true });
    }
    expect(ask('lươg tối thiểu').items[0].hits[0].label).toMatch(/^Điều 91\b/); // Mức lương tối thiểu
  });

  it('keeps the marks typed: a known word is not "corrected"', () => {
    for (const typed of ['ly hôn', 'tiền lương', 'chăn nuôi']) expect(read(typed), typed).toMatchObject({ searched: null, corrected: false });
  });

  it('leaves question words out of ranking, and reads "quyết định 28" as a document reference', () => {
    expect(read('đuổi việc thì sao có được không').query.words).toEqual(['duoi', 'viec']);
    expect(read('quyết định 28 về bảo hiểm').query.references).toEqual([{ docType: 'Quyết định', low: '28', high: '280' }]);
    expect(read('nghị định số 100').query.references).toEqual([expect.objectContaining({ docType: 'Nghị định', low: '100' })]);
  });

  it("adds the law's words for everyday ones, and an entry marked '=' only with its marks", () => {
    expect(read('đang có bầu thì công ty có được đuổi việc không').expanded).toEqual(expect.arrayContaining(['mang thai', 'sa thải']));
    expect(read('tăng ca').expanded).toContain('làm thêm giờ');
    expect(read('mướn nhà').expanded).toContain('thuê nhà');
    expect(read('muốn ly hôn').expanded).not.toContain('thuê nhà'); // "muốn" is not "mướn"
    expect(firstTitle('đang có bầu thì công ty có được đuổi việc không')).toBe('Bộ luật Lao động');
    expect(ask('tăng ca').items[0].hits[0].label).toMatch(/^Điều 98\b/); // Tiền lương làm thêm giờ
    expect(firstTitle('nuoi heo')).toBe('Luật Chăn nuôi');
  });
});

describe.skipIf(corporaMissing)('accents typed are meant', () => {
  it('"ly hôn" finds the laws that say "ly hôn" before the poem that has "Ly", "hơn" and "Hồn"', () => {
    const ids = ask('ly hôn').items.map((item) => item.publication.id);
    expect(ids.slice(0, 2)).toEqual([lawIds.get('Luật Hôn nhân và gia đình'), lawIds.get('Luật Cư trú')]);
    expect(ids.indexOf('truyen-kieu')).not.toBe(-1);
    expect(ids.indexOf('truyen-kieu')).toBeGreaterThan(1);
    // One marked word: the short poem says "hon" four times, folded, but never "hôn".
    const single = ask('hôn').items.map((item) => item.publication.id);
    expect(single[0]).toBe(lawIds.get('Luật Hôn nhân và gia đình'));
    expect(single.indexOf('truyen-kieu')).toBe(single.length - 1);
  });

  it('words the catalog holds only scattered are not an answer: no results, and the page is told why', () => {
    // Among the books only the poem is left: it has "Ly" and "hơn", never "ly hôn".
    const result = search(library.db, { q: 'ly hôn', offset: 0, limit: 5, filters: { kind: ['book'] } });
    expect(result.items).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.understood).toMatchObject({ scattered: true });
    // One word is no phrase: it is simply searched; and words side by side are an answer.
    expect(search(library.db, { q: 'hồn', offset: 0, limit: 5, filters: { kind: ['book'] } }).items[0]?.publication.id).toBe('truyen-kieu');
    expect(search(library.db, { q: 'lời thề', offset: 0, limit: 5, filters: { kind: ['book'] } }).understood).toMatchObject({ scattered: false });
  });

  it('highlights a marked word only with its marks', () => {
    const hit = ask('ly hôn').items[0].hits[0];
    const marked = hit.highlights.map(([start, end]) => hit.snippet.slice(start, end).toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(['ly', 'hôn', 'ly hôn']).toContain(word);
  });

  it('as typed: no marks restored, no typo corrected, no word added', () => {
    const understood = understandQuery(library.db, 'bo me ly di', { asTyped: true });
    expect(understood).toMatchObject({ searched: null, corrected: false, expanded: [] });
    expect(understood.query.expansions).toEqual([]);
    expect(ask('tăng ca', true).understood).toMatchObject({ expanded: [] });
    expect(ask('lươg', true).understood).toMatchObject({ searched: null, corrected: false });
  });
});

/** The characters of `text` inside `ranges`, white space left out (a reader's run spans the spaces between words). */
function covered(text: string, ranges: readonly (readonly [number, number])[]): number[] {
  const at = new Set<number>();
  for (const [start, end] of ranges) for (let i = start; i < end; i += 1) if (!/\s/.test(text[i])) at.add(i);
  return [...at].sort((a, b) => a - b);
}

describe.skipIf(corporaMissing)('what a hit carries to the reader', () => {
  it('the words the results page marks, found by the reader as the page marks them: no question word, the law’s words only whole', () => {
    for (const q of ['mức lương tối thiểu vùng là bao nhiêu', 'bo me ly di con 2 tuoi thi ai nuoi', 'nghỉ thai sản được bao nhiêu tháng', 'tạm trú']) {
      const result = ask(q);
      const words = searchWords(result.understood?.marks ?? '');
      const highlight = highlightOf(understandQuery(library.db, q).query);
      const laws = result.items.map((item) => lawTexts.get(item.publication.id)).filter((text) => text !== undefined);
      expect(laws.length, q).toBeGreaterThan(0);
      for (const text of laws) {
        const found = findWords(text, words).map((run) => [run.start, run.end] as const);
        expect(covered(text, found), q).toEqual(covered(text, matchRanges(text, highlight)));
      }
    }
    const wage = ask('mức lương tối thiểu vùng là bao nhiêu').understood?.marks.split(' ') ?? [];
    expect(wage).toEqual(expect.arrayContaining(['mức', 'lương', 'tối', 'thiểu', 'vùng']));
    expect(wage).not.toContain('bao');
    expect(wage).not.toContain('nhiêu');
    const divorce = ask('bo me ly di con 2 tuoi thi ai nuoi').understood?.marks ?? '';
    expect(divorce.split(' ')).not.toContain('thi');
    expect(divorce).toContain('"ly hôn"');
  });
});

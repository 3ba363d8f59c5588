import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { saveDocuments, deletePublication } from '../../../catalog/documents.js';
import type { DocumentRecord } from '../../../catalog/documents.js';
import { search } from '../../../catalog/search/search.js';
import { suggest } from '../../../catalog/search/suggest.js';
import { parseStructure } from '../../../shared/legal/structure.js';
import { tempLibrary } from '../../helpers/temp-library.js';

function legal(id: string, title: string, number: string, body: string, extra: Partial<DocumentRecord['publication']> = {}): DocumentRecord {
  const text = `${title}\n${body}`.normalize('NFC');
  return {
    publication: { id, kind: 'legal', title, number, docType: title.split(' ').slice(0, 2).join(' '), issuer: 'Quốc hội', issuedDate: '2014-06-19', ...extra },
    files: [],
    text: { text, pageStarts: [0, Math.floor(text.length / 2)], pageCount: 2 },
    sections: parseStructure(text),
  };
}

const MARRIAGE = legal(
  'hon-nhan',
  'Luật Hôn nhân và gia đình',
  '52/2014/QH13',
  [
    'Chương IV',
    'CHẤM DỨT HÔN NHÂN',
    'Điều 51. Quyền yêu cầu giải quyết ly hôn',
    '1. Vợ, chồng hoặc cả hai người có quyền yêu cầu Tòa án giải quyết ly hôn.',
    '2. Cha, mẹ, người thân thích khác có quyền yêu cầu Tòa án giải quyết ly hôn khi một bên vợ, chồng bị bệnh tâm thần.',
    'Điều 55. Thuận tình ly hôn',
    'Trong trường hợp vợ chồng cùng yêu cầu ly hôn, nếu xét thấy hai bên thật sự tự nguyện ly hôn thì Tòa án công nhận thuận tình ly hôn.',
  ].join('\n'),
  { fields: ['Hôn nhân và gia đình'], legalStatus: 'in_force' },
);
const ROADS = legal(
  'duong-bo',
  'Luật Trật tự, an toàn giao thông đường bộ',
  '36/2024/QH15',
  ['Điều 1. Phạm vi điều chỉnh', 'Luật này quy định về quy tắc giao thông đường bộ và phương tiện tham gia giao thông đường bộ.'].join('\n'),
  { issuedDate: '2024-06-27', fields: ['Giao thông'] },
);
const SEA = legal(
  'duong-bien',
  'Nghị định về cảng biển và luồng hàng hải',
  '58/2017/NĐ-CP',
  ['Điều 1. Phạm vi', 'Quy định về đại dương, biển và luồng hàng hải; dương lịch được dùng để tính thời hạn.'].join('\n'),
  { docType: 'Nghị định', issuer: 'Chính phủ', issuedDate: '2017-05-10', fields: ['Giao thông'] },
);
const DECISION = legal('qd-14', 'Quyết định về tủ sách pháp luật', '14/2019/QĐ-TTg', 'Điều 1. Tủ sách pháp luật\nTủ sách pháp luật được xây dựng tại xã.', {
  docType: 'Quyết định',
  issuer: 'Thủ tướng Chính phủ',
  issuedDate: '2019-03-13',
});
const DECOY = legal('nd-114', 'Nghị định quy định khác', '114/2019/NĐ-CP', 'Điều 1. Nội dung\nThực hiện Quyết định 14/2019/QĐ-TTg về tủ sách pháp luật và tủ sách pháp luật điện tử.', {
  docType: 'Nghị định',
  issuer: 'Chính phủ',
  issuedDate: '2019-12-20',
});

let library: Library;
beforeAll(async () => {
  library = await tempLibrary();
  saveDocuments(library.db, [MARRIAGE, ROADS, SEA, DECISION, DECOY]);
});

const run = (q: string, extra: Partial<Parameters<typeof search>[1]> = {}) => search(library.db, { q, offset: 0, limit: 10, ...extra });

describe('search', () => {
  it('finds the article that answers a question typed without diacritics', () => {
    const result = run('ly hon can giay to gi quyen yeu cau giai quyet ly hon');
    const top = result.items[0];
    expect(top.publication.id).toBe('hon-nhan');
    expect(top.hits[0]).toMatchObject({ label: 'Điều 51', heading: 'Quyền yêu cầu giải quyết ly hôn' });
    expect(top.hits[0].page).toBeGreaterThanOrEqual(1);
  });

  it('highlights on the accented text even when the query has no accents', () => {
    const hit = run('thuan tinh ly hon').items[0].hits[0];
    const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['thuận', 'tình', 'ly', 'hôn']));
  });

  it('puts the document itself first for its number, in any spelling, and not a decoy that cites it', () => {
    for (const q of ['14/2019/QĐ-TTg', '14/2019/qd-ttg', '14/2019/QD-TTG', '14 / 2019 / QĐ-TTg', 'quyết định 14/2019/QĐ-TTg']) {
      expect(run(q).items[0].publication.id, q).toBe('qd-14');
    }
  });

  it('matches a partial number to its document but never to 114/2019', () => {
    const ids = run('14/2019').items.map((i) => i.publication.id);
    expect(ids[0]).toBe('qd-14');
    const numberMatches = run('14/2019').items.filter((i) => i.matchedBy === 'number').map((i) => i.publication.id);
    expect(numberMatches).toEqual(['qd-14']);
  });

  it('prefers exact accents: "đường bộ" ranks roads above "dương"', () => {
    expect(run('đường bộ').items[0].publication.id).toBe('duong-bo');
    expect(run('dương lịch').items[0].publication.id).toBe('duong-bien');
  });

  it('unifies old and new tone placement', () => {
    expect(run('hoà').total).toBe(run('hòa').total);
  });

  it('filters and counts facets', () => {
    expect(run('', { facets: true }).facets!.field).toEqual(expect.arrayContaining([{ value: 'Giao thông', count: 2 }]));
    expect(run('giao thông', { facets: true }).facets!.field).toEqual([{ value: 'Giao thông', count: 1 }]);
    const decrees = run('', { filters: { field: ['Giao thông'], docType: ['Nghị định'] } });
    expect(decrees.items.map((i) => i.publication.id)).toEqual(['duong-bien']);
    expect(run('ly hôn', { filters: { year: [2024] } }).total).toBe(0);
    expect(run('ly hôn', { filters: { legalStatus: ['in_force'] } }).items[0].publication.id).toBe('hon-nhan');
  });

  it('browses the catalog, newest first, when the query is empty', () => {
    const result = run('', { facets: true });
    expect(result.total).toBe(5);
    expect(result.items[0].publication.id).toBe('duong-bo');
    expect(result.facets!.docType.reduce((n, v) => n + v.count, 0)).toBe(5);
  });

  it('pages through results without overlap', () => {
    const first = search(library.db, { q: 'luật', offset: 0, limit: 1 });
    const second = search(library.db, { q: 'luật', offset: 1, limit: 1 });
    expect(first.items[0].publication.id).not.toBe(second.items[0]?.publication.id);
    expect(first.total).toBe(second.total);
  });

  it('forgets a deleted publication', () => {
    deletePublication(library.db, 'duong-bien');
    expect(run('dương lịch').items.map((i) => i.publication.id)).not.toContain('duong-bien');
    saveDocuments(library.db, [SEA]);
  });
});

describe('typeahead', () => {
  it('offers titles as they are typed, with or without accents', () => {
    expect(suggest(library.db, 'luật hôn', 5)[0].id).toBe('hon-nhan');
    expect(suggest(library.db, 'luat hon nh', 5)[0].id).toBe('hon-nhan');
    expect(suggest(library.db, 'Luật', 5).map((s) => s.id)).toEqual(expect.arrayContaining(['hon-nhan', 'duong-bo']));
  });

  it('offers numbers as they are typed', () => {
    expect(suggest(library.db, '14/20', 5)[0].id).toBe('qd-14');
    expect(suggest(library.db, '114', 5)[0].id).toBe('nd-114');
  });

  it('returns nothing for an empty input or hostile FTS syntax', () => {
    expect(suggest(library.db, '   ', 5)).toEqual([]);
    for (const q of ['"', 'NEAR(', '*', 'title:x', 'a OR', ')']) expect(() => suggest(library.db, q, 5)).not.toThrow();
    for (const q of ['"', 'NEAR(', '*', 'heading:x', 'a AND', ')']) expect(() => run(q)).not.toThrow();
  });
});

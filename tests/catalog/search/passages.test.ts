/**
 * Passages stay small and are read alone: a long article is searched in parts (and shown once),
 * a passage's text is cut out by its UTF-8 bytes — right after characters outside the BMP too —
 * and a library indexed before that (schema 12) is placed in bytes and cut again when it opens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { saveDocuments } from '../../../catalog/documents.js';
import type { DocumentRecord } from '../../../catalog/documents.js';
import { search } from '../../../catalog/search/search.js';
import { MAX_ARTICLE_CHARS, reindexUnboundedPassages } from '../../../catalog/search/index-writer.js';
import { parseStructure } from '../../../shared/legal/structure.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}. Cơ quan quản lý lập sổ theo dõi và báo cáo định kỳ về việc thực hiện quy định này.`).join('\n');
/** Before the article: characters outside the BMP (mathematical letters a PDF gave, an emoji). */
const TEXT = [
  'LUẬT THỬ NGHIỆM 𝐀𝐁𝐂 😀',
  'Điều 1. Phạm vi điều chỉnh',
  'Luật này quy định về thử nghiệm 𝒙 trong thư viện.',
  'Điều 2. Quy định dài',
  filler(300),
  'Người nuôi ong mật được hỗ trợ giống cây trồng.',
  'Điều 3. Hiệu lực',
  'Luật này có hiệu lực từ ngày ký.',
].join('\n').normalize('NFC');

const RECORD: DocumentRecord = {
  publication: { id: 'luat-thu', kind: 'legal', title: 'Luật thử nghiệm', number: '1/2025/QH15', docType: 'Luật' },
  files: [],
  text: { text: TEXT, pageStarts: [0], pageCount: 1 },
  sections: parseStructure(TEXT),
};

let library: Library;
beforeAll(async () => {
  library = await tempLibrary();
  saveDocuments(library.db, [RECORD]);
});

const passages = () =>
  library.db.prepare("SELECT section_id AS sectionId, start, end, byte_start AS byteStart, byte_end AS byteEnd FROM passages WHERE publication_id = 'luat-thu' ORDER BY start").all() as {
    sectionId: number | null;
    start: number;
    end: number;
    byteStart: number;
    byteEnd: number;
  }[];

function expectFoundAndHighlighted(q: string, word: string) {
  const hit = search(library.db, { q, offset: 0, limit: 10 }).items[0]?.hits[0];
  expect(hit, q).toBeDefined();
  const highlighted = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
  expect(highlighted).toContain(word);
  return hit;
}

describe('bounded passages read by their bytes', () => {
  it('cuts a long article into parts of the same article, none longer than the limit', () => {
    const rows = passages();
    const start = TEXT.indexOf('Điều 2');
    const end = TEXT.indexOf('Điều 3');
    expect(end - start).toBeGreaterThan(MAX_ARTICLE_CHARS * 3);
    const article2 = rows.filter((p) => p.start >= start && p.end <= end);
    expect(article2.length).toBeGreaterThanOrEqual(3);
    expect(new Set(article2.map((p) => p.sectionId)).size).toBe(1);
    expect(article2[0].sectionId).not.toBeNull();
    expect(new Set(rows.filter((p) => p.sectionId !== null).map((p) => p.sectionId)).size).toBe(3);
    expect(Math.max(...rows.map((p) => p.end - p.start))).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
  });

  it('finds the end of the long article, shows the article once and highlights the right words after astral characters', () => {
    const hit = expectFoundAndHighlighted('nuôi ong mật', 'nuôi');
    expect(hit.label).toBe('Điều 2');
    const [item] = search(library.db, { q: 'quản lý lập sổ theo dõi', offset: 0, limit: 10 }).items;
    expect(item.hits.filter((h) => h.label === 'Điều 2')).toHaveLength(1);
    expectFoundAndHighlighted('thử nghiệm trong thư viện', 'viện');
  });

  it('places passages of a library indexed before (long articles whole, no byte offsets) when it is upgraded', () => {
    const db = library.db;
    const article = db.prepare("SELECT id, start, end FROM sections WHERE publication_id = 'luat-thu' AND level = 'article' AND number = '2'").get() as { id: number; start: number; end: number };
    db.prepare('DELETE FROM passage_fts WHERE rowid IN (SELECT id FROM passages WHERE section_id = ?)').run(article.id);
    db.prepare('DELETE FROM passages WHERE section_id = ?').run(article.id);
    db.prepare("INSERT INTO passages (publication_id, section_id, start, end) VALUES ('luat-thu', ?, ?, ?)").run(article.id, article.start, article.end);
    db.prepare('UPDATE passages SET byte_start = 0, byte_end = 0').run();
    reindexUnboundedPassages(db);
    const rows = passages();
    expect(Math.max(...rows.map((p) => p.end - p.start))).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    for (const p of rows) expect(Buffer.from(TEXT).subarray(p.byteStart, p.byteEnd).toString('utf8')).toBe(TEXT.slice(p.start, p.end));
    expectFoundAndHighlighted('nuôi ong mật', 'mật');
  });
});

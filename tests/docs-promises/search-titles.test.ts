/**
 * docs/search.md, "How a query runs" step 3: a document whose title the query names lifts its
 * passages, and a short query (≤ 6 syllables) also searches every title, so a publication known
 * by its metadata only is found. Two laws on disk with the very same article: the one the query
 * names comes first, whichever it is; a decree without text is found by a few words of its title.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { saveDocuments } from '../../catalog/documents.js';
import type { DocumentRecord } from '../../catalog/documents.js';
import type { Library } from '../../catalog/library.js';
import { search } from '../../catalog/search/search.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { tempLibrary } from '../helpers/temp-library.js';

/** The same article, word for word, in both laws: only the title tells them apart. */
const ARTICLE = ['Điều 12. Thời hạn khiếu nại', 'Thời hạn khiếu nại về hợp đồng là hai năm kể từ ngày quyền lợi bị xâm phạm.'].join('\n');

function law(id: string, title: string, number: string, body: string | null): DocumentRecord {
  const publication = { id, kind: 'legal' as const, title, number, docType: 'Luật', issuer: 'Quốc hội', issuedDate: '2015-11-24' };
  if (body === null) return { publication, files: [] };
  return { publication, files: [], text: { text: body, pageStarts: [0], pageCount: 1 }, sections: parseStructure(body) };
}

let library: Library;
beforeAll(async () => {
  library = await tempLibrary('search-titles-');
  saveDocuments(library.db, [
    law('dan-su', 'Bộ luật Dân sự', '91/2015/QH13', ARTICLE),
    law('thuong-mai', 'Luật Thương mại', '36/2005/QH11', ARTICLE),
    law('vat-lieu-no', 'Nghị định về quản lý vật liệu nổ công nghiệp', '71/2018/NĐ-CP', null),
  ]);
});

const ids = (q: string) => search(library.db, { q, offset: 0, limit: 10 }).items.map((item) => item.publication.id);

describe('titles in a query', () => {
  it('lift the passages of the document the query names', () => {
    expect(ids('theo bộ luật dân sự thời hạn khiếu nại về hợp đồng là bao lâu')[0]).toBe('dan-su');
    expect(ids('theo luật thương mại thời hạn khiếu nại về hợp đồng là bao lâu')[0]).toBe('thuong-mai');
    expect(ids('theo luat thuong mai thoi han khieu nai ve hop dong')[0]).toBe('thuong-mai');
  });

  it('find a publication without text by a few words of its title', () => {
    expect(ids('vật liệu nổ công nghiệp')).toContain('vat-lieu-no');
    expect(ids('quan ly vat lieu no')).toContain('vat-lieu-no');
  });
});

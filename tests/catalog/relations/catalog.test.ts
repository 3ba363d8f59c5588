/**
 * Relations in a real catalog (SQLite on disk), from real Official Gazette texts: read when a
 * document is saved, linked to the documents the station holds, in whichever order they arrive,
 * and the status of each derived from them and from effective dates — shown on the publication
 * page with its reason and related documents, and in search results and facets.
 */
import { describe, expect, it } from 'vitest';
import { deletePublication, saveDocuments } from '../../../catalog/documents.js';
import type { Library } from '../../../catalog/library.js';
import { readPendingRelations } from '../../../catalog/relations/backfill.js';
import { publicationDetail } from '../../../catalog/relations/related.js';
import { search } from '../../../catalog/search/search.js';
import { say } from '../../../shared/messages.js';
import { numberKey } from '../../../shared/text.js';
import type { MessageRef } from '../../../shared/messages.js';
import { corpusMissing } from '../../helpers/corpora.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { describedRecord, importedRecord } from './gazette.js';

/** Midday in Vietnam, whatever the time zone of the machine running the test. */
const at = (day: string) => `${day}T05:00:00.000Z`;
const NOW = at('2026-01-01');

const detail = (library: Library, id: string) => publicationDetail(library.db, id)!;
const said = (ref: MessageRef | null) => (ref ? say('vi', ref) : null);
/** The rows that name a number (as printed: its key). */
const naming = (library: Library, number: string) =>
  library.db
    .prepare('SELECT publication_id AS source, kind, target_number AS target, scope, source AS origin, target_id AS linked FROM relations WHERE target_key = ? ORDER BY id')
    .all(numberKey(number));
/** The items of one group of a publication's related documents. */
const group = (library: Library, id: string, name: string) => detail(library, id).related.find((g) => g.group === name)?.items ?? [];

describe.skipIf(corpusMissing('legal/catalog'))('relations in the catalog', () => {
  // Luật Bảo hiểm xã hội 41/2024/QH15 (in effect 01/07/2025) replaces the one of 2014, 58/2014/QH13.
  const law2014 = importedRecord('luat-so-58-2014-qh13-15355');
  const law2024 = importedRecord('luat-so-41-2024-qh15-42576');
  const [oldId, newId] = [law2014.publication.id, law2024.publication.id];

  it.each([
    ['the old law first', [law2014, law2024]],
    ['the new law first', [law2024, law2014]],
  ])('a law and its replacement, %s: the old one no longer in force, naming the new one; the new one in force', async (_, order) => {
    const library = await tempLibrary();
    for (const record of order) saveDocuments(library.db, [record], NOW);

    expect(naming(library, '58/2014/QH13')).toEqual([{ source: newId, kind: 'replaces', target: '58/2014/QH13', scope: 'whole', origin: 'text', linked: oldId }]);
    const old = detail(library, oldId);
    expect(old).toMatchObject({ status: 'not_in_force', legalStatus: 'unknown', effectiveDate: '2016-01-01' });
    expect(said(old.statusReason)).toBe('Hết hiệu lực từ 01/07/2025, thay thế bởi Luật Bảo hiểm xã hội 41/2024/QH15');
    expect(group(library, oldId, 'replacedBy')).toEqual([
      { relationId: expect.any(Number), kind: 'replaces', source: 'text', direction: 'incoming', number: '41/2024/QH15', title: 'Luật Bảo hiểm xã hội', publicationId: newId, status: 'in_force', scope: 'whole', articles: [] },
    ]);
    // What the old law replaced itself, the station does not hold: named as its text prints it.
    expect(group(library, oldId, 'replaces')).toEqual([expect.objectContaining({ number: '71/2006/QH11', publicationId: null, status: null })]);
    const current = detail(library, newId);
    expect(current).toMatchObject({ status: 'in_force', effectiveDate: '2025-07-01' });
    expect(said(current.statusReason)).toBe('Có hiệu lực từ 01/07/2025');
    expect(current.related.map((g) => g.group)).toEqual(['replaces', 'repeals', 'amends']);
    expect(group(library, newId, 'replaces')).toContainEqual(
      { relationId: expect.any(Number), kind: 'replaces', source: 'text', direction: 'outgoing', number: '58/2014/QH13', title: 'Luật Bảo hiểm xã hội', publicationId: oldId, status: 'not_in_force', scope: 'whole', articles: [] },
    );

    // Search shows the derived status, filters and counts by it, and still finds the old law first by its number.
    const byNumber = search(library.db, { q: '58/2014/QH13', offset: 0, limit: 5, facets: true });
    expect(byNumber.items[0].publication).toMatchObject({ id: oldId, status: 'not_in_force' });
    // On their subject, the law in force comes first (by their words alone the old one ranks first for these).
    for (const q of ['bảo hiểm xã hội', 'lương hưu', 'ốm đau']) {
      expect(search(library.db, { q, offset: 0, limit: 5 }).items.map((hit) => hit.publication.id), q).toEqual([newId, oldId]);
    }
    const inForce = search(library.db, { q: 'bảo hiểm xã hội', offset: 0, limit: 5, filters: { legalStatus: ['in_force'] }, facets: true });
    expect(inForce.items.map((hit) => hit.publication.id)).toEqual([newId]);
    const all = search(library.db, { q: '', offset: 0, limit: 5, facets: true });
    expect(all.facets?.legalStatus).toEqual(expect.arrayContaining([{ value: 'in_force', count: 1 }, { value: 'not_in_force', count: 1 }]));
  });

  it('is not yet in force before its effective date, and the statuses change on that day in the background', async () => {
    const library = await tempLibrary();
    saveDocuments(library.db, [law2014, law2024], at('2025-03-01'));
    const waiting = detail(library, newId);
    expect(waiting.status).toBe('not_yet_in_force');
    expect(said(waiting.statusReason)).toBe('Chưa có hiệu lực; có hiệu lực từ 01/07/2025');
    const ending = detail(library, oldId);
    expect(ending.status).toBe('in_force');
    expect(said(ending.statusReason)).toBe('Sẽ hết hiệu lực từ 01/07/2025 theo Luật Bảo hiểm xã hội 41/2024/QH15');

    expect(await readPendingRelations(library, { now: () => new Date(at('2025-06-30')) })).toEqual({ read: 0, derived: 0, stopped: false });
    expect(await readPendingRelations(library, { now: () => new Date(at('2025-07-01')) })).toEqual({ read: 0, derived: 2, stopped: false });
    expect(detail(library, newId).status).toBe('in_force');
    expect(detail(library, oldId).status).toBe('not_in_force');
  });

  it('links a target that arrives later, by a misprinted legislature term too, and unlinks it when it goes', async () => {
    const library = await tempLibrary();
    // Luật Đầu tư 61/2020/QH14 prints the law it partly replaces as "67/2014/QH14" (it is 67/2014/QH13).
    const investment = importedRecord('luat-so-61-2020-qh14-31682');
    saveDocuments(library.db, [investment], NOW);
    expect(naming(library, '67/2014/QH14')).toEqual([{ source: investment.publication.id, kind: 'replaces', target: '67/2014/QH14', scope: 'part', origin: 'text', linked: null }]);
    expect(group(library, investment.publication.id, 'replaces')).toEqual([expect.objectContaining({ number: '67/2014/QH14', publicationId: null, status: null, scope: 'part' })]);

    saveDocuments(library.db, [describedRecord('luat-dau-tu-2014', '67/2014/QH13', 'Luật Đầu tư', { effectiveDate: '2015-07-01' })], NOW);
    expect(naming(library, '67/2014/QH14')).toEqual([expect.objectContaining({ linked: 'luat-dau-tu-2014' })]);
    const old = detail(library, 'luat-dau-tu-2014');
    expect(old.status).toBe('partly_in_force');
    expect(said(old.statusReason)).toBe('Một phần được thay thế bởi Luật Đầu tư 61/2020/QH14 từ 01/01/2021');

    deletePublication(library.db, 'luat-dau-tu-2014', NOW);
    expect(naming(library, '67/2014/QH14')).toEqual([expect.objectContaining({ linked: null })]);
  });

  it('makes no relation from a Căn cứ line, though the station holds the documents it cites (01/2025/TT-BLĐTBXH)', async () => {
    const library = await tempLibrary();
    const cited = [
      describedRecord('nd-62-2022', '62/2022/NĐ-CP', 'Nghị định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Lao động - Thương binh và Xã hội'),
      describedRecord('nd-115-2015', '115/2015/NĐ-CP', 'Nghị định quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc'),
      describedRecord('nd-134-2015', '134/2015/NĐ-CP', 'Nghị định quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội tự nguyện'),
      describedRecord('tt-20-2023', '20/2023/TT-BLĐTBXH', 'Thông tư quy định mức điều chỉnh tiền lương và thu nhập tháng đã đóng bảo hiểm xã hội'),
    ];
    const circular = importedRecord('thong-tu-so-01-2025-tt-bldtbxh-43956');
    saveDocuments(library.db, [...cited, circular], NOW);
    expect(library.db.prepare('SELECT kind, target_number AS target, target_id AS linked FROM relations').all()).toEqual([{ kind: 'replaces', target: '20/2023/TT-BLĐTBXH', linked: 'tt-20-2023' }]);
    for (const id of ['nd-62-2022', 'nd-115-2015', 'nd-134-2015']) expect(detail(library, id)).toMatchObject({ status: 'unknown', statusReason: null, related: [] });
    expect(said(detail(library, 'tt-20-2023').statusReason)).toBe(
      'Hết hiệu lực từ 28/02/2025, thay thế bởi Thông tư quy định mức điều chỉnh tiền lương và thu nhập tháng đã đóng bảo hiểm xã hội 01/2025/TT-BLĐTBXH',
    );
  });

  it('shows the status a feed, a hub or an official gives, over the derived one', async () => {
    const library = await tempLibrary();
    saveDocuments(library.db, [{ ...law2014, publication: { ...law2014.publication, legalStatus: 'partly_in_force' } }, law2024], NOW);
    expect(detail(library, oldId)).toMatchObject({ legalStatus: 'partly_in_force', status: 'partly_in_force', statusReason: null });
    expect(search(library.db, { q: '58/2014/QH13', offset: 0, limit: 1 }).items[0].publication.status).toBe('partly_in_force');
    // Given no more ('unknown'), the derived status is shown again.
    saveDocuments(library.db, [{ ...law2014, keepText: true }], NOW);
    expect(detail(library, oldId).status).toBe('not_in_force');
  });
});

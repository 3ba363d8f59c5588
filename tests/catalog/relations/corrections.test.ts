/**
 * Corrections win (issue 15): an official at the station removes a wrong relation, restores it,
 * adds one the text does not state — through the contract, officials only, logged — and no later
 * reading of the text or feed undoes it; a hub's reading travels in its feed (effective date and
 * relations, the hub's officials' corrections included), and a station stores it instead of
 * reading the text again.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callMethod } from '../../../shared/call.js';
import type { CallContext } from '../../../shared/call.js';
import { contract } from '../../../shared/contract.js';
import type { PublicationDetail } from '../../../shared/domain.js';
import { say } from '../../../shared/messages.js';
import { listAudit } from '../../../catalog/accounts/audit.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { createHandlers } from '../../../catalog/engine.js';
import { publish } from '../../../catalog/feed/publish.js';
import type { Library } from '../../../catalog/library.js';
import { readPendingRelations } from '../../../catalog/relations/backfill.js';
import { removeRelation } from '../../../catalog/relations/corrections.js';
import { publicationDetail } from '../../../catalog/relations/related.js';
import { createServices } from '../../../catalog/services.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { openSource } from '../../../catalog/sync/source.js';
import { corpusMissing } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { keys, stationWithSource } from '../sync/fixtures.js';
import { importedRecord } from './gazette.js';

const NOW = '2026-01-01T05:00:00.000Z';
const anyone: CallContext = { role: 'anyone', transport: 'http', lang: 'vi' };

const detail = (library: Library, id: string) => publicationDetail(library.db, id)!;
const statusOf = (library: Library, id: string) => {
  const d = detail(library, id);
  return { status: d.status, reason: d.statusReason && say('vi', d.statusReason) };
};
const replacedBy = (d: PublicationDetail) => d.related.find((g) => g.group === 'replacedBy')?.items ?? [];

describe.skipIf(corpusMissing('legal/catalog'))('corrections to relations', () => {
  // Luật Bảo hiểm xã hội 41/2024/QH15 (in effect 01/07/2025) replaces the one of 2014, 58/2014/QH13.
  const record = (slug: string) => {
    const r = importedRecord(slug);
    return { ...r, publication: { ...r.publication, id: slug, origin: 'national' as const } };
  };
  const [oldId, newId] = ['luat-so-58-2014-qh13-15355', 'luat-so-41-2024-qh15-42576'];
  const laws = () => [record(oldId), record(newId)];

  /** Contract calls as an official (or another caller) of a library. */
  async function officialCalls(library: Library) {
    const services = createServices(library);
    const account = await services.accounts.create({ username: 'canbo', displayName: 'Cán bộ', role: 'official', password: 'mat-khau-dai-du' });
    const official: CallContext = { ...anyone, role: 'official', user: { id: account.id, username: 'canbo', displayName: 'Cán bộ', role: 'official' } };
    const handlers = createHandlers(services);
    const call = (name: string, input: unknown, ctx: CallContext = official) =>
      callMethod(contract, handlers, name, input, ctx, vi.fn()) as Promise<{ ok: true; result: PublicationDetail } | { ok: false; error: { code: string } }>;
    const page = async (name: string, input: unknown) => {
      const answer = await call(name, input);
      if (!answer.ok) throw new Error(`${name}: ${answer.error.code}`);
      return answer.result;
    };
    return { call, page };
  }

  async function station() {
    const library = await tempLibrary('corrections-');
    saveDocuments(library.db, laws(), NOW);
    return { library, ...(await officialCalls(library)) };
  }

  it('an official removes a wrong relation and restores it; residents may not; the removal outlives a new reading of the text', async () => {
    const { library, call, page } = await station();
    expect(statusOf(library, oldId).status).toBe('not_in_force');
    const [relation] = replacedBy(detail(library, oldId));
    expect(relation).toMatchObject({ publicationId: newId, source: 'text' });

    expect(await call('relations.remove', { relationId: relation.relationId, shown: oldId }, anyone)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const removed = await page('relations.remove', { relationId: relation.relationId, shown: oldId });
    expect(removed).toMatchObject({ status: 'in_force', related: expect.not.arrayContaining([expect.objectContaining({ group: 'replacedBy' })]) });
    expect(removed.removedRelations).toEqual([expect.objectContaining({ relationId: relation.relationId, publicationId: newId, source: 'correction' })]);
    expect(listAudit(library.db, { q: '', offset: 0, limit: 5 }).items.map((entry) => entry.action)).toContain('relations.remove');

    // The new law saved again (its text read again), and a background reading: the removal stays.
    saveDocuments(library.db, [record(newId)], NOW);
    await readPendingRelations(library);
    expect(statusOf(library, oldId).status).toBe('in_force');

    const restored = await page('relations.restore', { relationId: relation.relationId, shown: oldId });
    expect(restored).toMatchObject({ status: 'not_in_force', removedRelations: [] });
    expect(replacedBy(restored)).toEqual([expect.objectContaining({ publicationId: newId, source: 'correction' })]);
  });

  it('an official adds a relation the text does not state, or corrects its scope; a document with no such id is not found', async () => {
    const { library, page, call } = await station();
    // Say the 2014 law also replaced part of a 2006 law the station holds as 71/2006/QH11's copy.
    saveDocuments(library.db, [{ publication: { id: 'luat-2006', kind: 'legal', title: 'Luật Bảo hiểm xã hội', number: '71/2006/QH11', effectiveDate: '2007-01-01', origin: 'national' }, files: [] }], NOW);
    const shown = await page('relations.correct', { publicationId: newId, kind: 'repeals', target: '71/2006/QH11', scope: 'part', articles: ['Điều 5'], shown: 'luat-2006' });
    expect(shown.id).toBe('luat-2006');
    expect(shown.related.find((g) => g.group === 'repealedBy')?.items).toEqual([
      expect.objectContaining({ publicationId: newId, source: 'correction', scope: 'part', articles: ['Điều 5'] }),
    ]);
    expect(shown.status).toBe('not_in_force'); // the 2014 law's text already says it replaces 71/2006/QH11 whole
    const whole = await page('relations.correct', { publicationId: newId, kind: 'repeals', target: '71/2006/QH11', scope: 'whole' });
    expect(whole.id).toBe(newId);
    expect(await call('relations.correct', { publicationId: 'khong-co', kind: 'amends', target: '1/2020/QH14', scope: 'whole' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('relations.restore', { relationId: 999_999, shown: newId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a hub\'s reading travels in its feed, its officials\' removal with it; the station stores it, reads no text again, and its own correction wins', async () => {
    const hub = await tempLibrary('corrections-hub-');
    saveDocuments(hub.db, laws(), NOW);
    const key = keys();
    const feedDir = path.join(tempDir('corrections-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });

    const { station: library, row } = await stationWithSource(feedDir, key.publicKeyPath);
    await syncOnce(library, row(), openSource(feedDir), { now: new Date(NOW) });
    expect(statusOf(library, oldId)).toEqual({ status: 'not_in_force', reason: 'Hết hiệu lực từ 01/07/2025, thay thế bởi Luật Bảo hiểm xã hội 41/2024/QH15' });
    expect(detail(library, newId)).toMatchObject({ effectiveDate: '2025-07-01', status: 'in_force' });
    expect(library.db.prepare('SELECT DISTINCT source FROM relations').pluck().all()).toEqual(['feed']);
    expect(library.db.prepare('SELECT count(*) FROM relation_readings WHERE given = 1').pluck().get()).toBe(2);
    expect(await readPendingRelations(library)).toMatchObject({ read: 0 });

    // The hub's official removes the relation: the next feed carries the reading without it.
    const [relation] = replacedBy(detail(hub, oldId));
    removeRelation(hub.db, relation.relationId, new Date(NOW));
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    expect(await syncOnce(library, row(), openSource(feedDir), { now: new Date(NOW) })).toMatchObject({ updated: 1 });
    expect(statusOf(library, oldId)).toEqual({ status: 'in_force', reason: 'Có hiệu lực từ 01/01/2016' });
    expect(replacedBy(detail(library, oldId))).toEqual([]);

    // The station's official says otherwise: that wins over the next feed too.
    const { page } = await officialCalls(library);
    await page('relations.correct', { publicationId: newId, kind: 'replaces', target: '58/2014/QH13', scope: 'whole', shown: oldId });
    saveDocuments(hub.db, [{ ...record(newId), publication: { ...record(newId).publication, description: 'Sửa mô tả' } }], NOW);
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    await syncOnce(library, row(), openSource(feedDir), { now: new Date(NOW) });
    expect(statusOf(library, oldId).status).toBe('not_in_force');
    expect(replacedBy(detail(library, oldId))).toEqual([expect.objectContaining({ source: 'correction', publicationId: newId })]);
  });
});

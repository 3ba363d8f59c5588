/**
 * docs/feed.md § One record per document: a synced record merges with a demo row or a row the
 * station made, but "the same law from two different hubs (two keys) is not merged" — a station
 * syncing two hubs, each signing with its own key and carrying the same law (the same file, number,
 * type and issuer) under its own id, keeps both records, each national, each found by the number.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../catalog/documents.js';
import { getPublication } from '../../catalog/publications.js';
import { search } from '../../catalog/search/search.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { addSource } from '../../catalog/sync/sources.js';
import { addDocument, hubWith, stationWithSource } from '../catalog/sync/fixtures.js';

const NUMBER = '45/2019/QH14';
const TITLE = 'Bộ luật Lao động';
const CONTENT = '%PDF-1.4 bộ luật lao động 45/2019/QH14';

/** A hub with its own key publishing the law under `id`: the same bytes, number, type and issuer at every hub. */
async function hubCarrying(id: string) {
  const hub = await hubWith([]);
  const stored = await addDocument(hub.library, id, TITLE, CONTENT);
  saveDocuments(hub.library.db, [
    {
      publication: { id, kind: 'legal', title: TITLE, number: NUMBER, docType: 'Bộ luật', issuer: 'Quốc hội', issuedDate: '2019-11-20' },
      files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
    },
  ]);
  await hub.publishNow();
  return { ...hub, sha256: stored.sha256 };
}

describe('one record per document, per hub', () => {
  it('keeps the same law from two hubs with two keys as two records', async () => {
    const first = await hubCarrying('bo-luat-lao-dong-hub-a');
    const second = await hubCarrying('bo-luat-lao-dong-hub-b');
    expect(first.sha256).toBe(second.sha256);
    const firstKey = fs.readFileSync(first.key.publicKeyPath, 'utf8');
    const secondKey = fs.readFileSync(second.key.publicKeyPath, 'utf8');
    expect(firstKey).not.toBe(secondKey);

    const { station, row } = await stationWithSource(first.feedDir, first.key.publicKeyPath);
    const other = addSource(station, { location: second.feedDir, publicKeys: [secondKey] });

    expect(await syncOnce(station, row(), new FolderSource(first.feedDir))).toMatchObject({ status: 'applied', added: 1, merged: 0 });
    const result = await syncOnce(station, other, new FolderSource(second.feedDir));
    expect(result).toMatchObject({ status: 'applied', added: 1, merged: 0 });

    for (const id of ['bo-luat-lao-dong-hub-a', 'bo-luat-lao-dong-hub-b']) {
      expect(getPublication(station.db, id), id).toMatchObject({ origin: 'national', number: NUMBER });
    }
    const hits = search(station.db, { q: NUMBER, offset: 0, limit: 10, filters: {}, facets: false }).items.filter((item) => item.matchedBy === 'number');
    expect(hits.map((item) => item.publication.id).sort()).toEqual(['bo-luat-lao-dong-hub-a', 'bo-luat-lao-dong-hub-b']);
    // The one file both carry is linked by both records.
    expect(station.db.prepare('SELECT count(*) FROM publication_files WHERE sha256 = ?').pluck().get(first.sha256)).toBe(2);
    station.close();
  });
});

/**
 * One record per document (issue 11): a station with the demo set syncs a hub that carries the
 * same law — one record, the hub's metadata, a whole number still opens it directly; the demo set
 * retires (merged or removed, files freed) and says so. A demo row merges by number too; a row the
 * station made from the very same file merges; the station's own scan of a law does not.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import { importFiles } from '../../../catalog/import/importer.js';
import type { Library } from '../../../catalog/library.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { getPublication } from '../../../catalog/publications.js';
import { recordRead } from '../../../catalog/reads.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { say } from '../../../shared/messages.js';
import { corpus, corporaMissing } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { integrityOf } from '../../helpers/integrity.js';
import { addDocument, hubWith, keys, stationWithSource } from './fixtures.js';

const DEMO_LAW = 'luat-so-69-2020-qh14-32699';
const manifest = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'manifest.json'), 'utf8')) as { publications: { id: string; file?: { name: string } }[] };

const numberHits = (library: Library, q: string) =>
  search(library.db, { q, offset: 0, limit: 10, filters: {}, facets: false }).items.filter((item) => item.matchedBy === 'number');

async function demoStation(feedDir: string, publicKeyPath: string) {
  const { station, row } = await stationWithSource(feedDir, publicKeyPath);
  await loadDemoIfEmpty(station);
  return { station, row };
}

describe('one record per document', () => {
  it.skipIf(corporaMissing)('a demo station syncing a hub that carries the same law shows it once, the hub’s, and retires the demo set', async () => {
    const hub = await tempLibrary('merge-hub-');
    const imported = await importFiles(hub, [corpus('pdf/vn-congbao/luat-so-69-2020-qh14-32699.pdf')], { cover: false });
    const hubId = imported.imported[0].id;
    const key = keys();
    const feedDir = path.join(tempDir('merge-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });

    const { station, row } = await demoStation(feedDir, key.publicKeyPath);
    expect(station.info().demo).toEqual({ state: 'loaded', count: manifest.publications.length });
    expect(numberHits(station, '69/2020/QH14').map((i) => i.publication.id)).toEqual([DEMO_LAW]);
    recordRead(station.db, DEMO_LAW);
    const demoFiles = manifest.publications.filter((p) => p.file && p.id !== DEMO_LAW).map((p) => getPublication(station.db, p.id)!.files[0].sha256);
    const lawFile = getPublication(station.db, DEMO_LAW)!.files[0].sha256;

    const result = await syncOnce(station, row(), new FolderSource(feedDir));
    expect(result).toMatchObject({ status: 'applied', added: 0, merged: 1, updated: 0 });
    expect(result.notes).toEqual([{ key: 'feed.demoRetired', params: { merged: 1, removed: manifest.publications.length - 1 } }]);
    expect(say('vi', result.notes[0])).toContain(`danh mục quốc gia: 1 văn bản gộp vào bản đồng bộ, ${manifest.publications.length - 1} văn bản mẫu được gỡ`);

    // One record: the hub's id and metadata, the demo's file already here, the reads carried over.
    expect(station.db.prepare('SELECT id FROM publications').pluck().all()).toEqual([hubId]);
    expect(numberHits(station, '69/2020/QH14').map((i) => i.publication.id)).toEqual([hubId]);
    expect(numberHits(station, 'luat 69/2020/qh14')[0]?.publication.id).toBe(hubId);
    const law = getPublication(station.db, hubId)!;
    expect(law).toMatchObject({ origin: 'national', title: getPublication(hub.db, hubId)!.title, available: true });
    expect(law.files[0].sha256).toBe(lawFile);
    expect(station.db.prepare('SELECT sum(count) FROM reads WHERE publication_id = ?').pluck().get(hubId)).toBe(1);
    expect(station.db.prepare('SELECT count(*) FROM reads WHERE publication_id = ?').pluck().get(DEMO_LAW)).toBe(0);
    expect(search(station.db, { q: 'Truyện Kiều', offset: 0, limit: 5, filters: {}, facets: false }).items.map((i) => i.publication.id)).not.toContain('truyen-kieu');
    // The demo's other files are gone from the disk and the catalog.
    for (const sha of demoFiles) {
      expect(fs.existsSync(station.files.pathOf(sha)), sha).toBe(false);
      expect(station.db.prepare('SELECT count(*) FROM files WHERE sha256 = ?').pluck().get(sha)).toBe(0);
    }
    expect(station.info().demo).toMatchObject({ state: 'retired', merged: 1, removed: manifest.publications.length - 1 });
    expect(integrityOf(station)).toBe('ok');
  });

  it('a demo row merges by number, type and issuer; a row made here from the same file merges; a scan of the same law made here does not', async () => {
    const hub = await hubWith([]);
    // The hub's decree 158/2025 with another file than the demo's, and no date (as an import may give).
    const stored = await addDocument(hub.library, 'nd-158-2025', 'Nghị định quy định chi tiết Luật Bảo hiểm xã hội', '%PDF-1.4 nghị định 158');
    saveDocuments(hub.library.db, [
      {
        publication: { id: 'nd-158-2025', kind: 'legal', title: 'Nghị định quy định chi tiết Luật Bảo hiểm xã hội', number: '158/2025/NĐ-CP', docType: 'Nghị định', issuer: 'Chính phủ', issuedDate: null },
        files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
      },
    ]);
    // A document the hub has whose bytes a station also imported itself, under its own id.
    const shared = await addDocument(hub.library, 'cv-12', 'Công văn 12 về hộ tịch', '%PDF-1.4 công văn 12');
    await hub.publishNow();

    const { station, row } = await demoStation(hub.feedDir, hub.key.publicKeyPath);
    const copy = path.join(tempDir('merge-src-'), 'cv.pdf');
    fs.writeFileSync(copy, '%PDF-1.4 công văn 12');
    const mine = await station.files.putFile(copy);
    expect(mine.sha256).toBe(shared.sha256);
    const text = { text: 'Điều 1. Hộ tịch\nNội dung công văn về đăng ký hộ tịch tại xã.', pageStarts: [0], pageCount: 1 };
    saveDocuments(station.db, [
      { publication: { id: 'local-mine', kind: 'legal', title: 'Công văn của xã (bản quét)', origin: 'local' }, files: [{ ...mine, mediaType: 'application/pdf', state: 'present', role: 'content' }], text },
      // The station's own scan of Luật 69/2020 (another file): its work, kept.
      { publication: { id: 'local-scan-69', kind: 'legal', title: 'Luật 69/2020/QH14 (bản quét của xã)', number: '69/2020/QH14', docType: 'Luật', issuer: 'Quốc hội', origin: 'local' }, files: [{ sha256: createHash('sha256').update('scan').digest('hex'), size: 4, mediaType: 'application/pdf', state: 'present', role: 'content' }] },
    ]);

    const result = await syncOnce(station, row(), new FolderSource(hub.feedDir));
    expect(result).toMatchObject({ merged: 2, added: 0 });
    expect(getPublication(station.db, 'nghi-dinh-so-158-2025-nd-cp-45240')).toBeNull();
    expect(getPublication(station.db, 'nd-158-2025')).toMatchObject({ origin: 'national', number: '158/2025/NĐ-CP' });
    expect(numberHits(station, '158/2025/NĐ-CP').map((i) => i.publication.id)).toEqual(['nd-158-2025']);
    // The local copy of the same file became the hub's record, keeping the text it had here.
    expect(getPublication(station.db, 'local-mine')).toBeNull();
    expect(getPublication(station.db, 'cv-12')).toMatchObject({ origin: 'national', available: true });
    expect(search(station.db, { q: 'đăng ký hộ tịch tại xã', offset: 0, limit: 5, filters: {}, facets: false }).items[0]?.publication.id).toBe('cv-12');
    expect(getPublication(station.db, 'local-scan-69')).toMatchObject({ origin: 'local' });
    expect(station.info().demo.state).toBe('retired');
  });
});

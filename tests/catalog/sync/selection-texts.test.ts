/**
 * Texts follow the officials' choice of fields, types and kinds (docs/feed.md § Texts): a
 * narrower choice removes the texts (and passages) of the documents it leaves out, their
 * metadata still found by title; a budget that leaves files out keeps their texts; widening the
 * choice brings the texts back from the feed at the next sync, without a new publish.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import type { Library } from '../../../catalog/library.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { saveSelection } from '../../../catalog/sync/selection.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { KEEP_EVERYTHING } from '../../../shared/sync.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { keys, stationWithSource } from './fixtures.js';

const results = (library: Library, q: string) => search(library.db, { q, offset: 0, limit: 10, filters: {}, facets: false }).items;
const found = (library: Library, q: string) => results(library, q).map((i) => i.publication.id);
/** The article hits a query finds in a publication's text (none when the station does not keep its text). */
const textHits = (library: Library, q: string, id: string) => results(library, q).find((i) => i.publication.id === id)?.hits.length ?? 0;
const texts = (library: Library) => library.db.prepare('SELECT publication_id FROM publication_texts ORDER BY publication_id').pluck().all();

describe('texts follow the choice of fields, types and kinds', () => {
  it('narrowing removes texts it leaves out, a budget keeps them, widening brings them back from the feed', async () => {
    const hub = await tempLibrary('seltext-hub-');
    saveDocuments(hub.db, [
      {
        publication: { id: 'dat-dai', kind: 'legal', title: 'Luật Đất đai', fields: ['Đất đai'], docType: 'Luật' },
        files: [{ sha256: 'a'.repeat(64), size: 5_000_000, mediaType: 'application/pdf', state: 'pending', role: 'content' }],
        text: { text: 'Điều 1. Phạm vi\nCấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình.', pageStarts: [0], pageCount: 1 },
        sections: [],
      },
      {
        publication: { id: 'thue', kind: 'legal', title: 'Luật Thuế thu nhập cá nhân', fields: ['Thuế'], docType: 'Luật' },
        files: [{ sha256: 'b'.repeat(64), size: 4_000_000, mediaType: 'application/pdf', state: 'pending', role: 'content' }],
        text: { text: 'Điều 1. Phạm vi\nGiảm trừ gia cảnh cho người phụ thuộc.', pageStarts: [0], pageCount: 1 },
        sections: [],
      },
    ]);
    const key = keys();
    const feedDir = path.join(tempDir('seltext-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    const { station, row } = await stationWithSource(feedDir, key.publicKeyPath);
    expect(await syncOnce(station, row(), new FolderSource(feedDir))).toMatchObject({ texts: 2 });

    // A budget too small for any file: the files go, the texts stay.
    await saveSelection(station, { ...KEEP_EVERYTHING, maxBytes: 1000 });
    expect(texts(station)).toEqual(['dat-dai', 'thue']);
    expect(found(station, 'giảm trừ gia cảnh')[0]).toBe('thue');
    expect(textHits(station, 'cấp giấy chứng nhận', 'dat-dai')).toBeGreaterThan(0);

    // Taxes only: the land law keeps its metadata, not its text.
    await saveSelection(station, { ...KEEP_EVERYTHING, fields: ['Thuế'] });
    expect(texts(station)).toEqual(['thue']);
    expect(textHits(station, 'cấp giấy chứng nhận', 'dat-dai')).toBe(0);
    expect(found(station, 'Luật Đất đai')).toContain('dat-dai');
    expect(station.db.prepare("SELECT count(*) FROM passages WHERE publication_id = 'dat-dai'").pluck().get()).toBe(0);

    // Everything again: the next sync fetches the text from the feed, with nothing new published.
    await saveSelection(station, KEEP_EVERYTHING);
    const service = new SyncService(station, { download: { baseDelayMs: 1, attempts: 1 } });
    const outcome = await service.start('manual').done;
    expect(outcome.applied).toMatchObject({ status: 'unchanged' });
    expect(outcome.texts).toMatchObject({ fetched: 1, extracted: 0 });
    expect(textHits(station, 'cấp giấy chứng nhận', 'dat-dai')).toBeGreaterThan(0);
    await service.dispose();
  });
});

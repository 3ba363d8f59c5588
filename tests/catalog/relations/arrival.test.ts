/**
 * Relations read where texts arrive: a PDF imported, texts synced from a hub (the hub's status
 * winning where it gives one), a text completed after its document on the kiosk's thread, a desk
 * save, and an older library's texts, read in the background by the writer thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { replaceDocumentText, saveDocuments } from '../../../catalog/documents.js';
import { MIGRATIONS } from '../../../catalog/db/migrations.js';
import { migrate } from '../../../catalog/db/open.js';
import { publish } from '../../../catalog/feed/publish.js';
import { importFiles } from '../../../catalog/import/importer.js';
import type { Library } from '../../../catalog/library.js';
import { readPendingRelations } from '../../../catalog/relations/backfill.js';
import { textsMayBeUnread } from '../../../catalog/relations/readings.js';
import { publicationDetail } from '../../../catalog/relations/related.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { openSource } from '../../../catalog/sync/source.js';
import { WriterThread } from '../../../catalog/writer/writer-thread.js';
import { say } from '../../../shared/messages.js';
import { libraryLayout } from '../../../catalog/paths.js';
import { corpusMissing } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../../helpers/temp-library.js';
import { DEMO } from '../import/helpers.js';
import { keys, stationWithSource } from '../sync/fixtures.js';
import { describedRecord, gazetteText, importedRecord } from './gazette.js';

const NOW = '2026-01-01T05:00:00.000Z';
const statusOf = (library: Library, id: string) => {
  const detail = publicationDetail(library.db, id)!;
  return { status: detail.status, reason: detail.statusReason && say('vi', detail.statusReason) };
};

describe('relations read where texts arrive', () => {
  it('at import: a gazette PDF names the law it replaces, linked when that law arrives', async () => {
    const library = await tempLibrary();
    const { imported } = await importFiles(library, [DEMO('luat-so-69-2020-qh14-32699.pdf')], { cover: false });
    const id = imported[0].id;
    expect(library.db.prepare('SELECT kind, target_number, scope, target_id FROM relations WHERE publication_id = ?').all(id)).toEqual([
      { kind: 'replaces', target_number: '72/2006/QH11', scope: 'whole', target_id: null },
    ]);
    expect(publicationDetail(library.db, id)).toMatchObject({ effectiveDate: '2022-01-01', status: 'in_force' });

    saveDocuments(library.db, [describedRecord('luat-72-2006', '72/2006/QH11', 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng')]);
    expect(statusOf(library, 'luat-72-2006')).toEqual({
      status: 'not_in_force',
      reason: 'Hết hiệu lực từ 01/01/2022, thay thế bởi Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng 69/2020/QH14',
    });
  });

  it.skipIf(corpusMissing('legal/catalog'))('by sync: a station derives what the hub\'s texts say; a status the hub gives wins', async () => {
    // Each of these circulars on pension adjustments replaces the one before it.
    const chain = ['thong-tu-so-36-2021-tt-bldtbxh-36618', 'thong-tu-so-01-2023-tt-bldtbxh-38752', 'thong-tu-so-20-2023-tt-bldtbxh-41198', 'thong-tu-so-01-2025-tt-bldtbxh-43956'];
    const hub = await tempLibrary('relations-hub-');
    const records = chain.map((slug) => {
      const record = importedRecord(slug);
      return { ...record, publication: { ...record.publication, id: slug, origin: 'national' as const } };
    });
    // The hub says the first is still partly in force.
    records[0].publication.legalStatus = 'partly_in_force';
    saveDocuments(hub.db, records, NOW);
    const key = keys();
    const feedDir = path.join(tempDir('relations-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });

    const { station, row } = await stationWithSource(feedDir, key.publicKeyPath);
    const result = await syncOnce(station, row(), openSource(feedDir), { now: new Date(NOW) });
    expect(result).toMatchObject({ added: 4, texts: 4 });
    expect(statusOf(station, chain[0])).toEqual({ status: 'partly_in_force', reason: null });
    expect(statusOf(station, chain[1])).toEqual({ status: 'not_in_force', reason: expect.stringMatching(/^Hết hiệu lực từ 15\/02\/2024, thay thế bởi Thông tư .* 20\/2023\/TT-BLĐTBXH$/) });
    expect(statusOf(station, chain[2])).toEqual({ status: 'not_in_force', reason: expect.stringMatching(/^Hết hiệu lực từ 28\/02\/2025, thay thế bởi Thông tư .* 01\/2025\/TT-BLĐTBXH$/) });
    expect(statusOf(station, chain[3])).toEqual({ status: 'in_force', reason: 'Có hiệu lực từ 28/02/2025' });
  });

  it.skipIf(corpusMissing('legal/catalog'))('a text completed after its document, on the kiosk\'s thread, is read in the background', async () => {
    const library = await tempLibrary();
    // A new library has nothing to read: its first start asks the writer thread for nothing.
    expect(textsMayBeUnread(library.db)).toBe(false);
    const record = importedRecord('luat-so-41-2024-qh15-42576');
    saveDocuments(library.db, [describedRecord('luat-58-2014', '58/2014/QH13', 'Luật Bảo hiểm xã hội'), { ...record, text: undefined, sections: [], keepText: true }], NOW);
    expect(statusOf(library, 'luat-58-2014').status).toBe('unknown');
    await readPendingRelations(library);
    expect(textsMayBeUnread(library.db)).toBe(false);

    library.db.transaction(() => replaceDocumentText(library.db, record.publication.id, record.text!, record.sections!, undefined, NOW))();
    expect(textsMayBeUnread(library.db)).toBe(true);
    expect(await readPendingRelations(library, { now: () => new Date(NOW) })).toMatchObject({ read: 1 });
    expect(statusOf(library, 'luat-58-2014')).toEqual({ status: 'not_in_force', reason: 'Hết hiệu lực từ 01/07/2025, thay thế bởi Luật Bảo hiểm xã hội 41/2024/QH15' });
    expect(textsMayBeUnread(library.db)).toBe(false);
  });

  it.skipIf(corpusMissing('legal/catalog'))('an older library gets its relations once, in the background, from the writer thread, which reads a desk save\'s text too', async () => {
    // A library of schema 15, before relations: two laws with their texts.
    const dir = tempDir('relations-old-');
    fs.mkdirSync(dir, { recursive: true });
    const old = new Database(libraryLayout(dir).database);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 15));
    const insert = old.prepare(
      `INSERT INTO publications (id, kind, title, title_sort, number, number_key, created_at, updated_at) VALUES (?, 'legal', 'Luật Bảo hiểm xã hội', 'luat bao hiem xa hoi', ?, ?, 'then', 'then')`,
    );
    const text = old.prepare('INSERT INTO publication_texts (publication_id, text) VALUES (?, ?)');
    for (const [id, number, slug] of [['luat-2014', '58/2014/QH13', 'luat-so-58-2014-qh13-15355'], ['luat-2024', '41/2024/QH15', 'luat-so-41-2024-qh15-42576']]) {
      insert.run(id, number, number.toLowerCase());
      text.run(id, gazetteText(slug).normalize('NFC'));
    }
    old.close();

    const library = await openTestLibrary(dir);
    expect(library.db.prepare('SELECT count(*) FROM relations').pluck().get()).toBe(0);
    expect(textsMayBeUnread(library.db)).toBe(true);
    const writer = new WriterThread(dir);
    try {
      expect(await writer.readRelations()).toMatchObject({ read: 2, stopped: false });
      expect(await writer.readRelations()).toMatchObject({ read: 0 });
      const investment = importedRecord('luat-so-61-2020-qh14-31682');
      await writer.save({ records: [investment] });
      expect(library.db.prepare("SELECT target_number FROM relations WHERE publication_id = ? AND kind = 'replaces'").pluck().all(investment.publication.id)).toEqual(['67/2014/QH14']);
    } finally {
      await writer.close();
    }
    expect(textsMayBeUnread(library.db)).toBe(false);
    expect(statusOf(library, 'luat-2014')).toMatchObject({ status: 'not_in_force' });
    expect(statusOf(library, 'luat-2024')).toMatchObject({ status: 'in_force' });
  });
});

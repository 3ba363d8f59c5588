/**
 * What a station syncs, residents can find (issue 11): a hub imports the Official Gazette PDFs of
 * the corpora and publishes them; a station that only syncs finds a phrase from the middle of a
 * PDF with its article hit, page and table of contents — before any file is downloaded, without
 * pdf.js — over a folder, a USB bundle and a neighbour station's /feed/. A bundle without texts
 * (or an older feed) falls back to extracting the files here, in the background, with progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePublication, replaceDocumentText, saveDocuments, storedText } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import type { Library } from '../../../catalog/library.js';
import { getPublication } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { exportBundle } from '../../../catalog/sync/bundle.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { addSource } from '../../../catalog/sync/sources.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import type { SyncProgressInfo } from '../../../shared/sync-status.js';
import { corporaMissing } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../../helpers/temp-library.js';
import { stationWithSource } from './fixtures.js';
import { gazetteHub, gazetteId } from './gazette.js';

/** A sentence of Luật 51/2024/QH15 (Điều 1), which Nghị định 158/2025/NĐ-CP repeats in its Điều 5. */
const PHRASE = 'Mức tham chiếu là mức tiền do Chính phủ quyết định';
/** A sentence from the annexes, page ~200, of the 343-page consolidated text 5/VBHN-BTC. */
const DEEP = 'Phương pháp tính và đền bù thiệt hại trong trường hợp không thực hiện được quyền';

type Hub = Awaited<ReturnType<typeof gazetteHub>>;

const find = (library: Library, q: string) => search(library.db, { q, offset: 0, limit: 10, filters: {}, facets: false }).items;
const resultsOf = (library: Library, q: string) =>
  find(library, q).map((item) => ({ id: item.publication.id, hits: item.hits.map(({ label, page, snippet }) => ({ label, page, snippet })) }));

/**
 * A station finds what the hub finds, in the same order, down to the article, page and snippet:
 * a sentence with and without diacritics, and one deep in a long document; the publication has
 * its table of contents.
 */
function expectFound(library: Library, hub: Hub) {
  const law = gazetteId(hub.imported, 'luat-so-51-2024-qh15');
  for (const q of [PHRASE, 'muc tham chieu la muc tien do chinh phu quyet dinh', DEEP]) {
    const results = resultsOf(library, q);
    expect(results, q).toEqual(resultsOf(hub.library, q));
    expect(results.length, q).toBeGreaterThan(0);
  }
  const inLaw = resultsOf(library, PHRASE).find((r) => r.id === law);
  expect(inLaw?.hits[0]).toMatchObject({ label: 'Điều 1', page: 1 });
  expect(inLaw?.hits[0].snippet).toContain('Mức tham chiếu là mức tiền do Chính');
  expect(resultsOf(library, DEEP)[0].id).toBe(gazetteId(hub.imported, 'van-ban-hop-nhat-so-5-vbhn-btc'));
  const publication = getPublication(library.db, law);
  expect(publication?.origin).toBe('national');
  expect(publication?.sections.filter((s) => s.level === 'article').map((s) => s.number)).toEqual(['1', '2', '3']);
}

/** Every text the hub holds is at the station, character for character, from its text object. */
function expectSameTexts(station: Library, hub: Hub) {
  const ids = hub.library.db.prepare("SELECT publication_id FROM publication_texts WHERE text != '' ORDER BY publication_id").pluck().all() as string[];
  expect(ids.length).toBeGreaterThanOrEqual(8);
  for (const id of ids) {
    expect(storedText(station.db, id), id).toEqual(storedText(hub.library.db, id));
    expect(station.db.prepare('SELECT object_sha256 FROM publication_texts WHERE publication_id = ?').pluck().get(id), id).toBe(
      hub.library.db.prepare('SELECT object_sha256 FROM publication_texts WHERE publication_id = ?').pluck().get(id),
    );
  }
}

// Each test syncs real gazette texts between real stations: minutes on a busy machine, not a speed claim.
describe.skipIf(corporaMissing)('texts travel with the feed', { timeout: 240_000 }, () => {
  let hub: Hub;
  const running: RunningStation[] = [];
  beforeAll(async () => {
    hub = await gazetteHub();
    expect(hub.imported.refused).toEqual([]);
    expect(hub.published).toMatchObject({ published: true, texts: expect.any(Number) });
    expect(hub.published.texts).toBeGreaterThanOrEqual(8);
  }, 180_000);
  afterAll(async () => {
    for (const station of running) await station.close();
  });

  it('a station that only synced finds a phrase from the middle of a PDF, with its article, page and contents — before any file arrives', async () => {
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    const result = await syncOnce(station, row(), new FolderSource(hub.feedDir));
    expect(result).toMatchObject({ status: 'applied', added: hub.imported.imported.length, textsMissing: 0 });
    expect(result.texts).toBe(hub.published.texts);
    expect(station.info().filesPresent).toBe(0); // found from the text that travelled, not from the PDFs
    expectFound(station, hub);
    expectSameTexts(station, hub);
    // The compressed texts are a small part of what the PDFs weigh.
    const textBytes = station.db.prepare('SELECT sum(text_size) FROM publications').pluck().get() as number;
    const pdfBytes = hub.library.db.prepare("SELECT sum(size) FROM files").pluck().get() as number;
    expect(textBytes).toBeLessThan(pdfBytes / 5);
  });

  it('the same over a USB bundle, and from a neighbour station’s /feed/', async () => {
    // Station A syncs in full (metadata, files, texts) while serving its /feed/ on 127.0.0.1.
    const a = await startStation({ libraryDir: tempDir('texts-a-'), host: '127.0.0.1', port: 0, demo: false });
    running.push(a);
    addSource(a.library, { location: hub.feedDir, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    expect((await a.services.sync.start('manual').done).run.status).toBe('ok');

    const usb = path.join(tempDir('texts-usb-'), 'usb');
    expect((await exportBundle(a.library, { to: usb })).texts).toBe(hub.published.texts);
    const b = await stationWithSource(usb, hub.key.publicKeyPath);
    expect(await syncOnce(b.station, b.row(), new FolderSource(usb))).toMatchObject({ status: 'applied', textsMissing: 0 });
    expectFound(b.station, hub);
    expectSameTexts(b.station, hub);

    const c = await tempLibrary('texts-c-');
    const service = new SyncService(c, { download: { baseDelayMs: 1 } });
    addSource(c, { location: `${a.server.url}/feed/`, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    expect((await service.start('manual').done).run).toMatchObject({ status: 'ok', added: hub.imported.imported.length });
    expectFound(c, hub);
    expectSameTexts(c, hub);
    await service.dispose();
  });

  it('a bundle without texts: the station extracts the files it received, in the background, with progress', async () => {
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    await syncOnce(station, row(), new FolderSource(hub.feedDir));
    await downloadPending(station, new FolderSource(hub.feedDir), { baseDelayMs: 1 });
    const usb = path.join(tempDir('texts-usb-bare-'), 'usb');
    await exportBundle(station, { to: usb });
    fs.rmSync(path.join(usb, 'texts'), { recursive: true });

    const d = await tempLibrary('texts-d-');
    const progress: SyncProgressInfo[] = [];
    const service = new SyncService(d, { download: { baseDelayMs: 1 }, onChange: (status) => status.progress && progress.push(status.progress) });
    addSource(d, { location: usb, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    const outcome = await service.start('manual').done;
    expect(outcome.applied).toMatchObject({ texts: 0, textsMissing: hub.published.texts });
    expect(outcome.run.status).toBe('ok');
    const extracting = progress.filter((p) => p.phase === 'texts');
    expect(extracting.length).toBeGreaterThan(1);
    expect(extracting.at(-1)).toMatchObject({ textsDone: extracting.at(-1)?.textsTotal });
    expect(extracting.at(-1)?.textsTotal).toBeGreaterThanOrEqual(hub.published.texts);
    expectFound(d, hub);
    // Extracted here: the same words, no feed object behind them; the next run does not extract again.
    const id = gazetteId(hub.imported, 'luat-so-51-2024-qh15');
    expect(d.db.prepare('SELECT object_sha256 FROM publication_texts WHERE publication_id = ?').pluck().get(id)).toBeNull();
    const again = await service.start('manual').done;
    expect(again.run.status).toBe('unchanged');
    await service.dispose();
  });

  it('a correction and a withdrawal at the hub reach the station: the new title and text, then the document gone', async () => {
    // A copy of the hub, so the other tests keep theirs as it is.
    hub.library.db.pragma('wal_checkpoint(TRUNCATE)');
    const copyDir = tempDir('texts-hub-copy-');
    fs.cpSync(hub.library.dir, path.join(copyDir, 'library'), { recursive: true });
    fs.cpSync(hub.feedDir, path.join(copyDir, 'feed'), { recursive: true });
    const copy = await openTestLibrary(path.join(copyDir, 'library'));
    const feedDir = path.join(copyDir, 'feed');
    const publishNow = () => publish(copy, { outDir: feedDir, privateKey: hub.key.privateKey });
    const { station, row } = await stationWithSource(feedDir, hub.key.publicKeyPath);
    const source = new FolderSource(feedDir);
    await syncOnce(station, row(), source);
    await downloadPending(station, source, { baseDelayMs: 1 });
    const id = gazetteId(hub.imported, 'quyet-dinh-so-28-2021-qd-ttg');
    const sha = getPublication(station.db, id)!.files[0].sha256;
    expect(fs.existsSync(station.files.pathOf(sha))).toBe(true);

    // The hub corrects the title and the text of a document it imported.
    const original = getPublication(copy.db, id)!;
    const text = storedText(copy.db, id)!;
    const corrected = `${text.text.text}\nĐính chính: số liệu tại Phụ lục được cập nhật bổ sung chuẩn xác.`;
    copy.db.transaction(() => {
      saveDocuments(copy.db, [{ publication: { ...original, title: `${original.title} (đã đính chính)` }, files: original.files.map((f) => ({ ...f, state: 'present' as const })), keepText: true }]);
      replaceDocumentText(copy.db, id, { ...text.text, text: corrected }, text.sections);
    })();
    await publishNow();
    expect(await syncOnce(station, row(), source)).toMatchObject({ updated: 1, texts: 1, added: 0 });
    expect(getPublication(station.db, id)).toMatchObject({ title: `${original.title} (đã đính chính)`, origin: 'national' });
    expect(find(station, 'số liệu tại Phụ lục được cập nhật bổ sung chuẩn xác')[0]?.publication.id).toBe(id);

    // Then withdraws it: the station removes the publication, its index and its file.
    deletePublication(copy.db, id);
    await publishNow();
    expect(await syncOnce(station, row(), source)).toMatchObject({ deleted: 1 });
    expect(getPublication(station.db, id)).toBeNull();
    expect(find(station, 'số liệu tại Phụ lục được cập nhật bổ sung chuẩn xác').map((i) => i.publication.id)).not.toContain(id);
    expect(fs.existsSync(station.files.pathOf(sha))).toBe(false);
  });
});

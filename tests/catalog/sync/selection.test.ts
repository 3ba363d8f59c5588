/**
 * Selective sync on a station (catalog/sync/selection.ts): policies by field, type, kind and size
 * budget set files.wanted, free the disk of files left out, never touch local publications'
 * files, keep the catalog whole and searchable, and steer what downloadPending fetches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { SETTINGS } from '../../../catalog/db/settings.js';
import { publish } from '../../../catalog/feed/publish.js';
import type { Library } from '../../../catalog/library.js';
import { countPublications, getPublication, listPublications } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { SelectionError, applySelection, readSelection, saveSelection, selectionCounts } from '../../../catalog/sync/selection.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { KEEP_EVERYTHING, selectionMatcher } from '../../../shared/sync.js';
import type { LegalStatus, Origin, PublicationKind } from '../../../shared/domain.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { addDocument, keys, stationWithSource } from './fixtures.js';

interface Doc {
  id: string;
  size: number;
  fields?: string[];
  docType?: string;
  kind?: PublicationKind;
  legalStatus?: LegalStatus;
  issuedDate?: string | null;
  origin?: Origin;
  cover?: number;
}

/** Stores `size` bytes unique to `id` (and `tag`) and returns the stored file. */
async function blob(library: Library, id: string, size: number, tag = 'content') {
  const head = Buffer.from(`${tag}:${id}:`);
  const bytes = Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 120)]).subarray(0, size);
  return library.files.put(Readable.from([bytes]));
}

async function add(library: Library, doc: Doc) {
  const content = await blob(library, doc.id, doc.size);
  const cover = doc.cover ? await blob(library, doc.id, doc.cover, 'cover') : null;
  saveDocuments(library.db, [
    {
      publication: {
        id: doc.id,
        kind: doc.kind ?? 'legal',
        title: `Văn bản ${doc.id}`,
        fields: doc.fields ?? ['Đất đai'],
        docType: doc.docType ?? 'Luật',
        legalStatus: doc.legalStatus ?? 'in_force',
        issuedDate: doc.issuedDate === undefined ? '2024-01-01' : doc.issuedDate,
        origin: doc.origin ?? 'national',
      },
      files: [
        { ...content, mediaType: 'application/pdf', state: 'present', role: 'content' },
        ...(cover ? [{ ...cover, mediaType: 'image/jpeg', state: 'present' as const, role: 'cover' as const }] : []),
      ],
    },
  ]);
  return { content: content.sha256, cover: cover?.sha256 ?? null };
}

async function libraryOf(docs: Doc[]) {
  const library = await tempLibrary('selection-');
  const files: Record<string, { content: string; cover: string | null }> = {};
  for (const doc of docs) files[doc.id] = await add(library, doc);
  return { library, files };
}

const fileRow = (library: Library, sha256: string) =>
  library.db.prepare('SELECT state, wanted FROM files WHERE sha256 = ?').get(sha256) as { state: string; wanted: number };
const kept = (library: Library) =>
  (library.db.prepare(`SELECT p.id FROM publications p JOIN publication_files pf ON pf.publication_id = p.id JOIN files f ON f.sha256 = pf.sha256
     WHERE pf.role = 'content' AND f.wanted = 1 ORDER BY p.id`).pluck().all() as string[]);

describe('selective sync: the policy', () => {
  it('keeps files by field; the others lose their blob and become pending, not wanted, shown as not kept', async () => {
    const { library, files } = await libraryOf([
      { id: 'dat-dai', size: 1000, fields: ['Đất đai'] },
      { id: 'thue', size: 2000, fields: ['Thuế'] },
      { id: 'both', size: 500, fields: ['Thuế', 'Đất đai'] },
      { id: 'giao-thong', size: 3000, fields: ['Giao thông'] },
    ]);
    const summary = await saveSelection(library, { ...KEEP_EVERYTHING, fields: ['đất  ĐAI'] });
    expect(summary).toEqual({
      keptFiles: 2, keptBytes: 1500, presentFiles: 2, presentBytes: 1500, excludedFiles: 2, excludedBytes: 5000, removedFiles: 2, freedBytes: 5000,
    });
    expect(kept(library)).toEqual(['both', 'dat-dai']);
    for (const id of ['thue', 'giao-thong']) {
      expect(fileRow(library, files[id].content)).toEqual({ state: 'pending', wanted: 0 });
      expect(fs.existsSync(library.files.pathOf(files[id].content))).toBe(false);
      const pub = getPublication(library.db, id)!;
      expect(pub).toMatchObject({ available: false, excluded: true, files: [{ state: 'excluded' }] });
    }
    expect(fs.existsSync(library.files.pathOf(files['dat-dai'].content))).toBe(true);
    expect(getPublication(library.db, 'dat-dai')).toMatchObject({ available: true, excluded: false, files: [{ state: 'present' }] });
    expect(readSelection(library)).toEqual({ ...KEEP_EVERYTHING, fields: ['đất  ĐAI'] });

    // Metadata stays complete: every publication listed and found by search, excluded or not.
    expect(countPublications(library.db)).toBe(4);
    expect(listPublications(library.db, { offset: 0, limit: 10, sort: 'title' }).items.map((p) => [p.id, p.excluded])).toEqual(
      expect.arrayContaining([['thue', true], ['giao-thong', true], ['dat-dai', false], ['both', false]]),
    );
    expect(search(library.db, { q: 'văn bản giao-thong', offset: 0, limit: 10 }).items.map((hit) => hit.publication.id)).toContain('giao-thong');
  });

  it('keeps by document type and kind (any field, one of the types, one of the kinds)', async () => {
    const { library } = await libraryOf([
      { id: 'luat', size: 100, docType: 'Luật' },
      { id: 'nghi-dinh', size: 100, docType: 'Nghị định' },
      { id: 'thong-tu', size: 100, docType: 'Thông tư' },
      { id: 'sach', size: 100, docType: 'Luật', kind: 'book', legalStatus: 'unknown' },
    ]);
    await saveSelection(library, { ...KEEP_EVERYTHING, docTypes: ['luật', 'Nghị định'] });
    expect(kept(library)).toEqual(['luat', 'nghi-dinh', 'sach']);
    await saveSelection(library, { ...KEEP_EVERYTHING, docTypes: ['Luật'], kinds: ['legal'] });
    expect(kept(library)).toEqual(['luat']);
    const matches = selectionMatcher({ fields: ['Thuế'], docTypes: null, kinds: ['book'] });
    expect(matches({ fields: ['Thuế'], docType: null, kind: 'book' })).toBe(true);
    expect(matches({ fields: ['Thuế'], docType: null, kind: 'legal' })).toBe(false);
    expect(matches({ fields: [], docType: null, kind: 'book' })).toBe(false);
  });

  it('fills a size budget in priority order: in force, then newest; content before its cover; first fit', async () => {
    const { library, files } = await libraryOf([
      { id: 'a-in-force-new', size: 100, legalStatus: 'in_force', issuedDate: '2024-05-01', cover: 10 },
      { id: 'b-in-force-old', size: 100, legalStatus: 'in_force', issuedDate: '2019-05-01' },
      { id: 'c-repealed-newest', size: 50, legalStatus: 'not_in_force', issuedDate: '2025-01-01' },
      { id: 'd-unknown', size: 300, legalStatus: 'unknown', issuedDate: '2023-01-01' },
      { id: 'e-partly', size: 100, legalStatus: 'partly_in_force', issuedDate: '2022-01-01' },
      { id: 'f-in-force-undated', size: 40, legalStatus: 'in_force', issuedDate: null },
    ]);
    // a (100) + its cover (10) + b (100) + f (40) = 250; e (100) and d (300) do not fit; c (50) does: 300.
    const summary = await saveSelection(library, { ...KEEP_EVERYTHING, maxBytes: 300 });
    expect(kept(library)).toEqual(['a-in-force-new', 'b-in-force-old', 'c-repealed-newest', 'f-in-force-undated']);
    expect(fileRow(library, files['a-in-force-new'].cover!).wanted).toBe(1);
    expect(summary).toMatchObject({ keptBytes: 300, excludedFiles: 2, excludedBytes: 400, removedFiles: 2, freedBytes: 400 });

    // Files already present count against the budget: a smaller budget removes the last ones in priority order.
    const smaller = await saveSelection(library, { ...KEEP_EVERYTHING, maxBytes: 110 });
    expect(kept(library)).toEqual(['a-in-force-new']);
    expect(smaller).toMatchObject({ keptFiles: 2, keptBytes: 110, removedFiles: 3, freedBytes: 190 });
    expect(fs.existsSync(library.files.pathOf(files['b-in-force-old'].content))).toBe(false);

    // A budget of 0 keeps nothing of the national catalog.
    expect(await saveSelection(library, { ...KEEP_EVERYTHING, maxBytes: 0 })).toMatchObject({ keptFiles: 0, removedFiles: 2, freedBytes: 110 });
  });

  it('widening the policy makes left-out files pending and wanted again; applying twice changes nothing', async () => {
    const { library, files } = await libraryOf([
      { id: 'dat-dai', size: 100, fields: ['Đất đai'] },
      { id: 'thue', size: 200, fields: ['Thuế'] },
    ]);
    await saveSelection(library, { ...KEEP_EVERYTHING, fields: ['Thuế'] });
    expect(fileRow(library, files['dat-dai'].content)).toEqual({ state: 'pending', wanted: 0 });
    expect(await applySelection(library)).toMatchObject({ removedFiles: 0, freedBytes: 0, keptFiles: 1 });

    const partial = path.join(library.layout.partial, `${files['dat-dai'].content}.part`);
    fs.mkdirSync(library.layout.partial, { recursive: true });
    fs.writeFileSync(partial, 'half');
    const keptPartial = path.join(library.layout.partial, `${files.thue.content}.part`);
    fs.writeFileSync(keptPartial, 'kept');
    await applySelection(library);
    expect(fs.existsSync(partial)).toBe(false); // a partial download of a file not kept is deleted too
    expect(fs.existsSync(keptPartial)).toBe(true);

    const widened = await saveSelection(library, KEEP_EVERYTHING);
    expect(widened).toMatchObject({ keptFiles: 2, keptBytes: 300, presentFiles: 1, excludedFiles: 0, removedFiles: 0 });
    expect(fileRow(library, files['dat-dai'].content)).toEqual({ state: 'pending', wanted: 1 });
    expect(getPublication(library.db, 'dat-dai')).toMatchObject({ available: false, excluded: false, files: [{ state: 'pending' }] });
    expect(fileRow(library, files.thue.content)).toEqual({ state: 'present', wanted: 1 });
  });

  it('never leaves out local publications’ files, nor counts them against the budget', async () => {
    const { library, files } = await libraryOf([
      { id: 'national', size: 100, fields: ['Thuế'] },
      { id: 'local', size: 5000, fields: ['Giao thông'], origin: 'local' },
    ]);
    // A national publication that shares the local one's file.
    saveDocuments(library.db, [
      {
        publication: { id: 'national-copy', kind: 'legal', title: 'Bản sao', fields: ['Giao thông'], origin: 'national' },
        files: [{ sha256: files.local.content, size: 5000, mediaType: 'application/pdf', state: 'present', role: 'content' }],
      },
    ]);
    const summary = await saveSelection(library, { ...KEEP_EVERYTHING, fields: ['Thuế'], maxBytes: 100 });
    expect(fileRow(library, files.local.content)).toEqual({ state: 'present', wanted: 1 });
    expect(fs.existsSync(library.files.pathOf(files.local.content))).toBe(true);
    expect(fileRow(library, files.national.content)).toEqual({ state: 'present', wanted: 1 });
    expect(summary).toMatchObject({ removedFiles: 0, excludedFiles: 0 });
    await saveSelection(library, { ...KEEP_EVERYTHING, maxBytes: 0 });
    expect(fileRow(library, files.local.content)).toEqual({ state: 'present', wanted: 1 });
    expect(fileRow(library, files.national.content)).toEqual({ state: 'pending', wanted: 0 });
  });

  it('validates what it stores and refuses a damaged setting with a clear message', async () => {
    const { library } = await libraryOf([{ id: 'x', size: 10 }]);
    expect(readSelection(library)).toEqual(KEEP_EVERYTHING);
    await expect(saveSelection(library, { ...KEEP_EVERYTHING, fields: [] })).rejects.toThrow();
    await expect(saveSelection(library, { ...KEEP_EVERYTHING, maxBytes: -1 })).rejects.toThrow();
    expect(library.db.prepare('SELECT count(*) FROM settings WHERE key = ?').pluck().get(SETTINGS.syncSelection.key)).toBe(0);
    library.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(SETTINGS.syncSelection.key, '{"fields": 3}'); // edited by hand
    expect(() => readSelection(library)).toThrow(SelectionError);
    expect(() => readSelection(library)).toThrow(/Hãy chọn lại ở phần “Chọn những gì giữ trên máy” của trang Đồng bộ/);
  });
});

describe('selective sync: a station syncing from a hub', () => {
  it('gets the whole catalog, and downloads only the files its policy keeps', async () => {
    const hub = await tempLibrary('selection-hub-');
    await addDocument(hub, 'dat-1', 'Luật đất đai 1', '%PDF-1.4 dat 1', { fields: ['Đất đai'] });
    await addDocument(hub, 'dat-2', 'Luật đất đai 2', '%PDF-1.4 dat 2', { fields: ['Đất đai'], docType: 'Nghị định' });
    await addDocument(hub, 'thue-1', 'Luật thuế 1', '%PDF-1.4 thue 1', { fields: ['Thuế'] });
    await addDocument(hub, 'hon-nhan', 'Luật hôn nhân', '%PDF-1.4 hon nhan', { fields: ['Hôn nhân và gia đình'] });
    const key = keys();
    const feedDir = path.join(tempDir('selection-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });

    const { station, row } = await stationWithSource(path.resolve(feedDir), key.publicKeyPath);
    const source = new FolderSource(feedDir);
    await saveSelection(station, { ...KEEP_EVERYTHING, fields: ['Đất đai'], docTypes: ['Luật'] }); // before the first sync
    expect(await syncOnce(station, row(), source)).toMatchObject({ status: 'applied', added: 4 });
    expect(await applySelection(station)).toMatchObject({ keptFiles: 1, excludedFiles: 3, removedFiles: 0 });
    const downloaded = await downloadPending(station, source, { baseDelayMs: 1, attempts: 1 });
    expect(downloaded).toMatchObject({ downloaded: 1, failed: [] });
    expect(countPublications(station.db)).toBe(4);
    expect(getPublication(station.db, 'dat-1')).toMatchObject({ available: true, excluded: false });
    for (const id of ['dat-2', 'thue-1', 'hon-nhan']) expect(getPublication(station.db, id)).toMatchObject({ available: false, excluded: true });
    expect(selectionCounts(station)).toMatchObject({ keptFiles: 1, presentFiles: 1, excludedFiles: 3 });

    // Widening the choice: the next download fetches what is now kept.
    await saveSelection(station, { ...KEEP_EVERYTHING, fields: ['Đất đai', 'Thuế'] });
    expect(await downloadPending(station, source, { baseDelayMs: 1, attempts: 1 })).toMatchObject({ downloaded: 2, failed: [] });
    expect(getPublication(station.db, 'hon-nhan')).toMatchObject({ available: false, excluded: true });
    expect(search(station.db, { q: 'hôn nhân', offset: 0, limit: 5 }).items.map((hit) => hit.publication.id)).toContain('hon-nhan');
  });
});

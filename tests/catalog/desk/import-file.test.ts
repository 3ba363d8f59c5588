/**
 * desk.importFile: an existing PDF or EPUB on this PC goes through the same describe-and-save
 * path as a scan — the draft from its own text, the duplicate check by number and by content,
 * the save into the catalog (searchable at once). Files that are not PDF/EPUB, missing or
 * broken are refused with a clear message and leave no batch behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { DocumentDescription } from '../../../shared/desk.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { search } from '../../../catalog/search/search.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { CORPORA, corporaMissing } from '../../helpers/corpora.js';
import { openDesk, settled } from './helpers.js';

const DECREE = path.join(DEMO_DIR, 'nghi-dinh-so-158-2025-nd-cp-45240.pdf');
const KIEU = path.join(DEMO_DIR, 'truyen-kieu.epub');

describe('importing a file at the desk', { timeout: 120_000 }, () => {
  it('describes a PDF from its header, saves it searchable, and flags it the second time', async () => {
    const { library, desk } = await openDesk();
    const batch = await desk.importFile(DECREE);
    expect(batch).toMatchObject({ origin: 'file', pages: [], file: { name: path.basename(DECREE), mediaType: 'application/pdf', size: fs.statSync(DECREE).size } });
    const draft = await desk.draft(batch.id);
    expect(draft).toMatchObject({ kind: 'legal', number: '158/2025/NĐ-CP', docType: 'Nghị định', issuer: 'Chính phủ' });
    expect(draft.issuedDate).toMatch(/^2025-/);
    expect(() => desk.movePage(batch.id, 'x', 0)).toThrow(/là một tệp có sẵn/);
    const description: DocumentDescription = { ...draft, kind: 'legal', title: draft.title!, fields: ['Bảo hiểm'], legalStatus: 'in_force', language: 'vi' };
    const saved = await desk.save(batch.id, description, false);
    const publication = library.db.prepare('SELECT origin, number, legal_status FROM publications WHERE id = ?').get(saved.publicationId);
    expect(publication).toEqual({ origin: 'local', number: '158/2025/NĐ-CP', legal_status: 'in_force' });
    expect(library.db.prepare('SELECT count(*) FROM sections WHERE publication_id = ? AND level = ?').pluck().get(saved.publicationId, 'article')).toBeGreaterThan(40);
    expect(search(library.db, { q: 'bảo hiểm xã hội bắt buộc', offset: 0, limit: 3 }).items[0].publication.id).toBe(saved.publicationId);

    const again = await desk.importFile(DECREE);
    const check = await desk.duplicates(again.id, undefined);
    expect(check.byHash.map((p) => p.id)).toEqual([saved.publicationId]);
    expect(check.byNumber.map((p) => p.id)).toEqual([saved.publicationId]);
    await expect(desk.save(again.id, description, false)).rejects.toMatchObject({ code: 'conflict' });
    await desk.dispose();
  });

  it('makes a book of an EPUB, titled from its metadata', async () => {
    const { desk } = await openDesk();
    const batch = await desk.importFile(KIEU);
    expect(batch.file).toMatchObject({ mediaType: 'application/epub+zip' });
    expect(await desk.draft(batch.id)).toMatchObject({ kind: 'book', title: 'Truyện Kiều', language: 'vi' });
    await desk.dispose();
  });

  it.skipIf(corporaMissing)('turns a PDF of scanned pages without text into a batch of its pages, ready for OCR', async () => {
    const { desk } = await openDesk();
    const scanned = await PDFDocument.create();
    const png = await scanned.embedPng(fs.readFileSync(path.join(CORPORA, 'scanner', 'ocr-vn', 'luat-so-69-2020-qh14-32699-p5.png')));
    for (let i = 0; i < 2; i++) scanned.addPage([595, 842]).drawImage(png, { x: 0, y: 0, width: 595, height: 842 });
    const file = path.join(tempDir('desk-import-'), 'cong-van-scan.pdf');
    fs.writeFileSync(file, await scanned.save());
    const batch = await desk.importFile(file);
    expect(batch).toMatchObject({ origin: 'pages', file: null });
    const drawn = await settled(desk, batch.id);
    expect(drawn.job).toMatchObject({ kind: 'scan', state: 'done', done: 2 });
    // A4 drawn at 300 dpi.
    expect(drawn.pages.map((p) => [p.width, p.height])).toEqual([[2479, 3508], [2479, 3508]]);
    expect(drawn.pages.every((p) => p.textChars === null)).toBe(true);
    await desk.dispose();
  });

  it('refuses what it cannot import, and keeps no batch of it', async () => {
    const { desk } = await openDesk();
    const dir = tempDir('desk-import-');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'không phải PDF');
    fs.writeFileSync(path.join(dir, 'broken.pdf'), 'this is not a PDF at all');
    await expect(desk.importFile(path.join(dir, 'note.txt'))).rejects.toMatchObject({ code: 'bad_request', ref: { key: 'desk.fileType' } });
    await expect(desk.importFile(path.join(dir, 'missing.pdf'))).rejects.toMatchObject({ code: 'not_found', ref: { key: 'desk.fileUnreadable', params: { name: 'missing.pdf' } } });
    await expect(desk.importFile(path.join(dir, 'broken.pdf'))).rejects.toMatchObject({
      code: 'bad_request',
      ref: { key: 'desk.fileRefused', params: { reason: { key: 'import.detailed', params: { what: { key: 'import.refused.notPdf' }, detail: { key: 'import.detail.neitherPdfNorEpub' } } } } },
    });
    expect(desk.batches()).toEqual([]);
    expect(fs.readdirSync(desk.store.root)).toEqual([]);
    await desk.dispose();
  });
});

/**
 * From pages to a searchable document: gazette pages picked up from a watched folder (an image,
 * and a PDF a network scanner saved), recognised by tesseract page by page, the description
 * pre-filled from the header, duplicates flagged, and the save — the PDF's text layer read back
 * by pdftotext, the document found by search at once. Missing OCR tools give a message naming
 * the packages, and the document can still be saved without text; OCR can be cancelled.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { DocumentDescription } from '../../../shared/desk.js';
import { say } from '../../../shared/messages.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { search } from '../../../catalog/search/search.js';
import { FolderSource } from '../../../catalog/scan/folder.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { missingTools, OCR_DIR, openDesk, settled } from './helpers.js';

const skip = missingTools('tesseract', 'pdftotext');
const DECISION = 'quyet-dinh-so-28-2021-qd-ttg-34546';
const FUND_PAGE = 'thong-tu-so-12-2022-tt-bldtbxh-37536-p2.png';

/** A folder with page 1 of the decision as a one-page PDF, as a network scanner would save it. */
async function folderWithFirstPage(): Promise<string> {
  const folder = tempDir('desk-folder-');
  const source = await PDFDocument.load(fs.readFileSync(path.join(DEMO_DIR, `${DECISION}.pdf`)));
  const out = await PDFDocument.create();
  out.addPage((await out.copyPages(source, [0]))[0]);
  fs.writeFileSync(path.join(folder, 'scan-0001.pdf'), await out.save());
  return folder;
}

const fromFolder = (folder: string) => ({ scanner: FolderSource.idOf(folder), source: 'feeder', mode: 'gray', resolution: 300, pageSize: 'a4' }) as const;
const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

// OCR of a full page takes seconds; a slow shared CI machine needs room.
describe.skipIf(skip)('OCR and saving', { timeout: 180_000 }, () => {
  it('recognises a page into a searchable PDF the catalog finds at once', async () => {
    const folder = tempDir('desk-folder-');
    fs.copyFileSync(path.join(OCR_DIR, FUND_PAGE), path.join(folder, 'trang-1.png'));
    const { library, desk } = await openDesk({ scanFolders: [folder] });
    expect((await desk.scanners()).find((s) => s.kind === 'folder')).toMatchObject({ id: `folder:${folder}`, label: expect.stringContaining('(1)') });
    const batch = desk.createBatch();
    desk.scan(batch.id, fromFolder(folder));
    expect((await settled(desk, batch.id)).pages).toHaveLength(1);
    // The next pickup finds nothing new: the file is not taken twice.
    const again = desk.createBatch();
    desk.scan(again.id, fromFolder(folder));
    expect((await settled(desk, again.id)).job).toMatchObject({ fault: 'no_docs', message: { key: 'desk.fault.no_files' } });

    const job = desk.ocr(batch.id);
    expect(job).toMatchObject({ kind: 'ocr', state: 'running', done: 0, total: 1 });
    const done = await settled(desk, batch.id);
    expect(done.job).toMatchObject({ state: 'done', done: 1, total: 1, fault: null });
    expect(done.ocrDone).toBe(true);
    expect(done.pages[0].textChars).toBeGreaterThan(1500);

    const saved = await desk.save(batch.id, { kind: 'guide', title: 'Hướng dẫn quản lý lao động của Quỹ', fields: ['Lao động'], legalStatus: 'unknown', language: 'vi' }, false);
    expect(saved.publicationId).toMatch(/^local-/);
    const hits = search(library.db, { q: 'Quỹ Đổi mới công nghệ quốc gia', offset: 0, limit: 5 });
    expect(hits.items.map((i) => i.publication.id)).toContain(saved.publicationId);
    const row = library.db.prepare(`SELECT p.origin, f.sha256, f.size FROM publications p JOIN publication_files pf ON pf.publication_id = p.id AND pf.role = 'content' JOIN files f ON f.sha256 = pf.sha256 WHERE p.id = ?`).get(saved.publicationId) as { origin: string; sha256: string; size: number };
    expect(row.origin).toBe('local');
    // One text page as grey JPEG at its scan resolution: a few hundred KB, not the 2 MB PNG.
    expect(row.size).toBeLessThan(400_000);
    const text = squash(execFileSync('pdftotext', [library.files.pathOf(row.sha256), '-'], { encoding: 'utf8' }));
    expect(text).toContain('Quỹ Đổi mới công nghệ quốc gia');
    expect(text).toContain('Điều 2. Đối tượng áp dụng');
    expect(library.db.prepare(`SELECT sum(count) FROM usage_days WHERE counter = 'document_added'`).pluck().get()).toBe(1);
    expect(() => desk.batch(batch.id)).toThrow(/Không tìm thấy lô/);
    await desk.dispose();
  });

  it('pre-fills the description from a scanned first page and flags the same number before saving', async () => {
    const folder = await folderWithFirstPage();
    const { library, desk } = await openDesk({ scanFolders: [folder] });
    const scan = async () => {
      const batch = desk.createBatch();
      desk.scan(batch.id, { ...fromFolder(folder), everything: true });
      expect((await settled(desk, batch.id)).pages).toHaveLength(1);
      desk.ocr(batch.id);
      await settled(desk, batch.id);
      return batch.id;
    };
    const first = await scan();
    const draft = await desk.draft(first);
    expect(draft).toMatchObject({ kind: 'legal', number: '28/2021/QĐ-TTg', docType: 'Quyết định', issuer: 'Thủ tướng Chính phủ', language: 'vi' });
    expect(draft.title).toMatch(/^Quyết định .*Quỹ bảo hiểm thất nghiệp/);
    expect(await desk.duplicates(first, undefined)).toEqual({ byNumber: [], byHash: [] });
    const description: DocumentDescription = { ...draft, kind: 'legal', title: draft.title!, fields: [], legalStatus: 'in_force', language: 'vi' };
    const saved = await desk.save(first, description, false);
    expect(search(library.db, { q: '28/2021/QĐ-TTg', offset: 0, limit: 3 }).items[0].publication.id).toBe(saved.publicationId);

    const second = await scan();
    const check = await desk.duplicates(second, undefined);
    expect(check.byNumber.map((p) => p.id)).toEqual([saved.publicationId]);
    // The same pages make the same PDF: flagged by content too.
    expect(check.byHash.map((p) => p.id)).toEqual([saved.publicationId]);
    expect((await desk.duplicates(second, '28 / 2021 / qđ-ttg')).byNumber).toHaveLength(1);
    await expect(desk.save(second, description, false)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('28/2021/QĐ-TTg') });
    expect(desk.batch(second).pages).toHaveLength(1);
    await expect(desk.save(second, { ...description, number: '28-2021', docType: '' }, true)).rejects.toMatchObject({
      code: 'invalid_input',
      details: [
        { path: 'description.number', ref: { key: 'desk.numberFormat', params: { number: '28-2021' } } },
        { path: 'description.docType', ref: { key: 'desk.docTypeRequired' } },
      ],
    });
    await desk.dispose();
  });

  it('names the packages to install when tesseract or its Vietnamese data is missing, and still saves', async () => {
    const folder = tempDir('desk-folder-');
    fs.copyFileSync(path.join(OCR_DIR, FUND_PAGE), path.join(folder, 'a.png'));
    const { library, desk, dir } = await openDesk({ scanFolders: [folder], env: { ...process.env, PATH: tempDir('empty-path-') } });
    const batch = desk.createBatch();
    desk.scan(batch.id, fromFolder(folder));
    await settled(desk, batch.id);
    desk.ocr(batch.id);
    const failed = await settled(desk, batch.id);
    expect(failed.job).toMatchObject({ kind: 'ocr', state: 'failed', fault: 'tool_missing' });
    expect(say('vi', failed.job!.message!)).toMatch(/tesseract-ocr và tesseract-ocr-vie/);
    expect(say('en', failed.job!.message!)).toMatch(/Install the packages tesseract-ocr and tesseract-ocr-vie/);
    await desk.dispose();

    const noVie = await openDesk({ scanFolders: [folder], env: { ...process.env, TESSDATA_PREFIX: tempDir('no-tessdata-') } }, dir);
    noVie.desk.ocr(batch.id);
    expect((await settled(noVie.desk, batch.id)).job).toMatchObject({ fault: 'tool_missing', message: { key: 'desk.missing.vie' } });
    const saved = await noVie.desk.save(batch.id, { kind: 'guide', title: 'Trang quét chưa nhận dạng', fields: [], legalStatus: 'unknown', language: 'vi' }, false);
    expect(library.db.prepare('SELECT text FROM publication_texts WHERE publication_id = ?').pluck().get(saved.publicationId)).toBe('');
    expect(library.db.prepare('SELECT title FROM publications WHERE id = ?').pluck().get(saved.publicationId)).toBe('Trang quét chưa nhận dạng');
    await noVie.desk.dispose();
  });

  it('cancels OCR: tesseract is stopped, pages and finished text kept', async () => {
    const folder = tempDir('desk-folder-');
    for (const name of fs.readdirSync(OCR_DIR).filter((n) => n.endsWith('.gt.txt'))) fs.copyFileSync(path.join(OCR_DIR, name.replace('.gt.txt', '.png')), path.join(folder, name.replace('.gt.txt', '.png')));
    const { desk } = await openDesk({ scanFolders: [folder], ocrWorkers: 1 });
    const batch = desk.createBatch();
    desk.scan(batch.id, fromFolder(folder));
    expect((await settled(desk, batch.id)).pages).toHaveLength(4);
    desk.ocr(batch.id);
    const cancelled = await desk.cancel(batch.id);
    expect(cancelled).toMatchObject({ kind: 'ocr', state: 'cancelled', fault: 'cancelled', message: { key: 'desk.fault.cancelled' } });
    const after = desk.batch(batch.id);
    expect(after.pages).toHaveLength(4);
    expect(after.ocrDone).toBe(false);
    expect(after.pages.filter((p) => p.textChars !== null)).toHaveLength(cancelled!.done);
    // No tesseract left running on this batch's pages.
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes.split('\n').filter((line) => line.includes('tesseract') && line.includes(batch.id))).toEqual([]);
    await desk.dispose();
  });
});

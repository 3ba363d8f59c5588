/**
 * The watched-folder source: folders from the setting and BOOKSHELF_SCAN_FOLDERS, pages in
 * natural name order, PDFs drawn page by page, grey pages saved as RGB recognised as grey, and
 * each pickup taking only the files that arrived since the last one.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FolderSource } from '../../../catalog/scan/folder.js';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openDesk, settled } from './helpers.js';

const pickup = (folder: string) => ({ scanner: FolderSource.idOf(folder), source: 'feeder', mode: 'gray', resolution: 100, pageSize: 'a4' }) as const;

/** A page image of the given size and colour, 100 dpi. */
const page = (file: string, width: number, colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height: Math.round(width * 1.41), channels: 3, background: colour } }).withMetadata({ density: 100 }).png().toFile(file);

describe('watched folders', () => {
  it('finds its folders in the setting and the environment', async () => {
    const [a, b] = [tempDir('desk-watch-'), tempDir('desk-watch-')];
    const { library, desk } = await openDesk({ env: { ...process.env, BOOKSHELF_SCAN_FOLDERS: b } });
    setSetting(library.db, SETTINGS.scanFolders, [a]);
    expect(desk.scanFolders()).toEqual([a, b]);
    const listed = (await desk.scanners()).filter((s) => s.kind === 'folder');
    expect(listed.map((s) => s.id)).toEqual([`folder:${a}`, `folder:${b}`]);
    await desk.dispose();
  });

  it('takes pages in name order, PDFs page by page, and only new files at the next pickup', async () => {
    const folder = tempDir('desk-watch-');
    const { desk } = await openDesk({ scanFolders: [folder] });
    await page(path.join(folder, 'trang-10.png'), 300, { r: 200, g: 200, b: 200 });
    await page(path.join(folder, 'trang-2.png'), 200, { r: 250, g: 20, b: 20 });
    const pdf = await PDFDocument.create();
    pdf.addPage([144, 216]);
    pdf.addPage([216, 144]);
    fs.writeFileSync(path.join(folder, 'trang-11.pdf'), await pdf.save());
    fs.writeFileSync(path.join(folder, 'ghi-chu.txt'), 'không phải trang');

    const batch = desk.createBatch();
    desk.scan(batch.id, pickup(folder));
    const first = await settled(desk, batch.id);
    expect(first.job).toMatchObject({ state: 'done', done: 4, total: 4 });
    // trang-2, trang-10, then the PDF's two pages (2 × 3 inches and 3 × 2 inches at 100 dpi).
    expect(first.pages.map((p) => [p.width, p.height])).toEqual([[200, 282], [300, 423], [200, 300], [300, 200]]);
    const modes = desk.store.pages(batch.id).map((p) => p.mode);
    expect(modes.slice(0, 2)).toEqual(['color', 'gray']);

    desk.scan(batch.id, pickup(folder));
    expect((await settled(desk, batch.id)).job).toMatchObject({ state: 'failed', fault: 'no_docs', message: { key: 'desk.fault.no_files', params: { folder: expect.stringContaining(folder) } } });
    await page(path.join(folder, 'trang-12.png'), 250, { r: 255, g: 255, b: 255 });
    // A file arriving now is taken once it has settled (a network scanner may still be writing it).
    desk.scan(batch.id, pickup(folder));
    const next = await settled(desk, batch.id);
    expect(next.job).toMatchObject({ state: 'done', done: 1 });
    expect(next.pages.map((p) => p.width)).toEqual([200, 300, 200, 300, 250]);
    await desk.dispose();
  });
});

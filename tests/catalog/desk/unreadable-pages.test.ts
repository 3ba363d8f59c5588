/**
 * Blank scans do not pass silently: the SANE test device's feeder gives three solid black pages,
 * tesseract reads nothing on them, and each page is flagged as unreadable and the batch as having
 * no text; a page of Vietnamese text added from a scan folder is read and not flagged, and then
 * the batch has text. The measure itself: (almost) no letters or digits is unreadable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_PAGE_LETTERS, isUnreadableText } from '../../../shared/desk.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { missingTools, OCR_DIR, openDesk, settled } from './helpers.js';

const TEXT_PAGE = 'quyet-dinh-so-28-2021-qd-ttg-34546-p3.png';

describe('what counts as a page with no text', () => {
  it('is fewer letters and digits than the least a page of words has', () => {
    expect(isUnreadableText('')).toBe(true);
    expect(isUnreadableText(' \n . , ; — | \n ~ ~ ')).toBe(true);
    expect(isUnreadableText('a'.repeat(MIN_PAGE_LETTERS - 1))).toBe(true);
    expect(isUnreadableText('Điều 1. Phạm vi điều chỉnh')).toBe(false);
  });
});

describe.skipIf(missingTools('scanimage', 'tesseract'))('OCR of blank scans', { timeout: 180_000 }, () => {
  it('flags each black page and the batch; a page of text is read and the batch then has text', async () => {
    const folder = tempDir('desk-blank-folder-');
    const { desk } = await openDesk({ scanFolders: [folder] });
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'a4', pages: 3 });
    const scanned = await settled(desk, batch.id);
    // Not read yet: not flagged, and no text either.
    expect(scanned.pages.map((p) => p.unreadable)).toEqual([false, false, false]);
    expect(scanned.hasText).toBe(false);
    desk.ocr(batch.id);
    const read = await settled(desk, batch.id);
    expect(read.job).toMatchObject({ kind: 'ocr', state: 'done', done: 3, fault: null });
    expect(read.pages.map((p) => [p.textChars !== null, p.unreadable])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
    expect(read).toMatchObject({ ocrDone: true, hasText: false });

    fs.copyFileSync(path.join(OCR_DIR, TEXT_PAGE), path.join(folder, 'trang-4.png'));
    const settledAt = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(folder, 'trang-4.png'), settledAt, settledAt);
    desk.scan(batch.id, { scanner: `folder:${folder}`, source: 'feeder', mode: 'gray', resolution: 300, pageSize: 'a4' });
    expect((await settled(desk, batch.id)).pages).toHaveLength(4);
    desk.ocr(batch.id);
    const withText = await settled(desk, batch.id);
    expect(withText.pages.map((p) => p.unreadable)).toEqual([true, true, true, false]);
    expect(withText.pages[3].textChars).toBeGreaterThan(500);
    expect(withText.hasText).toBe(true);
    await desk.dispose();
  });
});

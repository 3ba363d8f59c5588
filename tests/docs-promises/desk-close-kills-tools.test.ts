/**
 * docs/desk.md, "Batches": closing the app kills a running scanimage and tesseract; the pages
 * already made stay. The desk service (as the app disposes it on quit) is closed in the middle of
 * a real scan (the SANE test backend, slowed) and of a real OCR run (tesseract on the corpora's
 * page images): afterwards no such process is left on the batch, and the library, opened again,
 * still holds the batch's pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderSource } from '../../catalog/scan/folder.js';
import { tempDir } from '../helpers/temp-dir.js';
import { OCR_DIR, missingTools, openDesk, settled } from '../catalog/desk/helpers.js';

const skip = missingTools('scanimage', 'tesseract');

/** The command lines of running processes that start with `tool` and name the batch. */
function running(tool: string, batchId: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.split(' ')[0].endsWith(tool) && line.includes(batchId));
}

async function until(check: () => boolean) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.skipIf(skip)('closing the desk', () => {
  it('kills a scan in progress; the pages scanned stay', { timeout: 300_000 }, async () => {
    const slow = ['--read-limit=yes', '--read-limit-size', '65536', '--read-delay=yes', '--read-delay-duration', '200000'];
    const { desk, dir } = await openDesk({ saneArgs: slow });
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'a4' });
    await until(() => desk.batch(batch.id).pages.length > 0);
    expect(running('scanimage', batch.id)).toHaveLength(1);
    await desk.dispose();
    expect(running('scanimage', batch.id)).toEqual([]);
    const again = await openDesk({}, dir);
    // Cut short: the test feeder holds 10 sheets.
    expect(again.desk.batch(batch.id).pages.length).toBeGreaterThanOrEqual(1);
    expect(again.desk.batch(batch.id).pages.length).toBeLessThan(10);
    await again.desk.dispose();
  });

  it('kills OCR in progress; the pages stay', { timeout: 300_000 }, async () => {
    const folder = tempDir('desk-close-folder-');
    for (const name of fs.readdirSync(OCR_DIR).filter((n) => n.endsWith('.png'))) fs.copyFileSync(path.join(OCR_DIR, name), path.join(folder, name));
    const { desk, dir } = await openDesk({ scanFolders: [folder], ocrWorkers: 1 });
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: FolderSource.idOf(folder), source: 'feeder', mode: 'gray', resolution: 300, pageSize: 'a4' });
    const pages = (await settled(desk, batch.id)).pages.length;
    expect(pages).toBeGreaterThan(1);
    desk.ocr(batch.id);
    // Several pages at 300 dpi take seconds each: a tesseract is seen long before the last page ends
    // (and if not, the test says so at once instead of waiting for its timeout).
    await until(() => running('tesseract', batch.id).length > 0 || desk.batch(batch.id).ocrDone);
    expect(desk.batch(batch.id).ocrDone).toBe(false);
    await desk.dispose();
    expect(running('tesseract', batch.id)).toEqual([]);
    const again = await openDesk({}, dir);
    expect(again.desk.batch(batch.id).pages).toHaveLength(pages);
    // Cut short: not every page was read.
    expect(again.desk.batch(batch.id).ocrDone).toBe(false);
    await again.desk.dispose();
  });
});

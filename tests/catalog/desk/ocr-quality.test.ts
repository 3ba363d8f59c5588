/**
 * OCR quality on the gazette pages of ../shared/corpora/scanner/ocr-vn: the pages go through the
 * desk as a librarian's would (picked up from a watched folder, stored, recognised by the OCR
 * job with tesseract's Vietnamese data), and each page's text is compared with its true text (*.gt.txt). The
 * character error rate per page and overall is printed; the corpus notes 0.3–1.3% on these
 * clean pages, so anything above 3% on a page (2% overall) means the pipeline broke something.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance, normaliseForCer } from './cer.js';
import { FolderSource } from '../../../catalog/scan/folder.js';
import { missingTools, OCR_DIR, openDesk, settled } from './helpers.js';

const skip = missingTools('tesseract');

describe('character error rate', () => {
  it('counts edits over code points after NFC and white-space normalisation', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // "hoà" written with a combining grave accent is the same text in NFC.
    expect(characterErrorRate('Luật  hoa\u0300\n giải', 'Luật hoà giải')).toEqual({ errors: 0, referenceChars: 13, cer: 0 });
    expect(characterErrorRate('Luat hoa giai', 'Luật hoà giải')).toMatchObject({ errors: 3, cer: 3 / 13 });
    expect(normaliseForCer('  a\t\nb  ')).toBe('a b');
  });
});

describe.skipIf(skip)('OCR quality on the gazette pages', { timeout: 180_000 }, () => {
  it('reads every page with a low character error rate', async () => {
    const pages = fs.readdirSync(OCR_DIR).filter((name) => name.endsWith('.gt.txt')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const { desk } = await openDesk({ scanFolders: [OCR_DIR] });
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: FolderSource.idOf(OCR_DIR), source: 'feeder', mode: 'gray', resolution: 300, pageSize: 'a4', everything: true });
    await settled(desk, batch.id);
    desk.ocr(batch.id);
    expect((await settled(desk, batch.id)).ocrDone).toBe(true);
    // The folder holds the pages in name order, the ones without true text among them.
    const images = fs.readdirSync(OCR_DIR).filter((name) => name.endsWith('.png')).sort(new Intl.Collator('vi', { numeric: true, sensitivity: 'base' }).compare);
    const texts = desk.store.pages(batch.id).map((page) => page.ocr_text ?? '');
    expect(texts).toHaveLength(images.length);
    await desk.dispose();
    let errors = 0;
    let chars = 0;
    const lines: string[] = [];
    for (const gt of pages) {
      const text = texts[images.indexOf(gt.replace(/\.gt\.txt$/, '.png'))];
      const figure = characterErrorRate(text, fs.readFileSync(path.join(OCR_DIR, gt), 'utf8'));
      errors += figure.errors;
      chars += figure.referenceChars;
      lines.push(`${gt.replace('.gt.txt', '').padEnd(44)} CER ${(figure.cer * 100).toFixed(2)}% (${figure.errors}/${figure.referenceChars})`);
      expect(figure.cer, gt).toBeLessThan(0.03);
    }
    lines.push(`${'all pages'.padEnd(44)} CER ${((errors / chars) * 100).toFixed(2)}% (${errors}/${chars})`);
    console.log(`OCR character error rate (tesseract -l vie):\n${lines.join('\n')}`);
    expect(errors / chars).toBeLessThan(0.02);
  });
});

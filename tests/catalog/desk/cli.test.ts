/**
 * `bookshelf scan` end to end, in a child process like a librarian's script: a 10-page feeder
 * batch from the SANE test device, and a folder of gazette page images with --ocr; each makes
 * one document, printed as its id, with {"id", "pages", "textChars"} as the last line, and the
 * recognised text is found by `bookshelf search`. `--pages 3` scans three pages from the feeder;
 * the flatbed's one page is said, and pages with no text read are named. Usage mistakes exit with code 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { missingTools, OCR_DIR, SANE_CONFIG_DIR } from './helpers.js';
import { runCli } from '../../helpers/cli.js';

const run = (args: string[]) => runCli(args, { env: { SANE_CONFIG_DIR }, timeoutMs: 170_000 });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as { id: string; pages: number; textChars: number };

describe.skipIf(missingTools('scanimage', 'tesseract'))('bookshelf scan', { timeout: 180_000 }, () => {
  it('makes one document of a feeder batch, and one searchable document of a folder with --ocr', () => {
    const library = tempDir('desk-cli-');
    const feeder = run(['scan', '--device', 'test:0', '--source', 'feeder', '--resolution', '75', '--title', 'Hồ sơ quét thử', '--library', library, '--json']);
    expect(feeder.status, feeder.stderr).toBe(0);
    const batch = lastJson(feeder.stdout);
    expect(batch).toMatchObject({ id: expect.stringMatching(/^local-/), pages: 10, textChars: 0 });
    expect(feeder.stdout.split('\n')[0]).toBe(batch.id);
    expect(feeder.stderr).toContain('10/10');

    const folder = tempDir('desk-cli-pages-');
    for (const name of ['thong-tu-so-12-2022-tt-bldtbxh-37536-p2.png', 'quyet-dinh-so-28-2021-qd-ttg-34546-p3.png']) fs.copyFileSync(path.join(OCR_DIR, name), path.join(folder, name));
    const ocr = run(['scan', '--folder', folder, '--ocr', '--library', library, '--json']);
    expect(ocr.status, ocr.stderr).toBe(0);
    const document = lastJson(ocr.stdout);
    expect(document.pages).toBe(2);
    expect(document.textChars).toBeGreaterThan(3000);
    expect(document.id).not.toBe(batch.id);

    const found = runCli(['search', 'hỗ trợ 1.800.000 đồng', '--json'], { library });
    expect(JSON.parse(found.stdout).items[0].publication.id).toBe(document.id);
    const info = JSON.parse(runCli(['info', '--json'], { library }).stdout);
    expect(info.publications).toBe(2);
  });

  it('scans --pages N from the feeder (ADF) and says so; the flatbed takes one page and says how to take more', () => {
    const library = tempDir('desk-cli-');
    const three = run(['scan', '--device', 'test:0', '--pages', '3', '--resolution', '75', '--ocr', '--title', 'Ba trang quét thử', '--library', library, '--json']);
    expect(three.status, three.stderr).toBe(0);
    expect(lastJson(three.stdout)).toMatchObject({ pages: 3, textChars: 0 });
    expect(three.stderr).toContain('--pages 3: quét từ khay nạp giấy (ADF) / --pages 3: scanning from the document feeder (ADF)');
    // The test device's pages are solid black: nothing read, and said so page by page.
    expect(three.stderr).toContain('Trang 1, 2, 3: không đọc được chữ nào — trang có thể bị trắng/đen hoặc quét ngược');

    const one = run(['scan', '--device', 'test:0', '--resolution', '75', '--title', 'Một trang quét thử', '--library', library, '--json']);
    expect(one.status, one.stderr).toBe(0);
    expect(lastJson(one.stdout).pages).toBe(1);
    expect(one.stderr).toContain('Mặt kính quét một trang. Để quét nhiều trang từ khay nạp giấy (ADF), thêm --source feeder hoặc --pages N.');

    const flatbed = run(['scan', '--device', 'test:0', '--source', 'flatbed', '--pages', '3', '--library', library]);
    expect(flatbed.status).toBe(2);
    expect(flatbed.stderr).toContain('mặt kính quét một trang mỗi lần; để quét 3 trang hãy dùng --source feeder');
  });

  it('refuses a wrong call with a usage message', () => {
    const library = tempDir('desk-cli-');
    for (const args of [['scan'], ['scan', '--device', 'test:0', '--folder', library], ['scan', '--device', 'test:0', '--source', 'tray'], ['scan', '--device', 'test:0', '--pages', '0']]) {
      const result = run([...args, '--library', library]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^bookshelf: /);
    }
  });
});

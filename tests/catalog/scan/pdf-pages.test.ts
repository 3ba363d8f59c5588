/**
 * Issue 18, item 4: a scanned PDF's pages are drawn in the extraction worker, one job per page,
 * never on the thread that answers the app (in the desktop app, Electron's main thread). pdf.js
 * never loads in this test's thread; the pages come in order as PNG files; a stop between pages
 * is honoured; a file pdf.js cannot open fails the batch with the worker's words while this
 * process carries on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfPageError, renderPdfPages } from '../../../catalog/scan/pdf-pages.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { tempDir } from '../../helpers/temp-dir.js';

const RESOLUTION = 36;
const PDF = path.join(DEMO_DIR, 'nghi-quyet-so-17-2022-ubtvqh15-36956.pdf');

function pngSize(file: string): { width: number; height: number } {
  const png = fs.readFileSync(file);
  expect(png.toString('latin1', 1, 4)).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderPdfPages', () => {
  it('draws every page in the extraction worker, in order, without loading pdf.js on this thread', async () => {
    const out = tempDir('pdf-pages-');
    const drawn: string[] = [];
    const count = await renderPdfPages(PDF, out, RESOLUTION, async (png) => void drawn.push(png));
    expect(count).toBeGreaterThan(1);
    expect(drawn.map((file) => path.basename(file))).toEqual(Array.from({ length: count }, (_, i) => `nghi-quyet-so-17-2022-ubtvqh15-36956-${String(i + 1).padStart(4, '0')}.png`));
    // An A4 page at 36 dpi: about 298 × 421 pixels.
    const { width, height } = pngSize(drawn[0]);
    expect(width).toBeGreaterThan(250);
    expect(height).toBeGreaterThan(width);
    expect((globalThis as { pdfjsLib?: unknown }).pdfjsLib).toBeUndefined();
  }, 120_000);

  it('stops between pages when the batch is stopped', async () => {
    const out = tempDir('pdf-pages-stop-');
    const stop = new AbortController();
    const drawn: string[] = [];
    const count = await renderPdfPages(PDF, out, RESOLUTION, async (png) => {
      drawn.push(png);
      stop.abort();
    }, stop.signal);
    expect(count).toBe(1);
    expect(drawn).toHaveLength(1);
    expect(fs.readdirSync(out)).toEqual([path.basename(drawn[0])]);
  });

  it('fails a file pdf.js cannot open with the worker’s words, and goes on with the next', async () => {
    const out = tempDir('pdf-pages-bad-');
    const fake = path.join(out, 'khong-phai-pdf.pdf');
    fs.writeFileSync(fake, 'Đây không phải là một tệp PDF.\n'.repeat(50));
    const drawn: string[] = [];
    await expect(renderPdfPages(fake, out, RESOLUTION, async (png) => void drawn.push(png))).rejects.toBeInstanceOf(PdfPageError);
    expect(drawn).toEqual([]);
    expect(await renderPdfPages(PDF, out, RESOLUTION, async (png) => void drawn.push(png))).toBe(drawn.length);
  }, 120_000);
});

/**
 * docs/desk.md § The searchable PDF: "The PDF has no dates in it, so the same pages give the same
 * bytes and the duplicate check by sha256 works before saving", and pages are kept at most at
 * 300 dpi (higher scans are scaled down) while the page keeps its paper size. Real page images
 * made with sharp, the PDF built by the desk's own builder and read back with pdf-lib.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PDF_MAX_DPI, buildSearchablePdf } from '../../catalog/ocr/searchable-pdf.js';
import type { PdfPageSource } from '../../catalog/ocr/searchable-pdf.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A grey A5-ish page at `dpi`: white with a dark band, as a PNG file. */
async function pageImage(dpi: number): Promise<string> {
  const [width, height] = [Math.round(5.8 * dpi), Math.round(8.3 * dpi)];
  const file = path.join(tempDir('searchable-pdf-'), `page-${dpi}.png`);
  const band = await sharp({ create: { width: width - 2 * dpi, height: dpi / 4, channels: 3, background: '#222' } }).png().toBuffer();
  await sharp({ create: { width, height, channels: 3, background: '#fff' } }).composite([{ input: band, left: dpi, top: dpi }]).grayscale().png().toFile(file);
  return file;
}

/** Width and height of every image the PDF embeds. */
async function imageSizes(bytes: Uint8Array): Promise<[number, number][]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
    .map((image) => [(image.dict.get(PDFName.of('Width')) as PDFNumber).asNumber(), (image.dict.get(PDFName.of('Height')) as PDFNumber).asNumber()]);
}

afterEach(() => void vi.useRealTimers());

describe('the searchable PDF the desk builds', () => {
  it('gives the same bytes for the same pages, with no date in it', async () => {
    const page: PdfPageSource = { image: await pageImage(200), dpi: 200, mode: 'gray', rotation: 0, layer: null };
    // Built on two days (pdf-lib would stamp the time of each build).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-14T09:31:00Z'));
    const first = await buildSearchablePdf([page, page]);
    vi.setSystemTime(new Date('2026-05-15T14:02:07Z'));
    const second = await buildSearchablePdf([page, page]);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const text = Buffer.from(first).toString('latin1');
    expect(text).not.toMatch(/CreationDate|ModDate/);
  });

  it('keeps a 600 dpi scan at 300 dpi, on a page of the paper’s size', async () => {
    expect(PDF_MAX_DPI).toBe(300);
    const file = await pageImage(600);
    const { width, height } = await sharp(file).metadata();
    const bytes = await buildSearchablePdf([{ image: file, dpi: 600, mode: 'gray', rotation: 0, layer: null }]);
    expect(await imageSizes(bytes)).toEqual([[width! / 2, height! / 2]]);
    const [pdfPage] = (await PDFDocument.load(bytes)).getPages();
    expect(pdfPage.getWidth()).toBeCloseTo((width! * 72) / 600, 1);
    expect(pdfPage.getHeight()).toBeCloseTo((height! * 72) / 600, 1);
    fs.rmSync(file);
  });
});

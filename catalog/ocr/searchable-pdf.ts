/**
 * A searchable PDF from page images: each page is the scanned image, compressed for text
 * (grey JPEG for grey scans, colour JPEG for colour, 1-bit PNG for line art; at most 300 dpi),
 * sized by its resolution, with the page's invisible text layer from tesseract drawn over it.
 * Our own image pages rather than tesseract's PDF: we choose the compression (tesseract would
 * embed the lossless PNG it read, several times larger), pages without OCR use the same path,
 * and the output is deterministic (no dates), so the same pages give the same sha256.
 */
import fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { ScanMode } from '../../shared/desk.js';

export interface PdfPageSource {
  /** The page image file, as scanned. */
  image: string;
  dpi: number;
  mode: ScanMode;
  /** Clockwise quarter turns to apply. */
  rotation: 0 | 90 | 180 | 270;
  /** Tesseract's text-only PDF of the page as turned, if it was recognised. */
  layer: string | null;
}

/** Highest resolution kept in the PDF: enough to read and print text. */
export const PDF_MAX_DPI = 300;
/**
 * JPEG quality 50 with the ImageMagick quantisation table (table 3), which suits text: about
 * 300 KB for an A4 page at 200 dpi, encoded in ~50 ms. mozjpeg's trellis quantisation would save
 * another quarter of the bytes but takes 10× longer — seconds per batch on a 2-core PC.
 */
const JPEG = { quality: 50, quantisationTable: 3 } as const;

async function pageImage(page: PdfPageSource): Promise<{ bytes: Buffer; png: boolean; width: number; height: number; dpi: number }> {
  const scale = page.dpi > PDF_MAX_DPI ? PDF_MAX_DPI / page.dpi : 1;
  const dpi = Math.min(page.dpi, PDF_MAX_DPI);
  let image = sharp(page.image).rotate(page.rotation);
  if (scale < 1) {
    const meta = await sharp(page.image).metadata();
    const width = page.rotation % 180 === 0 ? meta.width : meta.height;
    image = image.resize({ width: Math.round((width ?? 1) * scale) });
  }
  const out =
    page.mode === 'lineart'
      ? await image.grayscale().threshold(128).png({ palette: true, colours: 2, compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
      : page.mode === 'gray'
        ? await image.toColourspace('b-w').jpeg(JPEG).toBuffer({ resolveWithObject: true })
        : await image.jpeg(JPEG).toBuffer({ resolveWithObject: true });
  return { bytes: out.data, png: page.mode === 'lineart', width: out.info.width, height: out.info.height, dpi };
}

/** Builds the PDF and returns its bytes. */
export async function buildSearchablePdf(pages: PdfPageSource[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const page of pages) {
    const image = await pageImage(page);
    const width = (image.width * 72) / image.dpi;
    const height = (image.height * 72) / image.dpi;
    const out = pdf.addPage([width, height]);
    const embedded = image.png ? await pdf.embedPng(image.bytes) : await pdf.embedJpg(image.bytes);
    out.drawImage(embedded, { x: 0, y: 0, width, height });
    if (page.layer) {
      const [layer] = await pdf.embedPdf(await fs.readFile(page.layer), [0]);
      out.drawPage(layer, { x: 0, y: 0, width, height });
    }
  }
  return pdf.save({ useObjectStreams: true });
}

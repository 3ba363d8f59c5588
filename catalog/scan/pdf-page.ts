/**
 * One page of a PDF drawn as a PNG image at a given resolution with pdf.js (opened with the
 * importer's safe options: no eval, bounded images). It runs in the extraction worker, never on
 * the thread that answers the app (./pdf-pages.ts asks for the pages one by one).
 */
import fs from 'node:fs/promises';
import { documentOptions } from '../import/pdf.js';

interface NodeCanvas {
  toBuffer(mime: 'image/png'): Buffer;
}
interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: unknown };
  destroy(target: unknown): void;
}

/** Pixels at most per page drawn (A4 at 300 dpi is 8.7 million). */
const MAX_PIXELS = 40_000_000;

/**
 * Draws page `number` of `file` as a PNG at `png`, at `dpi` (at most MAX_PIXELS); the document's
 * page count, so the caller knows how many there are. Runs in the extraction worker.
 */
export async function drawPdfPage(file: string, number: number, dpi: number, png: string): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await fs.readFile(file));
  const doc = await pdfjs.getDocument(documentOptions(data)).promise;
  try {
    if (number > doc.numPages) return doc.numPages;
    const page = await doc.getPage(number);
    try {
      let scale = dpi / 72;
      const base = page.getViewport({ scale: 1 });
      if (base.width * base.height * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (base.width * base.height));
      const viewport = page.getViewport({ scale });
      const factory = doc.canvasFactory as CanvasFactory;
      const target = factory.create(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      try {
        const context = target.context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, viewport.width, viewport.height);
        await page.render({ canvas: target.canvas as never, canvasContext: target.context as never, viewport }).promise;
        await fs.writeFile(png, (target.canvas as NodeCanvas).toBuffer('image/png'));
      } finally {
        factory.destroy(target);
      }
    } finally {
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

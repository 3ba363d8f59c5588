/**
 * The pages of a PDF a network scanner saved, drawn as PNG images at a given resolution with
 * pdf.js (opened with the importer's safe options: no eval, bounded images), so a scanned PDF
 * joins a batch page by page like any other scan.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
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

/** Writes each page of `file` as <outDir>/<stem>-NNNN.png at `dpi`, calling `onPage` after each. */
export async function renderPdfPages(file: string, outDir: string, dpi: number, onPage: (png: string) => Promise<void>, signal?: AbortSignal): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await fs.readFile(file));
  const doc = await pdfjs.getDocument(documentOptions(data)).promise;
  try {
    const stem = path.basename(file, path.extname(file)).replace(/[^\w.-]+/g, '_');
    for (let number = 1; number <= doc.numPages; number++) {
      if (signal?.aborted) return number - 1;
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
          const png = path.join(outDir, `${stem}-${String(number).padStart(4, '0')}.png`);
          await fs.writeFile(png, (target.canvas as NodeCanvas).toBuffer('image/png'));
          await onPage(png);
        } finally {
          factory.destroy(target);
        }
      } finally {
        page.cleanup();
      }
    }
    return doc.numPages;
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

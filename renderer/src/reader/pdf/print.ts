/**
 * Printing: the chosen pages are drawn at print resolution into PNG images (blob: URLs, allowed
 * by img-src), shown in a print-only container, and the system print dialog is opened with
 * window.print() — in Electron and in a browser alike. The images are released afterwards.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

/** 150 dpi: sharp text on office printers, about 2 MB of pixels per A4 page while drawing. */
export const PRINT_DPI = 150;
/** Above this many pages the reader shows progress while preparing. */
export const PRINT_PROGRESS_THRESHOLD = 3;

export interface PrintImage {
  page: number;
  url: string;
  width: number;
  height: number;
}

export async function renderPrintImages(
  doc: PDFDocumentProxy,
  pages: number[],
  onProgress: (done: number) => void,
  signal: AbortSignal,
): Promise<PrintImage[]> {
  const images: PrintImage[] = [];
  try {
    for (const [index, pageNumber] of pages.entries()) {
      if (signal.aborted) throw new DOMException('print cancelled', 'AbortError');
      const page = await doc.getPage(pageNumber);
      const viewport = page.getViewport({ scale: PRINT_DPI / 72 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const context = canvas.getContext('2d', { alpha: false });
      if (!context) throw new Error('no 2d context');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas, canvasContext: context, viewport, intent: 'print' }).promise;
      const blob = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'),
      );
      images.push({ page: pageNumber, url: URL.createObjectURL(blob), width: canvas.width, height: canvas.height });
      canvas.width = 0; // release the pixels now, not at the next garbage collection
      canvas.height = 0;
      page.cleanup();
      onProgress(index + 1);
    }
    return images;
  } catch (error) {
    releasePrintImages(images);
    throw error;
  }
}

export function releasePrintImages(images: PrintImage[]): void {
  for (const image of images) URL.revokeObjectURL(image.url);
}

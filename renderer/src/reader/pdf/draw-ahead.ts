/**
 * Page 1 of a document opened early (warm-up.ts) drawn once in the background, into a small
 * canvas let go at once. What takes time before page 1 shows is pdf.js's worker reading the
 * page's content and embedded fonts, and the fonts being loaded into the page; pdf.js keeps the
 * page's drawing instructions (for the viewer's own intent: on screen, annotations shown) and the
 * fonts with the document, which the reader takes over, so its drawing of page 1 after "Đọc" is
 * painting only (issue 20). Memory: one page's instructions, let go with the document.
 */
import { AnnotationMode } from 'pdfjs-dist';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import { OPEN_MARKS } from './open-marks.js';

/** The canvas drawn into is this scale of the page: its pixels are never shown, and the instructions kept do not depend on it. */
const SCALE = 0.25;

/** Draws page 1 of `task`'s document once; settles when it is drawn (or could not be: the reader will say why). */
export async function drawFirstPageAhead(task: PDFDocumentLoadingTask): Promise<void> {
  const doc = await task.promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: SCALE });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  try {
    await page.render({ canvas, viewport, annotationMode: AnnotationMode.ENABLE }).promise;
    performance.mark(OPEN_MARKS.drawnAhead);
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}

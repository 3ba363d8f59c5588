/**
 * Performance marks of opening a PDF (use-pdf-document.ts), read by the bench (tests/bench/ui.ts)
 * to split the time to page 1: the document's structure fetched and parsed, page 1's objects
 * fetched, page 1 drawn; and page 1 drawn ahead while its publication's page was shown
 * (draw-ahead.ts). Pure, so the bench can import it in Node.
 */
export const OPEN_MARKS = { open: 'pdf-open', document: 'pdf-document', page: 'pdf-page-1', drawn: 'pdf-drawn', drawnAhead: 'pdf-drawn-ahead' } as const;

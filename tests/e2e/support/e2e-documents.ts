/** The corpora documents the e2e station adds to the demo set, and their ids in its catalog. */
export const E2E_DOCUMENTS = {
  /** Imported through the real importer (paths under ../shared/corpora). */
  imported: [
    'pdf/vn-congbao/van-ban-hop-nhat-so-5-vbhn-btc-469151.pdf',
    'epub/vi-khudocmo/lao-hac.epub',
    'epub/w3c-epub-tests/scr-support.epub',
    'epub/idpf-epub3-samples/quiz-bindings.epub',
  ],
  /** Placed directly, as a sync would deliver them (the importer refuses them). */
  placed: [
    { id: 'e2e-hong', title: 'Thông tư có tệp PDF bị hỏng', file: 'pdf/pdfjs/REDHAT-1531897-0.pdf' },
    { id: 'e2e-mat-khau', title: 'Thông tư có tệp PDF đặt mật khẩu', file: 'pdf/pdfjs/print_protection.pdf' },
  ],
} as const;

/** The 343-page gazette PDF (speed figures, page turning). */
export const LARGE_PDF_NUMBER = '5/VBHN-BTC';

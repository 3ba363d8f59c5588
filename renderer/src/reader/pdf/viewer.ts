/**
 * pdf.js's viewer component, set up for a public kiosk: pages are laid out lazily and only the
 * pages near the viewport keep canvases and text layers (PDFViewer's page buffer destroys the
 * rest and calls page.cleanup()); in-document search with highlights (words found as the results
 * page marks them: word-find-controller.ts); internal links go to their
 * page; external links never navigate (they call `onExternalLink`, which shows the address);
 * no scripting, no forms, no annotation editing, no XFA.
 */
import './pdfjs.js'; // first: defines globalThis.pdfjsLib for pdf_viewer.mjs
import { AnnotationEditorType, AnnotationMode } from 'pdfjs-dist';
import { EventBus, PDFLinkService, PDFViewer, ScrollMode } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import { MAX_CANVAS_PIXELS } from './options.js';
import { WordFindController } from './word-find-controller.js';

export { EventBus, PDFLinkService, PDFViewer, ScrollMode };

/** A link service whose web links show their address instead of navigating the kiosk, and that tells when it turns to a page (the find bar does). */
class KioskLinkService extends PDFLinkService {
  constructor(
    options: ConstructorParameters<typeof PDFLinkService>[0],
    private readonly onExternalLink: (url: string) => void,
    private readonly onPageSet: () => void,
  ) {
    super(options);
  }

  override get page(): number {
    return super.page;
  }

  override set page(value: number) {
    super.page = value;
    this.onPageSet();
  }

  override addLinkAttributes(link: HTMLAnchorElement, url: string): void {
    link.removeAttribute('href');
    link.removeAttribute('target');
    link.setAttribute('role', 'link');
    link.tabIndex = 0;
    link.title = url;
    link.setAttribute('aria-label', url);
    link.onclick = (event) => {
      event.preventDefault();
      this.onExternalLink(url);
      return false;
    };
    link.onkeydown = (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.onExternalLink(url);
      }
    };
  }
}

/** pdf.js's viewer only needs these from its localisation object; the reader's own UI carries the words. */
const QUIET_L10N = {
  getLanguage: () => 'vi',
  getDirection: () => 'ltr',
  get: async (_ids: unknown, _args: unknown, fallback?: string) => fallback ?? '',
  translate: async () => undefined,
  translateOnce: async () => undefined,
  destroy: async () => undefined,
  pause: () => undefined,
  resume: () => undefined,
};

export interface KioskViewer {
  eventBus: EventBus;
  linkService: PDFLinkService;
  findController: WordFindController;
  viewer: PDFViewer;
}

/** `onPageSet`: the viewer was turned to a page by a link or a found word (pdf.js then shows the page's left edge). */
export function createViewer(container: HTMLDivElement, viewerElement: HTMLDivElement, onExternalLink: (url: string) => void, onPageSet: () => void): KioskViewer {
  const eventBus = new EventBus();
  const linkService = new KioskLinkService({ eventBus }, onExternalLink, onPageSet);
  const findController = new WordFindController({ eventBus, linkService, updateMatchesCountOnProgress: true }, container);
  const viewer = new PDFViewer({
    container,
    viewer: viewerElement,
    eventBus,
    linkService,
    findController,
    textLayerMode: 1,
    annotationMode: AnnotationMode.ENABLE,
    annotationEditorMode: AnnotationEditorType.DISABLE,
    maxCanvasPixels: MAX_CANVAS_PIXELS,
    supportsPinchToZoom: true,
    // Off: web addresses in the text are not links on a kiosk (and pdf.js 5.6 races injecting them into a page being torn down).
    enableAutoLinking: false,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a structural stand-in for pdf.js's L10n class
    l10n: QUIET_L10N as any,
  });
  linkService.setViewer(viewer);
  return { eventBus, linkService, findController, viewer };
}

/**
 * Everything the reader asks of epub.js 0.3.93, in one place: the patches it needs and every
 * cast into its internals (its .d.ts files miss or mistype them). Nothing else in the reader
 * imports epubjs; the rest works with the plain shapes below.
 *
 * Security: book content never runs scripts. epub.js's iframe keeps `sandbox="allow-same-origin"`
 * (`allowScriptedContent` is never set) and the UI's CSP applies to it (srcdoc); every section is
 * made inert (sanitize.ts) and its text cleaned as it leaves the archive (links.ts) before epub.js
 * parses or shows it.
 */
import ePub, { Contents } from 'epubjs';
import type { Book, NavItem, Rendition } from 'epubjs';
import { internalTarget, preSanitizeText } from './links.js';
import { sanitizeDocument } from './sanitize.js';
import { THEMES, fontPercent, renditionOptions, themeRules } from './settings.js';
import type { ReaderSettings } from './settings.js';
import { inlineStylesheets } from './styles.js';

export type { Book, Contents, NavItem, Rendition };

/** Where the reader is: the page shown, within its section, and whether it is the book's first or last. */
export interface BookLocation {
  href: string;
  cfi: string;
  page: number;
  total: number;
  atStart: boolean;
  atEnd: boolean;
}

/** A section of the book's spine, as the reader uses it. */
export interface BookSection {
  index: number;
  href: string;
  /** Its path in the archive ("/OEBPS/c1.xhtml"). */
  url: string;
  linear: boolean;
  document?: Document;
  load(request: unknown): Promise<unknown>;
  cfiFromRange(range: Range): string;
}

interface RelocatedLocation {
  start: { href: string; cfi: string; displayed: { page: number; total: number } };
  atStart?: boolean;
  atEnd?: boolean;
}

interface BookInternals {
  archive?: { getText(path: string, encoding?: string): Promise<string> | undefined };
  resources?: { substitute(css: string, url: string): string };
  path?: { directory?: string };
  unarchive(input: ArrayBuffer, encoding?: string): Promise<unknown>;
  spine: { hooks: { content: { clear(): void; register(fn: (doc: Document, section: { url: string }) => unknown): void } }; each(fn: (section: BookSection) => void): void };
}

/*
 * epub.js sets `link.onclick` and `img.onload` properties inside the book's document. In a
 * sandboxed frame without scripts those handlers never run (Chromium logs "Blocked script
 * execution" for each): links are handled by the reader instead (use-epub-book.ts), and image
 * loads are listened to with addEventListener, which works from the reader's side.
 */
const contentsProto = Contents.prototype as unknown as {
  linksHandler(): void;
  imageLoadListeners(): void;
  expand(): void;
  document: Document;
};
contentsProto.linksHandler = function linksHandledByTheReader() {};
contentsProto.imageLoadListeners = function imageLoadListeners(this: typeof contentsProto) {
  for (const img of Array.from(this.document.querySelectorAll('img'))) {
    if (img.naturalWidth === 0) img.addEventListener('load', () => this.expand(), { once: true });
  }
};

function internals(book: Book): BookInternals {
  return book as unknown as BookInternals;
}

/**
 * A book, not yet opened, that makes every section inert before it is loaded. Resources become
 * data: URLs (the UI's CSP allows data: images and fonts in the book's frame). epub.js's own
 * content hooks (a <base>, canonical link and identifier meta) go: the UI's CSP forbids <base>,
 * and resources are substituted by path, not resolved against a base.
 */
export function createBook(): Book {
  const book = ePub({ replacements: 'base64' } as unknown as Parameters<typeof ePub>[0]);
  const inner = internals(book);
  const contentHook = inner.spine.hooks.content;
  contentHook.clear();
  contentHook.register((doc, section) => {
    sanitizeDocument(doc);
    const { archive, resources } = inner;
    if (!archive) return undefined;
    return inlineStylesheets(doc, section.url, {
      getText: (path) => archive.getText(path),
      substitute: (css, path) => (resources ? resources.substitute(css, path) : css),
    });
  });
  // Each file's text is cleaned as it leaves the archive, before it is parsed.
  const unarchive = inner.unarchive.bind(book);
  inner.unarchive = async (input, encoding) => {
    const result = await unarchive(input, encoding);
    const archive = inner.archive;
    if (archive) {
      const getText = archive.getText.bind(archive);
      // A missing file gives undefined (not a promise), which epub.js reports itself.
      archive.getText = (path, enc) => getText(path, enc)?.then((text) => (typeof text === 'string' ? preSanitizeText(path, text) : text));
    }
    return result;
  };
  return book;
}

/**
 * Shows an opened book in `stage`, in the reader's settings; `onContent` is told of each
 * section's document as it is shown. The frame is named for screen readers (epub.js leaves it untitled).
 */
export function renderBook(book: Book, stage: HTMLElement, settings: ReaderSettings, largeText: boolean, title: string, onContent: (contents: Contents) => void): Rendition {
  const rendition = book.renderTo(stage, renditionOptions() as unknown as Parameters<Book['renderTo']>[1]);
  for (const theme of THEMES) rendition.themes.register(theme, themeRules(theme));
  applySettings(rendition, settings, largeText);
  rendition.hooks.content.register(onContent);
  rendition.hooks.render.register((view: { iframe?: HTMLIFrameElement }) => view.iframe?.setAttribute('title', title));
  return rendition;
}

/** The reader's theme and text size (a quarter larger with the station's large text). */
/**
 * Lays the book out again when its stage changes size while the window does not (the header grown
 * by large text, a line over the toolbar, a phone's toolbar wrapping): epub.js itself only listens
 * to the window. Returns the way to stop.
 */
export function followStageSize(rendition: Rendition, stage: HTMLElement): () => void {
  let size = `${stage.clientWidth}x${stage.clientHeight}`;
  let frame = 0;
  const observer = new ResizeObserver(() => {
    const now = `${stage.clientWidth}x${stage.clientHeight}`;
    if (now === size) return;
    size = now;
    cancelAnimationFrame(frame);
    // Without sizes, epub.js measures its container again (its .d.ts wants two numbers).
    frame = requestAnimationFrame(() => (rendition as unknown as { resize(): void }).resize());
  });
  observer.observe(stage);
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
  };
}

export function applySettings(rendition: Rendition, settings: ReaderSettings, largeText: boolean): void {
  rendition.themes.select(settings.theme);
  rendition.themes.fontSize(fontPercent(settings.fontStep, largeText));
}

function toLocation(location: RelocatedLocation): BookLocation {
  return {
    href: location.start.href,
    cfi: location.start.cfi,
    page: location.start.displayed.page,
    total: location.start.displayed.total,
    atStart: Boolean(location.atStart),
    atEnd: Boolean(location.atEnd),
  };
}

/** Calls `report` whenever the page shown changes or is laid out again. */
export function onLocation(rendition: Rendition, report: (location: BookLocation) => void): void {
  rendition.on('relocated', (location: RelocatedLocation) => report(toLocation(location)));
  rendition.on('resized', () => {
    const location = currentLocation(rendition);
    if (location) report(location);
  });
}

export function currentLocation(rendition: Rendition): BookLocation | null {
  const current = rendition.currentLocation() as unknown as RelocatedLocation | undefined;
  return current?.start ? toLocation(current) : null;
}

/** The spine's sections, in reading order. */
export function sectionsOf(book: Book): BookSection[] {
  const sections: BookSection[] = [];
  internals(book).spine.each((section) => sections.push(section));
  return sections;
}

export function sectionAt(book: Book, index: number): BookSection | null {
  return book.spine.get(index) as unknown as BookSection | null;
}

/** Loads a section's document (for search) without showing it. */
export async function loadSection(book: Book, section: BookSection): Promise<Document | undefined> {
  await section.load(book.load.bind(book));
  return section.document;
}

/** Where a link inside section `sectionIndex` leads, as a place epub.js can show, or null when it leaves the book. */
export function linkTarget(book: Book, sectionIndex: number, href: string): string | null {
  const section = sectionAt(book, sectionIndex);
  const packageDir = internals(book).path?.directory ?? '/';
  return section ? internalTarget(href, section.url, packageDir) : null;
}

/** The page shown: its section, the section's document, and where the page starts and ends in it. */
export interface ShownPage {
  section: number;
  doc: Document;
  start: Range | null;
  end: Range | null;
}

export function shownPage(rendition: Rendition): ShownPage | null {
  // epub.js's .d.ts says one Contents; it gives the list of the sections shown (one, paginated).
  const contents = (rendition.getContents() as unknown as Contents[])[0];
  if (!contents) return null;
  const current = rendition.currentLocation() as unknown as { start?: { cfi?: string }; end?: { cfi?: string } } | undefined;
  const range = (cfi: string | undefined) => {
    try {
      return cfi ? contents.range(cfi) : null;
    } catch {
      return null;
    }
  };
  return { section: contents.sectionIndex, doc: contents.document, start: range(current?.start?.cfi), end: range(current?.end?.cfi) };
}

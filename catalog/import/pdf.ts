/**
 * PDF extraction with pdf.js (the legacy build, which is the one that runs in Node 20): page
 * count, document info, outline, text per page, and a small PNG of page 1 as the cover (in the
 * same pass, or later on its own with renderPdfCover).
 * Runs inside the extraction worker (extract-worker.ts), never in the main process.
 *
 * pdf.js is opened with `isEvalSupported: false` (CVE-2024-4367), a `maxImageSize` bound, no
 * font-face or system fonts, and the standard fonts, CMaps and wasm decoders from
 * node_modules/pdfjs-dist, read from disk. Text items are joined into lines: a new line where
 * pdf.js marks an end of line or where the baseline moves, so headings like "Điều 5." start
 * a line, which the legal structure parser relies on. A long PDF's pages may be read by two
 * workers at once, each with the file open (page-share.ts); the pages are joined in order.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MessageRef } from '../../shared/messages.js';
import { ImportRefusal, refuse } from './errors.js';
import { guessVietnamese } from './language.js';
import { reportMemory } from './memory-gauge.js';
import { newCursor, setPageCount, takePages } from './page-share.js';
import type { HelperPages, PageRead } from './page-share.js';
import { DEFAULT_LIMITS, joinPages } from './types.js';
import type { ExtractLimits, ExtractedCover, Extraction, TocEntry } from './types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** pdf.js's worker code, loaded here so that its fake (in-thread) worker does not import it later. */
const PDFJS_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

let pdfjs: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= withEnginePush(async () => {
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    await import(PDFJS_WORKER);
    return lib;
  });
  return pdfjs;
}

/**
 * Runs `load` (which loads pdf.js), then puts V8's own Array.prototype.push back: the legacy
 * build's core-js replaces it, in the whole thread, with a JavaScript one (over a corner of the
 * spec: push() with no arguments onto an array whose length is read-only does not throw in
 * Node 20's V8), and pdf.js pushes for every glyph it reads: about 7 % of the CPU time of a
 * gazette page's text.
 * extract-worker-tsx.mjs, which loads pdf.js before this module, does the same.
 */
async function withEnginePush<T>(load: () => Promise<T>): Promise<T> {
  const enginePush = Array.prototype.push;
  try {
    return await load();
  } finally {
    if (Array.prototype.push !== enginePush) Object.defineProperty(Array.prototype, 'push', { value: enginePush, writable: true, configurable: true, enumerable: false });
  }
}

/** Folders of pdf.js data files, with the trailing slash pdf.js insists on. */
function pdfjsDataDirs(): { standardFonts: string; cMaps: string; wasm: string } {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const dir = (name: string) => path.join(root, name) + path.sep;
  return { standardFonts: dir('standard_fonts'), cMaps: dir('cmaps'), wasm: dir('wasm') };
}

const MAX_OUTLINE_ENTRIES = 5000;
const MAX_OUTLINE_DEPTH = 12;
/** A page with fewer letters than this counts as "no text layer" when deciding on OCR. */
const OCR_LETTERS_PER_PAGE = 200;
/** Textless pages whose drawing is checked for images. */
const OCR_SAMPLE_PAGES = 3;

export interface PdfOptions {
  limits?: Partial<ExtractLimits>;
  /** Render page 1 as the cover (default true). */
  cover?: boolean;
  /** The pages shared with helpers (page-share.ts); without it this worker reads every page. */
  sharing?: PageSharing;
}

/** A lead's side of sharing its pages (page-share.ts). */
export interface PageSharing {
  cursor: Int32Array;
  /** The file is open and has this many pages: helpers may join now. */
  opened(pageCount: number): void;
  /** The next pages a helper hands back (waits until some come). */
  fromHelper(): Promise<HelperPages>;
}

/** Opens a PDF under the limits (a file without the header, or one pdf.js cannot open, is refused). */
async function openPdf(data: Uint8Array, limits: ExtractLimits): Promise<PdfDocument> {
  if (!hasPdfHeader(data)) refuse('not-pdf', { key: 'import.detail.noPdfHeader' });
  const { getDocument } = await loadPdfJs();
  const task = getDocument(documentOptions(data, limits));
  try {
    const doc = await task.promise;
    reportMemory();
    return doc;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw openError(error);
  }
}

export async function extractPdf(data: Uint8Array, meta: { sha256: string; size: number }, options: PdfOptions = {}): Promise<Extraction> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const doc = await openPdf(data, limits);
  try {
    const pageCount = doc.numPages;
    if (!Number.isInteger(pageCount) || pageCount < 1) refuse('no-pages');
    const notes: MessageRef[] = [];
    const pages: string[] = [];
    const textless: number[] = [];
    let failedPages = 0;
    let firstFailure: { page: number; error: string } | null = null;
    for (const read of await readAllPages(doc, pageCount, meta.sha256, options.sharing)) {
      const n = read.page;
      let text = '';
      if ('error' in read) {
        failedPages++;
        firstFailure ??= { page: n, error: read.error };
        if (failedPages <= 3) notes.push({ key: 'import.note.pageUnreadable', params: { page: n, error: read.error } });
      } else text = read.text;
      if (fewLetters(text)) textless.push(n);
      pages.push(text);
    }
    if (failedPages === pageCount && firstFailure) refuse('pdf-damaged', { key: 'import.detail.noPageReadable', params: firstFailure });
    if (failedPages > 3) notes.push({ key: 'import.note.pagesUnreadable', params: { count: failedPages } });

    const { text, pageStarts } = joinPages(pages);
    // Most pages without a text layer, and images on them: a scan (or gazette page images with
    // only the running headers as text). A short page of real text (no image) is not a scan.
    const needsOcr = textless.length > pageCount / 2 && (await anyImages(doc, textless.slice(0, OCR_SAMPLE_PAGES)));
    if (needsOcr) notes.push({ key: 'import.note.needsOcr', params: { textless: textless.length, pages: pageCount } });

    const info = await documentInfo(doc);
    const toc = await outline(doc).catch((error: Error) => {
      notes.push({ key: 'import.note.outlineUnreadable', params: { error: error.message } });
      return [] as TocEntry[];
    });
    let cover: ExtractedCover | null = null;
    if (options.cover !== false) {
      cover = await renderCover(doc, limits.coverWidth).catch((error: Error) => {
        notes.push({ key: 'import.note.coverNotRendered', params: { error: error.message } });
        return null;
      });
    }
    const vietnamese = guessVietnamese(text).vietnamese;
    return {
      format: 'pdf',
      mediaType: 'application/pdf',
      sha256: meta.sha256,
      size: meta.size,
      text,
      pageStarts,
      pageCount,
      metadata: {
        ...info,
        declaredLanguage: null,
        language: vietnamese ? 'vi' : null,
        publisher: null,
        description: null,
        identifier: null,
      },
      toc,
      cover,
      needsOcr,
      notes,
    };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/**
 * Every page's text, in order: the pages this worker takes from the cursor, and those helpers
 * took and hand back (their bytes must be the ones read here). When a helper stops (its
 * worker's own limits, a crash, a worker that did not start) this worker reads the pages still
 * missing itself: a helper's trouble never refuses a file that one worker would have read, and a
 * page that is really hostile fails here as it would have without the helper.
 */
async function readAllPages(doc: PdfDocument, pageCount: number, sha256: string, sharing?: PageSharing): Promise<PageRead[]> {
  const cursor = sharing?.cursor ?? newCursor();
  setPageCount(cursor, pageCount);
  sharing?.opened(pageCount);
  const reads: PageRead[] = new Array<PageRead>(pageCount);
  let missing = pageCount;
  for (let range = takePages(cursor, pageCount); range; range = takePages(cursor, pageCount)) {
    for (let n = range.from; n <= range.to; n++) {
      reads[n - 1] = await readPage(doc, n);
      missing--;
    }
  }
  while (missing > 0 && sharing) {
    const handed = await sharing.fromHelper();
    if ('refusal' in handed) break;
    if (handed.sha256 !== sha256) refuse('file-changed');
    for (const read of handed.pages) {
      if (read.page < 1 || read.page > pageCount || reads[read.page - 1]) continue;
      reads[read.page - 1] = read;
      missing--;
    }
  }
  for (let n = 1; missing > 0 && n <= pageCount; n++) {
    if (reads[n - 1]) continue;
    reads[n - 1] = await readPage(doc, n);
    missing--;
  }
  return reads;
}

/** A helper's part of a PDF another worker extracts: opens it and reads the pages it takes from the cursor. */
export async function readSharedPages(data: Uint8Array, limits: ExtractLimits, cursor: Int32Array): Promise<PageRead[]> {
  const doc = await openPdf(data, limits);
  try {
    const reads: PageRead[] = [];
    for (let range = takePages(cursor, doc.numPages); range; range = takePages(cursor, doc.numPages)) {
      for (let n = range.from; n <= range.to; n++) reads.push(await readPage(doc, n));
    }
    return reads;
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

async function readPage(doc: PdfDocument, n: number): Promise<PageRead> {
  try {
    const page = await doc.getPage(n);
    const text = await pageText(page);
    page.cleanup();
    reportMemory();
    return { page: n, text };
  } catch (error) {
    return { page: n, error: (error as Error).message };
  }
}

/**
 * The options every PDF is opened with: no eval (CVE-2024-4367), bounded image decoding, no
 * fonts from the system or as font faces, no XFA, data files read from node_modules.
 */
export function documentOptions(data: Uint8Array, limits: ExtractLimits = DEFAULT_LIMITS) {
  const dirs = pdfjsDataDirs();
  return {
    data,
    isEvalSupported: false,
    maxImageSize: limits.maxImagePixels,
    canvasMaxAreaInBytes: limits.maxImagePixels * 4,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    standardFontDataUrl: dirs.standardFonts,
    cMapUrl: dirs.cMaps,
    cMapPacked: true,
    wasmUrl: dirs.wasm,
    verbosity: 0,
    stopAtErrors: false,
  };
}

/** pdf.js accepts junk before the header within the first 1024 bytes; so do we. */
export function hasPdfHeader(data: Uint8Array): boolean {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function openError(error: unknown): ImportRefusal {
  if (error instanceof ImportRefusal) return error;
  const name = (error as { name?: string })?.name;
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException') return new ImportRefusal('pdf-password');
  if (name === 'InvalidPDFException') return new ImportRefusal('pdf-damaged', message);
  return new ImportRefusal('pdf-damaged', message);
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

/** The text of one page: items joined into lines, trimmed, NFC. */
export async function pageText(page: PdfPage): Promise<string> {
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const items: Item[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const [, , c, d, e, f] = raw.transform as number[];
    items.push({ str: raw.str, x: e, y: f, width: raw.width, height: raw.height || Math.hypot(c, d), hasEOL: raw.hasEOL });
  }
  return joinItems(items);
}

/** Joins positioned text items into lines (exported for tests). */
export function joinItems(items: Item[]): string {
  let out = '';
  let prev: Item | null = null;
  for (const item of items) {
    if (item.str === '' && !item.hasEOL) continue;
    if (prev && item.str !== '' && !out.endsWith('\n')) {
      const lineHeight = Math.max(item.height, prev.height, 1);
      if (Math.abs(item.y - prev.y) > lineHeight * 0.5) {
        out += '\n';
      } else {
        const gap = item.x - (prev.x + prev.width);
        if (gap > lineHeight * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
      }
    }
    out += item.str;
    if (item.hasEOL) out += '\n';
    if (item.str !== '') prev = item;
  }
  return tidy(out);
}

/** NFC, no control characters, single spaces, trimmed lines, at most one blank line in a row. */
export function tidy(text: string): string {
  return text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFD]/g, ' ')
    .replace(/[ \t\u00A0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Does any of these pages paint an image? */
async function anyImages(doc: PdfDocument, pageNumbers: number[]): Promise<boolean> {
  const { OPS } = await loadPdfJs();
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup]);
  for (const n of pageNumbers) {
    try {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      page.cleanup();
      if (ops.fnArray.some((fn) => imageOps.has(fn))) return true;
    } catch {
      // unreadable page: no evidence either way
    }
  }
  return false;
}

/** Fewer letters than a page of text has (OCR_LETTERS_PER_PAGE); stops counting there. */
function fewLetters(text: string): boolean {
  const letter = /\p{L}/gu;
  for (let n = 0; n < OCR_LETTERS_PER_PAGE; n++) if (!letter.exec(text)) return true;
  return false;
}

async function documentInfo(doc: PdfDocument) {
  let info: Record<string, unknown> = {};
  try {
    info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
  } catch {
    // damaged Info dictionary: no metadata
  }
  const str = (key: string) => {
    const value = info[key];
    if (typeof value !== 'string') return null;
    const clean = tidy(value).replace(/\n/g, ' ');
    return clean === '' ? null : clean;
  };
  const author = str('Author');
  return {
    title: cleanTitle(str('Title')),
    authors: author ? author.split(/\s*;\s*/).filter(Boolean) : [],
    subject: str('Subject'),
    keywords: str('Keywords'),
    date: pdfDate(str('CreationDate')),
  };
}

/**
 * Word's "Microsoft Word - file.docx" is a file name, not a title; the Official Gazette's page
 * template leaves "Số 215 + 216 Ngày 08 tháng 3 năm 2007" (an old issue) in its PDFs.
 */
function cleanTitle(title: string | null): string | null {
  if (!title) return null;
  const clean = title.replace(/^Microsoft Word - /i, '').replace(/\.(docx?|pdf|rtf|odt)$/i, '').trim();
  if (clean === '' || /^untitled$/i.test(clean) || /^Số \d+(\s*\+\s*\d+)?\s+Ngày\b/u.test(clean)) return null;
  return clean;
}

/** "D:20210101120000+07'00'" → "2021-01-01". */
export function pdfDate(value: string | null): string | null {
  const match = value ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value) : null;
  if (!match) return null;
  const [, year, month = '01', day = '01'] = match;
  const iso = `${year}-${month}-${day}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

async function outline(doc: PdfDocument): Promise<TocEntry[]> {
  const root = await doc.getOutline();
  const entries: TocEntry[] = [];
  type Node = { title: string; dest: unknown; items: Node[] };
  const visit = async (nodes: Node[] | null | undefined, level: number) => {
    if (!nodes || level > MAX_OUTLINE_DEPTH) return;
    for (const node of nodes) {
      if (entries.length >= MAX_OUTLINE_ENTRIES) return;
      entries.push({ title: tidy(String(node.title ?? '')).replace(/\n/g, ' '), level, page: await destPage(doc, node.dest) });
      await visit(node.items, level + 1);
    }
  };
  await visit(root as Node[] | null, 1);
  return entries;
}

async function destPage(doc: PdfDocument, dest: unknown): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return null;
    const target = explicit[0] as unknown;
    if (Number.isInteger(target)) return (target as number) + 1;
    if (target && typeof target === 'object') return (await doc.getPageIndex(target as { num: number; gen: number })) + 1;
  } catch {
    // a broken destination: no page
  }
  return null;
}

interface NodeCanvas {
  toBuffer(mime: 'image/png'): Buffer;
}

/**
 * Page 1 of a PDF as its cover, opened on its own: the importer renders covers after the texts
 * are saved and searchable (importer.ts), each in a short job of its own.
 */
export async function renderPdfCover(data: Uint8Array, limits: ExtractLimits = DEFAULT_LIMITS): Promise<ExtractedCover> {
  const doc = await openPdf(data, limits);
  try {
    return await renderCover(doc, limits.coverWidth);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** Page 1 as a PNG `width` pixels wide (height capped at 2× A4-ish proportions). */
async function renderCover(doc: PdfDocument, width: number): Promise<ExtractedCover> {
  const page = await doc.getPage(1);
  try {
    const base = page.getViewport({ scale: 1 });
    if (!(base.width > 0 && base.height > 0)) throw new Error('empty page box');
    const scale = width / base.width;
    const viewport = page.getViewport({ scale });
    const w = Math.max(1, Math.round(viewport.width));
    const h = Math.max(1, Math.min(Math.round(viewport.height), width * 4));
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: unknown }; destroy(c: unknown): void };
    const target = factory.create(w, h);
    try {
      await page.render({ canvas: target.canvas as never, canvasContext: target.context as never, viewport }).promise;
      const png = (target.canvas as NodeCanvas).toBuffer('image/png');
      return { data: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), mediaType: 'image/png' };
    } finally {
      factory.destroy(target);
    }
  } finally {
    page.cleanup();
  }
}

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
 * a line, which the legal structure parser relies on.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MessageRef } from '../../shared/messages.js';
import { ImportRefusal, refuse } from './errors.js';
import { guessVietnamese } from './language.js';
import { DEFAULT_LIMITS, joinPages } from './types.js';
import type { ExtractLimits, ExtractedCover, Extraction, TocEntry } from './types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
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
}

/** Opens a PDF under the limits (a file without the header, or one pdf.js cannot open, is refused). */
async function openPdf(data: Uint8Array, limits: ExtractLimits): Promise<PdfDocument> {
  if (!hasPdfHeader(data)) refuse('not-pdf', { key: 'import.detail.noPdfHeader' });
  const { getDocument } = await loadPdfJs();
  const task = getDocument(documentOptions(data, limits));
  try {
    return await task.promise;
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
    for (let n = 1; n <= pageCount; n++) {
      let text = '';
      try {
        const page = await doc.getPage(n);
        text = await pageText(page);
        page.cleanup();
      } catch (error) {
        failedPages++;
        firstFailure ??= { page: n, error: (error as Error).message };
        if (failedPages <= 3) notes.push({ key: 'import.note.pageUnreadable', params: { page: n, error: (error as Error).message } });
      }
      if (countLetters(text) < OCR_LETTERS_PER_PAGE) textless.push(n);
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

function countLetters(text: string): number {
  let n = 0;
  for (const char of text) if (/\p{L}/u.test(char)) n++;
  return n;
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

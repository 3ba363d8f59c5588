/**
 * One file, in process: read it (bounded), hash the bytes that will be parsed, tell PDF from
 * EPUB by extension and magic bytes, and run the matching extractor; or render a PDF's cover
 * alone (coverOfFile); or read a helper's part of a PDF another worker extracts (helpWithFile). The importer never calls
 * this directly — it runs inside the extraction worker (extract-worker.ts); tests and the
 * benchmark may.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { extractEpub } from './epub.js';
import { ImportRefusal, refuse } from './errors.js';
import type { RefusalDetail } from './errors.js';
import type { PageRead } from './page-share.js';
import { extractPdf, hasPdfHeader, readSharedPages, renderPdfCover } from './pdf.js';
import type { PageSharing } from './pdf.js';
import { sha256Hex } from '../store/hash.js';
import { DEFAULT_LIMITS } from './types.js';
import type { ExtractLimits, ExtractedCover, Extraction, SourceFormat } from './types.js';
import { isSplitZipSegment } from './zip.js';

export interface ExtractFileOptions {
  limits?: Partial<ExtractLimits>;
  /** PDF: render page 1 as the cover (default true). */
  cover?: boolean;
}

/** A split-archive segment by name: book.z01, book.z02… */
export const SPLIT_SEGMENT_NAME = /\.z\d\d$/i;

/** What a file looks like, from its name and first bytes. */
export function sniffFormat(name: string, head: Uint8Array): SourceFormat | 'split-zip' | 'unknown' {
  const ext = path.extname(name).toLowerCase();
  if (SPLIT_SEGMENT_NAME.test(name) || isSplitZipSegment(head)) return 'split-zip';
  const zip = head.byteLength >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
  if (ext === '.pdf') return 'pdf';
  if (ext === '.epub') return 'epub';
  if (hasPdfHeader(head)) return 'pdf';
  if (zip) return 'epub';
  return 'unknown';
}

/** The file's bytes, refused when it is not a regular file or is larger than the limit. */
async function readBounded(file: string, limits: ExtractLimits): Promise<Buffer> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) refuse('unreadable', { key: 'import.detail.notRegularFile' });
    if (stat.size > limits.maxFileBytes) refuse('too-large', `${stat.size} > ${limits.maxFileBytes} byte`);
    const data = await fs.readFile(file);
    if (data.byteLength > limits.maxFileBytes) refuse('too-large', `${data.byteLength} > ${limits.maxFileBytes} byte`);
    return data;
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    refuse('unreadable', (error as Error).message);
  }
}

/** One file's extraction; a PDF's pages shared with helpers when `sharing` is given (page-share.ts). */
export async function extractFile(file: string, options: ExtractFileOptions = {}, sharing?: PageSharing): Promise<Extraction> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const data = await readBounded(file, limits);
  const meta = { sha256: sha256Hex(data), size: data.byteLength };
  const format = sniffFormat(file, data.subarray(0, 1024));
  if (format === 'split-zip') refuse('zip-split');
  if (format === 'pdf') {
    if (!hasPdfHeader(data)) refuse('not-pdf', describe(data));
    return extractPdf(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), meta, { limits, cover: options.cover, sharing });
  }
  if (format === 'epub') {
    if (!(data.byteLength >= 2 && data[0] === 0x50 && data[1] === 0x4b)) refuse('not-epub', describe(data));
    return extractEpub(data, meta, { limits });
  }
  refuse('unsupported', describe(data));
}

/** A PDF's cover on its own, with the sha256 of the bytes it was rendered from. */
export async function coverOfFile(file: string, options: ExtractFileOptions = {}): Promise<{ sha256: string; cover: ExtractedCover }> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const data = await readBounded(file, limits);
  // Hashed first: pdf.js takes the bytes over (their buffer is detached once it has them).
  const sha256 = sha256Hex(data);
  return { sha256, cover: await renderPdfCover(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), limits) };
}

/** A helper's part of a PDF another worker extracts (page-share.ts): the pages it read, and the sha256 of the bytes it read them from. */
export async function helpWithFile(file: string, options: ExtractFileOptions, cursor: Int32Array): Promise<{ sha256: string; pages: PageRead[] }> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const data = await readBounded(file, limits);
  const sha256 = sha256Hex(data);
  return { sha256, pages: await readSharedPages(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), limits, cursor) };
}

/** A short description of what the bytes look like, for refusals. */
function describe(data: Buffer): RefusalDetail {
  if (data.byteLength === 0) return { key: 'import.detail.emptyFile' };
  if (hasPdfHeader(data.subarray(0, 1024))) return { key: 'import.detail.looksLikePdf' };
  if (data[0] === 0x50 && data[1] === 0x4b) return { key: 'import.detail.looksLikeZip' };
  // Nothing of the file's content is quoted: a refused file may be anything (a link to a system file).
  return { key: 'import.detail.neitherPdfNorEpub' };
}

/**
 * Text objects of a feed (docs/feed.md § Texts): a publication's extracted text, where each page
 * starts in it, and its legal structure, as one canonical JSON document compressed with brotli
 * and named by the sha256 of the compressed bytes (`texts/<first 2 hex>/<sha256>`). A station
 * indexes a synced document from it without running pdf.js. Decoding is bounded (compressed and
 * inflated size) and checks every offset against the text, so a hostile object is refused whole.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { z } from 'zod';
import { SECTION_LEVELS } from '../../shared/legal/structure.js';
import type { Section } from '../../shared/legal/structure.js';
import { canonicalJson } from './root.js';
import { sha256Hex } from '../store/hash.js';

export const TEXT_FORMAT = 'tu-sach-text/1';
/** A text object larger than this (compressed) is refused; the largest gazette text compresses to ~200 KB. */
export const MAX_TEXT_OBJECT_BYTES = 16 * 1024 * 1024;
/** Inflating stops here: a text object that inflates further is refused (a compression bomb). */
export const MAX_TEXT_INFLATED_BYTES = 64 * 1024 * 1024;
/** Brotli quality 5 in text mode: 16 % of the JSON on the gazette corpus, ~25 MB/s to write, ~300 MB/s to read. */
const QUALITY = 5;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** How a publication record names its text object. */
export const textRefSchema = z.strictObject({
  sha256,
  size: z.number().int().positive().max(MAX_TEXT_OBJECT_BYTES),
});
export type TextRef = z.infer<typeof textRefSchema>;

export function textObjectPath(sha: string): string {
  return `texts/${sha.slice(0, 2)}/${sha}`;
}

/** What a text object holds: the catalog's DocumentText and sections. */
export interface TextContent {
  text: string;
  pageStarts: number[];
  pageCount: number | null;
  sections: Section[];
}

const offset = z.number().int().nonnegative();
/** The envelope; sections (hundreds per law) are checked by hand below, several times faster than a schema. */
const objectSchema = z.strictObject({
  format: z.literal(TEXT_FORMAT),
  text: z.string(),
  pageStarts: z.array(offset),
  pageCount: z.number().int().nonnegative().nullable(),
  sections: z.array(z.unknown()),
});

const LEVELS = new Set<string>(SECTION_LEVELS);
const SECTION_KEYS = 'end,heading,level,number,parent,start';
const isOffset = (value: unknown, max: number): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;

/** A section of a text of `length` characters, whose parent comes before `index`; else an error. */
function checkSection(value: unknown, index: number, length: number): Section {
  const s = value as Record<string, unknown> | null;
  const ok =
    s !== null && typeof s === 'object' && Object.keys(s).sort().join(',') === SECTION_KEYS &&
    typeof s.level === 'string' && LEVELS.has(s.level) &&
    typeof s.number === 'string' && s.number.length <= 100 &&
    typeof s.heading === 'string' && s.heading.length <= 10_000 &&
    isOffset(s.start, length) && isOffset(s.end, length) && s.start <= s.end &&
    (s.parent === null || (Number.isInteger(s.parent) && (s.parent as number) >= 0 && (s.parent as number) < index));
  if (!ok) throw new TextObjectError(`text object: section ${index} is malformed or lies outside the text`);
  return s as unknown as Section;
}

/** A text object that cannot be used: too large, not brotli, not the format, offsets outside the text. */
export class TextObjectError extends Error {}

export interface EncodedText {
  bytes: Buffer;
  sha256: string;
  size: number;
}

/** The compressed, content-addressed form of a text (the same content always gives the same bytes). */
export function encodeTextObject(content: TextContent): EncodedText {
  const json = Buffer.from(
    canonicalJson({
      format: TEXT_FORMAT,
      text: content.text,
      pageStarts: content.pageStarts,
      pageCount: content.pageCount,
      sections: content.sections.map(({ level, number, heading, start, end, parent }) => ({ level, number, heading, start, end, parent })),
    }),
    'utf8',
  );
  const bytes = brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  });
  return { bytes, sha256: sha256Hex(bytes), size: bytes.length };
}

/** Decodes a text object whose bytes were already checked against their signed sha256 and size. */
export function decodeTextObject(bytes: Uint8Array): TextContent {
  if (bytes.length > MAX_TEXT_OBJECT_BYTES) throw new TextObjectError(`text object larger than ${MAX_TEXT_OBJECT_BYTES} bytes`);
  let json: string;
  try {
    json = brotliDecompressSync(bytes, { maxOutputLength: MAX_TEXT_INFLATED_BYTES }).toString('utf8');
  } catch (error) {
    throw new TextObjectError(`text object does not inflate within ${MAX_TEXT_INFLATED_BYTES} bytes: ${(error as Error).message}`);
  }
  let parsed: z.infer<typeof objectSchema>;
  try {
    parsed = objectSchema.parse(JSON.parse(json));
  } catch (error) {
    throw new TextObjectError(`text object is malformed: ${(error as Error).message.slice(0, 200)}`);
  }
  if (parsed.text.normalize('NFC') !== parsed.text) throw new TextObjectError('text object: the text is not in NFC form');
  const length = parsed.text.length;
  let previous = 0;
  for (const start of parsed.pageStarts) {
    if (start < previous || start > length) throw new TextObjectError('text object: page starts out of order or outside the text');
    previous = start;
  }
  const sections = parsed.sections.map((section, index) => checkSection(section, index, length));
  return { text: parsed.text, pageStarts: parsed.pageStarts, pageCount: parsed.pageCount, sections };
}

/**
 * Contract method of the text view (issue 16): a publication's stored text reflowed for reading
 * in large type and aloud — headings of its parts, chapters and articles, its clauses and other
 * paragraphs with the sentences a voice reads one at a time, the search words marked as the
 * results page marks them — one part at a time (a code of 700 articles is many parts), with the
 * table of contents of the whole text. Anyone may call it. Merged into shared/contract.ts.
 */
import { z } from 'zod';
import type { PublicationKind, SectionLevel } from '../domain.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

/** About this many characters of text make one part (whole articles: an article longer than this is a part of its own). */
export const TEXT_PART_CHARS = 30_000;

/** A heading of the text, for its table of contents: parts, chapters, sections, subsections, articles. */
export interface TextHeading {
  /** The section's id (a search hit's sectionId): where the text view opens with `section`. */
  section: number;
  level: SectionLevel;
  /** The heading's number as the document writes it ("Chương I", "Điều 5", "Phần thứ nhất"). */
  label: string;
  /** Its title ("Phạm vi điều chỉnh"); empty when it has none. */
  title: string;
  /** The page of the file (PDF) or chapter (EPUB) it starts on, when known: where the reader opens for it. */
  page: number | null;
  /** The part of the text it is in (0-based). */
  part: number;
}

/** [start, end) offsets of the search words in a block's text. */
export type TextMarks = [number, number][];

/** A heading in the flow of the text. */
export interface TextHeadingBlock {
  kind: 'heading';
  level: SectionLevel;
  section: number;
  label: string;
  /** The title, as the document writes it (possibly in capitals). */
  text: string;
  page: number | null;
  marks: TextMarks;
}

/** A paragraph: a clause, a point, or any other run of text, its wrapped lines joined. */
export interface TextParagraphBlock {
  kind: 'paragraph';
  /** The id of the article (or division) it belongs to; null before the first heading. */
  section: number | null;
  text: string;
  /** Where each sentence a voice reads starts (offsets in `text`; the first is 0). */
  sentences: number[];
  marks: TextMarks;
}

export type TextBlock = TextHeadingBlock | TextParagraphBlock;

export interface PublicationText {
  id: string;
  kind: PublicationKind;
  title: string;
  number: string | null;
  /** Its main file is on this station: the reader can open it. */
  readable: boolean;
  /** The station holds its text; when false the rest is empty and the reader is the way to read it. */
  hasText: boolean;
  /** The headings of the whole text, parts down to articles. */
  contents: TextHeading[];
  /** How many parts the text is split into (0 without text). */
  parts: number;
  /** The part given (0-based). */
  part: number;
  blocks: TextBlock[];
  /** The section asked for, when it is in this part (the view opens there). */
  at: number | null;
}

export const readingMethods = {
  'publications.text': method<PublicationText>()({
    access: 'anyone',
    summary: 'A publication’s text reflowed for reading: headings, paragraphs and sentences, one part at a time, with its table of contents and the search words marked.',
    input: z
      .object({
        id: z.string().min(1).max(200),
        /** The part to give; without it, the part holding `section`, else the first. */
        part: z.number().int().min(0).max(100_000).optional(),
        /** A section's id (a search hit's sectionId, a heading of `contents`). */
        section: z.number().int().positive().optional(),
        /** The words searched, marked in the text as the results page marks them. */
        q: z.string().max(500).default(''),
      })
      .strict(),
  }),
} satisfies Record<string, MethodSpec>;

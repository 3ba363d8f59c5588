/**
 * A stored text as the text view shows it: a heading for each part, chapter, section and
 * article the structure found (its number and title as the document writes them, the title's
 * wrapped lines skipped in the body), and between them paragraphs (./paragraphs.ts) — a clause
 * always starts one. Text before the
 * first heading (the document's header and preamble) comes first, under no heading. The
 * sentences a voice reads and the search words are found later, only in the part shown.
 */
import type { Section } from '../../shared/legal/structure.js';
import type { TextHeadingBlock, TextParagraphBlock } from '../../shared/contract/reading.js';
import { escapeRegExp, vnFold } from '../../shared/text.js';
import { cleanLine, fullLineLength, paragraphsOf, textLines } from './paragraphs.js';
import type { Wrapping } from './paragraphs.js';

/** A section of the structure with its id in the catalog. */
export type StoredSection = Pick<Section, 'level' | 'number' | 'heading' | 'start'> & { id: number; page?: number | null };

/** A block (without its sentences and search words yet) and where it starts in the stored text. */
export type PlacedBlock = (Omit<TextHeadingBlock, 'marks'> | Omit<TextParagraphBlock, 'marks' | 'sentences'>) & { start: number };

const TITLE_REACH = 2_000;
/** The longest title the structure takes (shared/legal/structure.ts). */
const MAX_TITLE = 300;
const ENDS_SENTENCE = /[.:;!?…]["”’)]*$/u;

interface HeadingPlace {
  label: string;
  /** Where the body starts: after the heading's last line. */
  bodyStart: number;
}

/** The number and title of a heading as written, and where its body starts. */
function headingPlace(text: string, section: StoredSection, next: number): HeadingPlace {
  const newline = text.indexOf('\n', section.start);
  const lineEnd = newline < 0 || newline > next ? next : newline;
  const first = cleanLine(text.slice(section.start, lineEnd));
  const number = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(vnFold(section.number))}(?![\\p{L}\\p{N}])`, 'u').exec(vnFold(first).slice(1));
  const labelEnd = number ? number.index + 1 + number[0].length : first.indexOf(' ') < 0 ? first.length : first.indexOf(' ');
  const title = section.heading;
  let read = first.slice(labelEnd).replace(/^[\s.:\-–—]+/u, '');
  let bodyStart = lineEnd;
  // A title is at most a few lines (300 characters, shared/legal/structure.ts), page furniture between.
  for (const line of textLines(text, lineEnd + 1, Math.min(next, lineEnd + TITLE_REACH))) {
    if (read.length >= title.length) break;
    read = read ? `${read} ${line.text}` : line.text;
    bodyStart = line.end;
  }
  // The title's lines as the structure joined them; if they do not read the same, only the first line is the heading.
  return { label: first.slice(0, labelEnd), bodyStart: read === title ? bodyStart : lineEnd };
}

function paragraphs(text: string, from: number, to: number, wrapping: Wrapping, breaks: number[], section: number | null): PlacedBlock[] {
  return paragraphsOf(text, from, to, wrapping, breaks).map((p) => ({
    kind: 'paragraph',
    section,
    text: p.text,
    start: p.start,
  }));
}

/**
 * The blocks of a whole text, in order; `sections` as stored (in text order, clauses among them).
 * `wrapped`: its lines were wrapped at a page's width (a PDF, a scan), not one per block (an EPUB).
 */
export function textBlocks(text: string, sections: readonly StoredSection[], wrapped = true): PlacedBlock[] {
  const headings = sections.filter((s) => s.level !== 'clause');
  const clauses = sections.filter((s) => s.level === 'clause').map((s) => s.start);
  const wrapping = wrapped ? { fullLength: fullLineLength(textLines(text, 0, text.length)) } : null;
  const blocks = paragraphs(text, 0, headings[0]?.start ?? text.length, wrapping, [], null);
  headings.forEach((section, i) => {
    const next = headings[i + 1]?.start ?? text.length;
    const { label, bodyStart } = headingPlace(text, section, next);
    const body = paragraphs(text, bodyStart, next, wrapping, clauses.filter((c) => c >= bodyStart && c < next), section.id);
    let title = section.heading;
    if (section.level === 'article' && continuesTitle(title, body[0], body[1])) title = `${title} ${body.shift()?.text}`;
    blocks.push({ kind: 'heading', level: section.level, section: section.id, label, text: title, page: section.page ?? null, start: section.start }, ...body);
  });
  return blocks;
}

/**
 * An article title's last line, left in the body when it starts with a capital ("…đưa người lao
 * động Việt" / "Nam đi làm việc ở nước ngoài"): a line that ends no sentence, right before the
 * article's clause 1 — not a quoted article an amendment brings ("“Điều 5a. …"), not a numbered
 * heading ("I. QUAN ĐIỂM"), not after a title that ends a sentence itself.
 */
function continuesTitle(title: string, first: PlacedBlock | undefined, second: PlacedBlock | undefined): boolean {
  if (!first || !second || first.kind !== 'paragraph' || !/^1\.\s/.test(second.text)) return false;
  if (ENDS_SENTENCE.test(title) || ENDS_SENTENCE.test(first.text) || /^(?:["“‘']|[IVXLC]+\.\s)/u.test(first.text)) return false;
  return title.length + 1 + first.text.length <= MAX_TITLE;
}

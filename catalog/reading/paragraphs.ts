/**
 * Paragraphs out of extracted text, for the text view: a PDF's text comes as the lines of its
 * pages (wrapped at the page's width, with running heads and page numbers between them), an
 * EPUB's as one line per block (a paragraph, a line of verse). Page furniture goes; wrapped lines
 * join; a paragraph starts at a clause or a point ("1.", "a)", "-"), after a line that ends a
 * sentence or a short line when the next one starts with a capital, and where capitals give way
 * to ordinary text (a title).
 */
import { NOISE_LINE } from '../../shared/legal/structure.js';

export interface Paragraph {
  /** The lines joined, white space collapsed. */
  text: string;
  /** Offsets in the source text of its first and past its last character. */
  start: number;
  end: number;
}

export interface Line {
  start: number;
  end: number;
  /** The line trimmed, white space collapsed. */
  text: string;
}

/** A list item or a clause: "1.", "1.2.", "a)", "đ)", "(a)", "-", "–", "+", "•". */
const MARKER = /^(?:\d{1,3}(?:\.\d{1,3})*\.|\p{Ll}\)|\([\p{Ll}\d]{1,4}\)|[-–—+•*])\s/u;
/** A line that ends a sentence or opens a list (closing quotes and brackets may follow). */
const SENTENCE_END = /[.;:!?…]["”’)\]]*$/u;
/** A line that starts like a sentence: a capital, a digit or an opening quote. */
const SENTENCE_START = /^["“‘(]?[\p{Lu}\d]/u;
/** The gazette's running head with its page number, on a line of its own or before the page's first words. */
const RUNNING_HEAD = /^\s*(?:\d{1,4}\s+)?CÔNG BÁO\s*\/\s*Số\s[^\n]*?Ngày\s+\d{1,2}-\d{1,2}-\d{4}(?:\s+\d{1,4}(?!\S))?\s*/u;
/** Below this share of a full line, a line ends its paragraph (when a capital follows). */
const SHORT_LINE = 0.6;

/** A line trimmed, its white space collapsed (stored texts are NFC already). */
export const cleanLine = (line: string) => line.replace(/\s+/g, ' ').trim();

const isCapitals = (text: string) => /\p{Lu}/u.test(text) && text === text.toUpperCase();

/** The lines of text[from, to) that carry text (page furniture and blank lines left out). */
export function textLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < to) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 || newline > to ? to : newline;
    const raw = text.slice(start, end);
    const head = RUNNING_HEAD.exec(raw)?.[0].length ?? 0;
    if (!NOISE_LINE.test(raw) && head < raw.length) lines.push({ start: start + head, end, text: cleanLine(raw.slice(head)) });
    start = end + 1;
  }
  return lines;
}

/** The length of a full line of this text (the wrapping width of its pages): the longer lines' typical length. */
export function fullLineLength(lines: readonly Line[]): number {
  if (lines.length === 0) return 0;
  const lengths = lines.map((l) => l.text.length).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.75)];
}

/** Whether `line` starts a new paragraph after `previous`. */
function startsParagraph(previous: Line, line: Line, fullLength: number, lineStarts: ReadonlySet<number>): boolean {
  if (lineStarts.has(line.start) || MARKER.test(line.text)) return true;
  if (isCapitals(previous.text) !== isCapitals(line.text)) return true;
  if (!SENTENCE_START.test(line.text)) return false;
  return SENTENCE_END.test(previous.text) || previous.text.length < fullLength * SHORT_LINE;
}

/** How the lines of a text were made: wrapped at a width (`fullLength`: fullLineLength), or one per block (null). */
export type Wrapping = { fullLength: number } | null;

/** The paragraphs of text[from, to). `breaks`: offsets where a paragraph must start (the clauses the structure found). */
export function paragraphsOf(text: string, from: number, to: number, wrapping: Wrapping, breaks: readonly number[] = []): Paragraph[] {
  const lineStarts = new Set(breaks.map((offset) => text.lastIndexOf('\n', offset - 1) + 1));
  const paragraphs: Paragraph[] = [];
  let previous: Line | null = null;
  for (const line of textLines(text, from, to)) {
    const last = paragraphs[paragraphs.length - 1];
    if (wrapping && previous && last && !startsParagraph(previous, line, wrapping.fullLength, lineStarts)) {
      last.text = `${last.text} ${line.text}`;
      last.end = line.end;
    } else {
      paragraphs.push({ text: line.text, start: line.start, end: line.end });
    }
    previous = line;
  }
  return paragraphs;
}

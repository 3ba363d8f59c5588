/**
 * What the EPUB reader reads aloud: the passages of the chapter shown (./extract.ts) as blocks a
 * voice reads sentence by sentence (shared/reading/sentences.ts), where on the page reading
 * starts, whether a place is on the page shown, and the marks of what is being read — the
 * sentence and the word — drawn with the CSS Custom Highlight API in the book's frame: the book's
 * DOM is not changed, so search marks, positions and the layout stay as they are (the colours are
 * each theme's: ./settings.ts).
 */
import type { TextParagraphBlock } from '../../../../shared/contract/reading.js';
import { sentenceStarts } from '../../../../shared/reading/sentences.js';
import { extractPassages, rangeOf } from './extract.js';
import type { PassageSource } from './extract.js';

export const SPOKEN_HIGHLIGHT = 'epub-spoken';
export const WORD_HIGHLIGHT = 'epub-word';

/** A chapter as read aloud: one block per passage, in the order of `sources`. */
export interface ChapterSpeech {
  section: number;
  doc: Document;
  sources: PassageSource[];
  blocks: TextParagraphBlock[];
}

export function chapterSpeech(section: number, doc: Document): ChapterSpeech {
  const sources = extractPassages(doc);
  const blocks = sources.map((source): TextParagraphBlock => {
    // White space as the voice hears it, one character for one, so offsets stay the passage's.
    const text = source.text.replace(/\s/g, ' ');
    return { kind: 'paragraph', section: null, text, sentences: sentenceStarts(text), marks: [] };
  });
  return { section, doc, sources, blocks };
}

/** Where point (node, offset) stands against `range`: -1 before it, 0 in it, 1 after it (null: not in its document). */
function compare(range: Range, node: Node, offset: number): number | null {
  try {
    return range.comparePoint(node, offset);
  } catch {
    return null;
  }
}

/** The block and offset where the page starting at `start` begins (the chapter's start when not known). */
export function startOfPage(chapter: ChapterSpeech, start: Range | null): { block: number; offset: number } {
  if (!start) return { block: 0, offset: 0 };
  const node = start.startContainer;
  const at = start.startOffset;
  for (let block = 0; block < chapter.sources.length; block += 1) {
    const source = chapter.sources[block];
    const segment = source.segments.find((s) => s.node === node);
    if (segment) return { block, offset: segment.start + at };
    const whole = rangeOf(chapter.doc, source, 0, source.text.length);
    const where = whole && compare(whole, node, at);
    if (where !== null && where !== undefined && where <= 0) return { block, offset: 0 };
  }
  return { block: 0, offset: 0 };
}

/** [start, end) of block `block` as a DOM range. */
export function blockRange(chapter: ChapterSpeech, block: number, start: number, end: number): Range | null {
  const source = chapter.sources[block];
  return source ? rangeOf(chapter.doc, source, start, end) : null;
}

/** Whether `range` starts on the page shown (between its start and its end). */
export function onPage(range: Range, page: { start: Range | null; end: Range | null }): boolean {
  const before = page.start ? compare(page.start, range.startContainer, range.startOffset) : 0;
  const after = page.end ? compare(page.end, range.startContainer, range.startOffset) : 0;
  return before !== -1 && after !== 1;
}

/** Marks the sentence and the word being read in the book's frame (null clears). */
export function markSpoken(doc: Document, spoken: Range | null, word: Range | null): void {
  const frame = doc.defaultView as (Window & typeof globalThis) | null;
  const registry = frame?.CSS?.highlights;
  if (!frame || !registry || typeof frame.Highlight !== 'function') return;
  for (const [name, range] of [
    [SPOKEN_HIGHLIGHT, spoken],
    [WORD_HIGHLIGHT, word],
  ] as const) {
    if (range) registry.set(name, new frame.Highlight(range));
    else registry.delete(name);
  }
}

/**
 * A long text in parts the text view loads one at a time: a part ends before a heading once it
 * holds about TEXT_PART_CHARS characters (a chapter's heading stays with its first article), or
 * between paragraphs once it holds twice that (a book without headings, an article of many
 * pages). The table of contents lists every heading with the part it is in.
 */
import { TEXT_PART_CHARS } from '../../shared/contract/reading.js';
import type { TextHeading } from '../../shared/contract/reading.js';
import type { PlacedBlock } from './blocks.js';

const sizeOf = (block: PlacedBlock) => block.text.length + (block.kind === 'heading' ? block.label.length : 0);

/** The part of each block (0-based, non-decreasing). */
export function partOfBlocks(blocks: readonly PlacedBlock[], budget = TEXT_PART_CHARS): number[] {
  const parts: number[] = [];
  let part = 0;
  let size = 0;
  blocks.forEach((block, i) => {
    const opensHeadings = block.kind === 'heading' && blocks[i - 1]?.kind !== 'heading';
    const full = block.kind === 'paragraph' ? size >= budget * 2 : opensHeadings && size + sizeOf(block) > budget;
    if (size > 0 && full) {
      part += 1;
      size = 0;
    }
    size += sizeOf(block);
    parts.push(part);
  });
  return parts;
}

/** The headings of the text, each with its part. */
export function contentsOf(blocks: readonly PlacedBlock[], parts: readonly number[]): TextHeading[] {
  return blocks.flatMap((block, i) =>
    block.kind === 'heading' ? [{ section: block.section, level: block.level, label: block.label, title: block.text, page: block.page, part: parts[i] }] : [],
  );
}

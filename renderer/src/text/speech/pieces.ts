/**
 * What is read aloud, in order: each heading whole ("Điều 5. Phạm vi điều chỉnh") and each
 * paragraph sentence by sentence (the engine found where they start), leaving out pieces with
 * nothing to say (a row of dots in a form).
 */
import type { TextBlock } from '../../../../shared/contract/reading.js';

export interface Piece {
  /** Index of its block in the part shown. */
  block: number;
  /** [start, end) in the block's text (a heading's whole title). */
  start: number;
  end: number;
  /** What the voice is given (a heading with its number). */
  text: string;
  /** Where `text` starts in the block's text (a heading's number comes before it: its words are not followed). */
  offset: number | null;
}

const SAYS_SOMETHING = /[\p{L}\p{N}]/u;

export function piecesOf(blocks: readonly TextBlock[]): Piece[] {
  return blocks.flatMap((block, index): Piece[] => {
    if (block.kind === 'heading') {
      return [{ block: index, start: 0, end: block.text.length, text: block.text ? `${block.label}. ${block.text}` : block.label, offset: null }];
    }
    return block.sentences
      .map((start, i) => ({ start, end: block.sentences[i + 1] ?? block.text.length }))
      .filter(({ start, end }) => SAYS_SOMETHING.test(block.text.slice(start, end)))
      .map(({ start, end }) => ({ block: index, start, end, text: block.text.slice(start, end), offset: start }));
  });
}

/**
 * A block's text cut where its marks begin and end — the search words, the sentence being read
 * aloud, the word being spoken — so each piece is drawn once with all that applies to it.
 */
import type { TextMarks } from '../../../shared/contract/reading.js';

export interface Segment {
  start: number;
  end: number;
  /** A search word. */
  marked: boolean;
  /** In the sentence being read aloud. */
  spoken: boolean;
  /** The word being spoken. */
  word: boolean;
}

type Range = readonly [number, number];

const inside = (ranges: readonly Range[], start: number, end: number) => ranges.some(([s, e]) => s <= start && end <= e);

export function segmentsOf(length: number, marks: TextMarks, spoken: Range | null, word: Range | null): Segment[] {
  const ranges = [...marks, ...(spoken ? [spoken] : []), ...(word ? [word] : [])];
  const cuts = [...new Set([0, length, ...ranges.flat().map((at) => Math.min(length, Math.max(0, at)))])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    segments.push({
      start,
      end,
      marked: inside(marks, start, end),
      spoken: spoken !== null && inside([spoken], start, end),
      word: word !== null && inside([word], start, end),
    });
  }
  return segments;
}

/**
 * The zoom a PDF opens at. Fit width, unless that leaves its body text too small to read (a phone
 * shows an A4 page at fit width with ~7 px text): then large enough for READABLE_PX text. With the
 * station's large text ("Chữ to") the text column — the page without its margins — fills the
 * width, and the text is at least LARGE_PX. The body text's size and column come from a page's
 * text (textMetrics). Pure.
 */
import { clampZoom } from './zoom.js';

/** Smallest body text, in CSS px, a page opens at; with large text. */
export const READABLE_PX = 12;
export const LARGE_PX = 16;
/** Room kept beside the text column, in CSS px. */
export const COLUMN_GAP = 12;
/** pdf.js lays a page out at 96/72 CSS px per point at scale 1. */
const CSS_PER_PT = 96 / 72;

export interface TextMetrics {
  /** The body text's size, in points (the size most of the characters have). */
  fontPt: number;
  /** The text column's left and right edges, in points from the page's left edge. */
  left: number;
  right: number;
}

/** The part of a pdf.js text item read here (marked-content items have no `str`). */
export interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
}

/**
 * Body text size and column of a page from its text items (`pageLeft`: the page's left edge, in
 * points); null without text. A line is often several items: the column is where most lines
 * start and end (a few short or indented lines, a page number, do not move it).
 */
export function textMetrics(items: readonly (TextItemLike | object)[], pageLeft = 0): TextMetrics | null {
  const sizes: { size: number; chars: number }[] = [];
  const lines = new Map<number, { left: number; right: number }>();
  for (const item of items as TextItemLike[]) {
    const text = item.str?.trim();
    const t = item.transform;
    if (!text || !t || t.length < 6) continue;
    const size = Math.hypot(t[2], t[3]);
    if (!(size > 0)) continue;
    sizes.push({ size, chars: text.length });
    const left = t[4] - pageLeft;
    const right = left + (item.width ?? 0);
    const key = Math.round(t[5]);
    const line = lines.get(key);
    if (line) {
      line.left = Math.min(line.left, left);
      line.right = Math.max(line.right, right);
    } else lines.set(key, { left, right });
  }
  if (sizes.length === 0) return null;
  // The size most characters have: the weighted median.
  sizes.sort((a, b) => a.size - b.size);
  const half = sizes.reduce((sum, s) => sum + s.chars, 0) / 2;
  let seen = 0;
  let fontPt = sizes[sizes.length - 1].size;
  for (const s of sizes) {
    seen += s.chars;
    if (seen >= half) {
      fontPt = s.size;
      break;
    }
  }
  const lefts = [...lines.values()].map((l) => l.left).sort((a, b) => a - b);
  const rights = [...lines.values()].map((l) => l.right).sort((a, b) => a - b);
  const left = quantile(lefts, 0.1);
  const right = quantile(rights, 0.9);
  return { fontPt, left, right: Math.max(right, left + 1) };
}

export interface ReadableInput {
  /** The scale at which a page fits the container's width. */
  fitWidth: number;
  containerWidth: number;
  metrics: TextMetrics | null;
  largeText: boolean;
}

/** The scale to open at: fit width, or larger where the text would be too small (or, with large text, to fill the width with the text column). */
export function readableScale({ fitWidth, containerWidth, metrics, largeText }: ReadableInput): number {
  if (!metrics || !(fitWidth > 0)) return fitWidth;
  const forText = (largeText ? LARGE_PX : READABLE_PX) / (metrics.fontPt * CSS_PER_PT);
  const forColumn = largeText ? (containerWidth - 2 * COLUMN_GAP) / ((metrics.right - metrics.left) * CSS_PER_PT) : 0;
  return clampZoom(Math.max(fitWidth, forText, forColumn));
}

/** Where the text column starts, in CSS px from the page's left edge, at `scale`. */
export function columnLeftPx(metrics: TextMetrics, scale: number): number {
  return metrics.left * CSS_PER_PT * scale;
}

/**
 * Page choices for printing: "1-3, 5" (also "1–3", "1 đến 3" is not accepted: digits, commas,
 * spaces and dashes only), all pages, or the current one. Pure, unit-tested.
 */

/** At most this many pages go to one print job (each is an image held in memory until printed). */
export const MAX_PRINT_PAGES = 100;

export type PageRangeResult = { ok: true; pages: number[] } | { ok: false; reason: 'empty' | 'syntax' | 'out_of_range' | 'too_many' };

/**
 * Parses a list such as "1-3, 5, 8 - 10" against a document of `total` pages: sorted, without
 * duplicates. Reversed ranges ("5-3") are read as 3-5. Page numbers start at 1.
 */
export function parsePageRange(text: string, total: number, max = MAX_PRINT_PAGES): PageRangeResult {
  const cleaned = text.replace(/[\u2010-\u2015\u2212]/g, '-').replace(/[;，、]/g, ',').trim();
  if (cleaned === '') return { ok: false, reason: 'empty' };
  const pages = new Set<number>();
  for (const rawPart of cleaned.split(',')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const match = /^(\d{1,6})(?:\s*-\s*(\d{1,6}))?$/.exec(part);
    if (!match) return { ok: false, reason: 'syntax' };
    let from = Number(match[1]);
    let to = match[2] === undefined ? from : Number(match[2]);
    if (from > to) [from, to] = [to, from];
    if (from < 1 || to > total) return { ok: false, reason: 'out_of_range' };
    if (to - from + 1 > max) return { ok: false, reason: 'too_many' };
    for (let page = from; page <= to; page += 1) pages.add(page);
    if (pages.size > max) return { ok: false, reason: 'too_many' };
  }
  if (pages.size === 0) return { ok: false, reason: 'empty' };
  return { ok: true, pages: [...pages].sort((a, b) => a - b) };
}

/** Every page 1..total, or the too-many refusal. */
export function allPages(total: number, max = MAX_PRINT_PAGES): PageRangeResult {
  if (total < 1) return { ok: false, reason: 'empty' };
  if (total > max) return { ok: false, reason: 'too_many' };
  return { ok: true, pages: Array.from({ length: total }, (_, i) => i + 1) };
}

/** A page number typed into the "go to page" box, or null when it is not one of the document's pages. */
export function parsePageNumber(text: string, total: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const page = Number(trimmed);
  return page >= 1 && page <= total ? page : null;
}

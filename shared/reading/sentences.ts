/**
 * The pieces a voice reads one at a time (and the text view and the EPUB reader mark while it
 * does): sentences, cut after ".", "!", "?", "…" before a capital, after ";" and after a ":"
 * that closes a long lead-in — not after an abbreviation ("TP.", "v.v."), an initial, or inside
 * a number ("1.000.000", "14/2019/QĐ-TTg"). A sentence longer than a voice reads in one breath is cut
 * again at a comma near its middle, so no piece runs on for half a minute.
 */

/** Longer than this, a sentence is cut at commas. */
export const LONGEST_SPOKEN = 240;
/** A ":" ends a piece only after a lead-in at least this long ("Luật số:" stays whole). */
const COLON_LEAD = 30;

/** Words that end with a period and go on ("TP. Hồ Chí Minh", "v.v. và"), folded to lower case. */
const ABBREVIATIONS = new Set(['tp', 'tt', 'tx', 'ths', 'ts', 'pgs', 'gs', 'bs', 'ks', 'cn', 'st', 'nxb', 'v.v', 'vv', 'tr']);

/** A possible end: the punctuation and the spaces after it; the next piece starts after them. */
const END = /([.!?…]+|[;:])["”’)\]]*\s+/gu;
const STARTS_LIKE_SENTENCE = /^["“‘(\-–]?[\p{Lu}\d]/u;

function endsHere(text: string, mark: string, at: number, pieceStart: number, next: number): boolean {
  if (mark === ';') return true;
  if (mark === ':') return at - pieceStart >= COLON_LEAD;
  if (!STARTS_LIKE_SENTENCE.test(text.slice(next))) return false;
  if (mark !== '.') return true;
  const piece = text.slice(pieceStart, at);
  const word = /(\S+)$/u.exec(piece)?.[1] ?? '';
  // A clause's number ("1.", "2.1.") opens its paragraph; it ends nothing.
  if (ABBREVIATIONS.has(word.toLowerCase()) || /^[\d.]+$/.test(piece)) return false;
  // An initial ("N. V. A.") or a single letter: a name goes on.
  return !/^\p{Lu}$/u.test(word);
}

/** Cuts a piece longer than LONGEST_SPOKEN at the comma nearest its middle, again and again. */
function cutLong(text: string, start: number, end: number, out: number[]): void {
  if (end - start <= LONGEST_SPOKEN) return;
  const middle = (start + end) / 2;
  let best = -1;
  for (const m of text.slice(start, end).matchAll(/,\s+/g)) {
    const at = start + m.index + m[0].length;
    // Not before a lone letter of a list ("các điểm a, i và l").
    if (at - start < 40 || end - at < 40 || /^\p{L}(?:[\s,]|$)/u.test(text.slice(at, at + 2))) continue;
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  }
  if (best < 0) return;
  cutLong(text, start, best, out);
  out.push(best);
  cutLong(text, best, end, out);
}

/** Where each spoken piece of `text` starts (the first at 0); `text` is one paragraph, its white space collapsed. */
export function sentenceStarts(text: string): number[] {
  const ends: number[] = [];
  let pieceStart = 0;
  for (const m of text.matchAll(END)) {
    const next = m.index + m[0].length;
    if (next >= text.length) break;
    if (!endsHere(text, m[1].charAt(0), m.index, pieceStart, next)) continue;
    ends.push(next);
    pieceStart = next;
  }
  const bounds = [0, ...ends, text.length];
  const starts: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    starts.push(bounds[i]);
    cutLong(text, bounds[i], bounds[i + 1], starts);
  }
  return starts;
}

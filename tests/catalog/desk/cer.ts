/**
 * Character error rate of recognised text against its true text: edit distance (insertions,
 * deletions, substitutions of Unicode code points) divided by the length of the reference,
 * both in NFC with runs of white space made one space and the ends trimmed.
 */

export function normaliseForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance over code points, in O(n·m) time and O(m) memory. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  let current = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length];
}

export interface CerFigure {
  errors: number;
  referenceChars: number;
  cer: number;
}

export function characterErrorRate(recognised: string, reference: string): CerFigure {
  const ref = normaliseForCer(reference);
  const errors = editDistance(normaliseForCer(recognised), ref);
  const referenceChars = [...ref].length;
  return { errors, referenceChars, cer: referenceChars ? errors / referenceChars : 0 };
}

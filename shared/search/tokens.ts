/**
 * Tokens for search, the same when indexing and when querying: folded syllables with their
 * offsets in the NFC text (for highlighting), and syllable pairs — most Vietnamese words have
 * two syllables, so "ly_hon" finds "ly hôn" and not every text with "ly" and "hôn" apart.
 */
import { vnFold } from '../text.js';

export interface Token {
  /** Folded syllable: lower case, no marks, đ→d. */
  text: string;
  /** Offsets in the NFC text. */
  start: number;
  end: number;
}

const SYLLABLE = /[\p{L}\p{N}]+/gu;
/** Only spaces between two syllables make a pair; punctuation or a line break ends a phrase. */
const PAIR_GAP = /^[ \t\u00a0]+$/;
export const PAIR_JOINER = '_';

/** Syllables of NFC text, folded, with their offsets. */
export function tokenize(nfcText: string): Token[] {
  const folded = vnFold(nfcText);
  const tokens: Token[] = [];
  for (const match of folded.matchAll(SYLLABLE)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Adjacent syllable pairs of one phrase, as single tokens ("ly_hon"). */
export function pairsOf(tokens: Token[], source: string): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    if (PAIR_GAP.test(source.slice(tokens[i].end, tokens[i + 1].start))) {
      pairs.push(`${tokens[i].text}${PAIR_JOINER}${tokens[i + 1].text}`);
    }
  }
  return pairs;
}

/** What the indexes store for a piece of text: folded syllables and their pairs. */
export function indexForms(text: string): { words: string; pairs: string } {
  const nfc = text.normalize('NFC');
  const tokens = tokenize(nfc);
  return { words: tokens.map((t) => t.text).join(' '), pairs: pairsOf(tokens, nfc).join(' ') };
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A syllable with its marks, lower case, with the tone moved to the end so the old and new
 * placements agree ("hoà" and "hòa" both give "hoa`"): equal keys mean an exact-accent match.
 */
export function exactKey(syllable: string): string {
  const decomposed = syllable.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS)?.join('') ?? '';
  return decomposed.replace(TONE_MARKS, '').normalize('NFC') + tones;
}

/** Exact-accent keys of the syllables of a text, as typed. */
export function exactSyllables(text: string): string[] {
  return (text.normalize('NFC').match(SYLLABLE) ?? []).map(exactKey);
}

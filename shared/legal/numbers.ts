/**
 * Vietnamese document numbers (số hiệu) — "14/2019/QĐ-TTg", "91/2015/QH13", "123/QĐ-UBND",
 * "2500/BTP-PBGDPL", Party style "57-NQ/TW" — found in free text and in search queries as people
 * type them (lower case, no marks, spaces around "/"), and the key range that a partial number
 * such as "14/2019" matches in the catalog's number index.
 */
import { numberKey } from '../text.js';

const SPACE = '[ \\t\\u00a0]*';
const SLASH = `${SPACE}/${SPACE}`;
/** The serial: "14", "0125", "66.16". */
const SERIAL = '\\d{1,5}(?:\\.\\d{1,3})?';
const YEAR = '(?:19|20)\\d{2}';
/** One part of the symbol: "QĐ", "TTg", "QH13", "BLĐTBXH". */
const PART = '[A-Za-zĐđ][A-Za-zĐđ0-9&]*';
/** Parts are joined by "-"; a number in a header may wrap to the next line after one. */
const HYPHEN = `-(?:${SPACE}\\r?\\n${SPACE})?`;
const SYMBOL = `${PART}(?:${HYPHEN}${PART})*`;
const BEFORE = '(?<![\\p{L}\\p{N}/.\\-])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** State numbers (serial, optional year, symbol) and Party numbers ("57-NQ/TW"). */
const STATE_NUMBER = `${SERIAL}(?:${SLASH}${YEAR})?${SLASH}${SYMBOL}`;
const PARTY_NUMBER = `\\d{1,4}-${PART}/${PART}(?:-${PART})*`;
const NUMBER_PATTERN = new RegExp(`${BEFORE}(?:${PARTY_NUMBER}|${STATE_NUMBER})${AFTER}`, 'gu');

/** The beginning of a number as typed: "14/2019", "158/2025/nd", "123/qd", "2500/BTP". */
const PARTIAL_PATTERN = new RegExp(
  `${BEFORE}${SERIAL}${SLASH}(?:${YEAR}(?:${SLASH}(?:${PART}(?:-${PART})*-?)?)?|${PART}(?:-${PART})*-?)${AFTER}`,
  'gu',
);

/** Symbols of one part that are whole numbers: the National Assembly and its Standing Committee. */
const WHOLE_SINGLE_PART = /^(?:UBTV)?QH\d+$/i;

export interface FoundNumber {
  /** As written in the text. */
  number: string;
  start: number;
  end: number;
}

export interface NumberQuery {
  /** numberKey forms of the full numbers in the query. */
  full: string[];
  /** numberKey forms of partial numbers, to match with partialKeyRange. */
  partial: { prefix: string }[];
  /** The query without its numbers, spaces collapsed. */
  rest: string;
}

/** A number as written with the spaces around "/" and line breaks after "-" removed. */
export function tidyNumber(written: string): string {
  return written.trim().replace(/\s*\/\s*/g, '/').replace(/-\s+/g, '-');
}

/** True when a number-shaped string is a whole document number, not the start of one. */
function isWhole(number: string): boolean {
  const tidy = tidyNumber(number);
  if (/^\d+-/.test(tidy)) return true; // Party style always has type and organ.
  const symbol = tidy.split('/').pop() ?? '';
  return symbol.includes('-') || WHOLE_SINGLE_PART.test(symbol);
}

/** Whole document numbers in free text, as written, with their offsets in the input. */
export function extractNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    if (!isWhole(match[0])) continue;
    found.push({ number: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/**
 * Splits a search query into whole numbers, partial numbers and the remaining words. A partial
 * number is the start of a number that has at least "N/YYYY" or "N/SYMBOL"; a year or a number
 * alone ("2019", "51") is not a document number.
 */
export function parseNumberQuery(query: string): NumberQuery {
  const full: string[] = [];
  const partial: { prefix: string }[] = [];
  let rest = query.replace(NUMBER_PATTERN, (match) => {
    if (!isWhole(match)) return match;
    full.push(numberKey(tidyNumber(match)));
    return ' ';
  });
  rest = rest.replace(PARTIAL_PATTERN, (match) => {
    partial.push({ prefix: numberKey(tidyNumber(match)).replace(/[/-]+$/, '') });
    return ' ';
  });
  return { full: [...new Set(full)], partial, rest: rest.replace(/\s+/g, ' ').trim() };
}

/**
 * The range of number keys that start with `prefix` followed by "/", "-" or nothing:
 * `key >= low AND key < high`. "14/2019" gives ["14/2019", "14/20190"), which holds
 * "14/2019/qd-ttg" but neither "114/2019/nd-cp" (anchored at the start) nor "14/20190…". Keys
 * hold no spaces, so the only other characters below "0" that could follow are "." and rare
 * punctuation, which a key never has right after a whole year or symbol part.
 */
export function partialKeyRange(prefix: string): { low: string; high: string } {
  const low = numberKey(prefix).replace(/[/-]+$/, '');
  return { low, high: `${low}0` };
}

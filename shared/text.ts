/**
 * Vietnamese text helpers shared by every layer: folding for matching, a sort key for
 * alphabetical order, and metadata cleaned of control characters. Pure functions, no dependencies.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const INVISIBLES = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/**
 * Folds text for matching: NFC, marks stripped, lower case, đ→d. Every character of the NFC
 * input maps to exactly one output character, so an offset found in folded text is an offset
 * in the NFC original (for highlighting).
 */
export function vnFold(text: string): string {
  const nfc = text.normalize('NFC');
  const out = new Uint16Array(nfc.length);
  for (let i = 0; i < nfc.length; i += 1) {
    const code = nfc.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < nfc.length) {
      // A character outside the BMP: folded whole, two code units in, two out.
      const folded = foldChar(nfc.slice(i, i + 2));
      out[i] = folded.charCodeAt(0);
      out[i + 1] = folded.charCodeAt(1);
      i += 1;
      continue;
    }
    let folded = FOLDED[code];
    if (folded === 0) FOLDED[code] = folded = foldChar(String.fromCharCode(code)).charCodeAt(0);
    out[i] = folded;
  }
  return fromCodeUnits(out);
}

/** Each BMP code unit folded (0: not worked out yet): folding is per character, so each is worked out once. */
const FOLDED = new Uint16Array(0x10000);
/** Made on first use: a module that is only loaded (the preload script) needs none. */
let utf16: InstanceType<typeof TextDecoder> | undefined;

/** A string from UTF-16 code units built in a typed array (faster than adding characters one by one). */
export function fromCodeUnits(units: Uint16Array): string {
  utf16 ??= new TextDecoder('utf-16le');
  return utf16.decode(units);
}

/** Text to match literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function foldChar(ch: string): string {
  const base = ch.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  const folded = base.replace(/[đðɖ]/g, 'd');
  // Keep one code unit per code unit: a character that folds to nothing or to several
  // characters (rare symbols) keeps its own lower-case form.
  if (folded.length === ch.length) return folded;
  return ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
}

/** An ISO day (YYYY-MM-DD) as Vietnamese write it, in both languages: 2025-03-07 → 07/03/2025. */
export function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** Folds a document number for lookup: no spaces or invisible characters, folded, `-` kept. */
export function numberKey(number: string): string {
  return vnFold(number.replace(INVISIBLES, '')).replace(/\s+/g, '');
}

// Vietnamese letters that sort after their base letter: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư.
const LETTER_AFTER_BASE: Record<string, string> = {
  ă: 'a{', â: 'a|', đ: 'd{', ê: 'e{', ô: 'o{', ơ: 'o|', ư: 'u{',
};

/** Each character's sort form, worked out once (three normalisations a character otherwise), for the first characters met. */
const SORT_FORMS = new Map<string, string>();
const MAX_SORT_FORMS = 4096;

/**
 * A key whose plain (binary) order is Vietnamese alphabetical order by letter, ignoring tones:
 * "anh" < "ăn" < "ân" < "bà" < "đá". SQLite cannot load a Vietnamese collation, so the catalog
 * stores this key beside the title.
 */
export function vnSortKey(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLowerCase()) {
    let form = SORT_FORMS.get(ch);
    if (form === undefined) {
      const toneless = ch.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
      form = LETTER_AFTER_BASE[toneless] ?? toneless.normalize('NFD').replace(COMBINING_MARKS, '');
      if (SORT_FORMS.size < MAX_SORT_FORMS) SORT_FORMS.set(ch, form);
    }
    out += form;
  }
  return out.trim().replace(/\s+/g, ' ');
}

/** Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Terminal escape sequences (ECMA-48), whole: a CSI (`ESC [ 31 m`, clear screen, move the
 * cursor), a terminated string (OSC window titles and links, DCS, APC…), any other `ESC x`.
 * Removing only the ESC would leave `[31m` in the text.
 */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]{0,512}(?:\u0007|\u001b\\|\u009c)|\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

/**
 * Text from outside (a title, a file name, a snippet) safe to print to a terminal: each control
 * character or bidirectional override becomes U+FFFD, so nothing can move the cursor, recolour or
 * rewrite the screen, and offsets into the text (highlights) stay where they were.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, (run) => '\ufffd'.repeat(run.length));
}

/**
 * A line of metadata (a title, a station's or a file's name) safe to show anywhere, a terminal
 * included: escape sequences removed whole, other control characters (C0, DEL, C1), bidirectional
 * overrides and line breaks become one space, spaces are collapsed, the ends trimmed.
 */
export function plainLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** Longer metadata (a description): the same, with its line breaks kept. */
export function plainText(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCES, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, ' ')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .trim();
}

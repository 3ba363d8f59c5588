/**
 * The word lists query understanding reads: the everyday-words thesaurus (catalog/search/data/)
 * — the app's file, plus what a hub shipped with its feed (setting `search.thesaurus`) —, the
 * words that only make a question, and a Vietnamese word list (@vntk/dictionary's Viet74K:
 * 74,000 words, most of two syllables) with the syllables it is made of. Files are read once;
 * a library's additions are merged when they change.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db } from '../db/open.js';
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { mergeThesauri, parsePhraseList, parseThesaurus } from './thesaurus.js';
import type { Thesaurus, ThesaurusProblem } from './thesaurus.js';

export const SEARCH_DATA_DIR = path.join(PACKAGE_ROOT, 'catalog', 'search', 'data');
/** The most bytes of additions a feed carries. */
export const MAX_THESAURUS_BYTES = 1 << 20;

interface Base {
  /** The texts of the app's two word files, as read. */
  texts: { everyday: string; questions: string };
  thesaurus: Thesaurus;
  questions: Thesaurus;
  words: readonly string[];
  syllables: ReadonlySet<string>;
}

let base: Base | null = null;

function loadBase(): Base {
  if (base) return base;
  const wordList = createRequire(import.meta.url).resolve('@vntk/dictionary/data/Viet74K.txt');
  const words = fs
    .readFileSync(wordList, 'utf8')
    .split(/\r?\n/)
    .map((word) => word.trim().normalize('NFC').toLowerCase())
    .filter(Boolean);
  const texts = {
    everyday: fs.readFileSync(path.join(SEARCH_DATA_DIR, 'everyday-words.txt'), 'utf8'),
    questions: fs.readFileSync(path.join(SEARCH_DATA_DIR, 'question-words.txt'), 'utf8'),
  };
  base = {
    texts,
    thesaurus: parseThesaurus(texts.everyday).thesaurus,
    questions: parsePhraseList(texts.questions),
    words,
    syllables: new Set(words.flatMap((word) => word.split(/[\s-]+/))),
  };
  return base;
}

const merged = new WeakMap<Db, { additions: string | null; thesaurus: Thesaurus }>();

/** The thesaurus a library searches with: the app's, and its hub's additions. */
export function thesaurusOf(db: Db): Thesaurus {
  const additions = getSetting(db, SETTINGS.thesaurus);
  const cached = merged.get(db);
  if (cached && cached.additions === additions) return cached.thesaurus;
  const thesaurus = additions ? mergeThesauri(loadBase().thesaurus, parseThesaurus(additions).thesaurus) : loadBase().thesaurus;
  merged.set(db, { additions, thesaurus });
  return thesaurus;
}

/**
 * Sets (or, with null or blank text, removes) this library's own thesaurus additions — a hub's,
 * which its feed then ships. A text with a line that is not an entry, or too large for a feed,
 * is refused whole: the problems are returned and nothing is stored.
 */
export function setThesaurusAdditions(db: Db, text: string | null): { problems: ThesaurusProblem[]; entries: number; tooLarge: boolean } {
  if (text === null || !text.trim()) {
    deleteSetting(db, SETTINGS.thesaurus);
    return { problems: [], entries: 0, tooLarge: false };
  }
  const normalized = text.normalize('NFC');
  const { thesaurus, problems } = parseThesaurus(normalized);
  const tooLarge = Buffer.byteLength(normalized) > MAX_THESAURUS_BYTES;
  if (problems.length === 0 && !tooLarge) {
    setSetting(db, SETTINGS.thesaurus, normalized);
  }
  return { problems, entries: thesaurus.entries.length, tooLarge };
}

/** The texts of every word list a library's search reads: the app's files and its hub's additions. */
export function wordListTexts(db: Db): string[] {
  const { everyday, questions } = loadBase().texts;
  return [everyday, questions, getSetting(db, SETTINGS.thesaurus) ?? ''];
}

export function questionWords(): Thesaurus {
  return loadBase().questions;
}

/** The Vietnamese word list, lower case. */
export function vietnameseWords(): readonly string[] {
  return loadBase().words;
}

/** The syllables of the Vietnamese word list, lower case. */
export function knownSyllables(): ReadonlySet<string> {
  return loadBase().syllables;
}

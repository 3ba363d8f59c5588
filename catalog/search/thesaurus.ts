/**
 * The everyday-words thesaurus (catalog/search/data/everyday-words.txt): how residents say
 * things and how the law says them. Parsing the file's lines ("ly dị, bỏ nhau => ly hôn") and
 * finding, in a query's syllables, the phrases it knows — longest first, without regard to marks
 * unless the entry asks for them ("=mướn" is not "muốn"). Pure: the engine loads the text and a
 * hub's additions; this module only reads them.
 */
import { vnFold } from '../../shared/text.js';
import { exactKey } from '../../shared/search/tokens.js';

const SYLLABLE = /[\p{L}\p{N}]+/gu;

/** One phrase of an entry's left side, as syllables. */
interface Phrase {
  folded: string[];
  /** Exact-accent keys of its syllables, as written. */
  keys: string[];
  /** The same when the phrase must match with its marks ("=" in the file). */
  exact: string[] | null;
}

export interface ThesaurusEntry {
  phrases: Phrase[];
  /** What the law says, as written (NFC). */
  terms: string[];
}

export interface Thesaurus {
  entries: ThesaurusEntry[];
  /** Phrases by their first folded syllable, longest first. */
  byFirst: Map<string, { phrase: Phrase; entry: ThesaurusEntry }[]>;
}

/** A problem in a thesaurus file, with its line. */
export interface ThesaurusProblem {
  line: number;
  text: string;
}

const syllables = (text: string) => text.normalize('NFC').match(SYLLABLE) ?? [];

/** Parses thesaurus text; bad lines are reported, the rest kept. */
export function parseThesaurus(text: string): { thesaurus: Thesaurus; problems: ThesaurusProblem[] } {
  const entries: ThesaurusEntry[] = [];
  const problems: ThesaurusProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [left, right, extra] = line.split('=>');
    const phrases = (left ?? '').split(',').flatMap((item): Phrase[] => {
      const exact = item.trim().startsWith('=');
      const words = syllables(item.trim().replace(/^=/, ''));
      if (!words.length) return [];
      const keys = words.map(exactKey);
      return [{ folded: words.map((w) => vnFold(w)), keys, exact: exact ? keys : null }];
    });
    const terms = (right ?? '').split(',').map((term) => term.trim().normalize('NFC')).filter(Boolean);
    if (extra !== undefined || !phrases.length || !terms.length) {
      problems.push({ line: index + 1, text: line.slice(0, 200) });
      return;
    }
    entries.push({ phrases, terms });
  });
  return { thesaurus: indexThesaurus(entries), problems };
}

function indexThesaurus(entries: ThesaurusEntry[]): Thesaurus {
  const byFirst = new Map<string, { phrase: Phrase; entry: ThesaurusEntry }[]>();
  for (const entry of entries) {
    for (const phrase of entry.phrases) {
      const list = byFirst.get(phrase.folded[0]) ?? [];
      list.push({ phrase, entry });
      byFirst.set(phrase.folded[0], list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.folded.length - a.phrase.folded.length);
  return { entries, byFirst };
}

/** A list of phrases with nothing to add (the question words): matched like a thesaurus's left sides. */
export function parsePhraseList(text: string): Thesaurus {
  const entries: ThesaurusEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const { thesaurus } = parseThesaurus(`${line} => -`);
    entries.push(...thesaurus.entries.map((entry) => ({ ...entry, terms: [] })));
  }
  return indexThesaurus(entries);
}

/** Two thesauri as one (the app's file and a hub's additions). */
export function mergeThesauri(a: Thesaurus, b: Thesaurus): Thesaurus {
  return indexThesaurus([...a.entries, ...b.entries]);
}

export interface ThesaurusMatch {
  /** Index of the first and one past the last matched syllable of the query. */
  start: number;
  end: number;
  terms: string[];
}

/**
 * The thesaurus phrases found in a query, given its folded syllables and each syllable's
 * exact-accent key: `meant` where the resident's marks are known (typed, or a typo corrected),
 * `guessed` where they were restored to an unaccented query. A syllable with meant marks matches
 * only the same marks ("tiền trợ" is not "tiền trọ"); one without matches folded, except in an
 * entry that asks for its marks ("=mướn"), which a guess may meet. At each position the longest
 * phrase wins; phrases may overlap ("báo công an khu vực"), but one inside another is not counted.
 */
export function findPhrases(thesaurus: Thesaurus, folded: string[], meant: (string | null)[], guessed: (string | null)[] = []): ThesaurusMatch[] {
  const fits = (phrase: Phrase, at: number) => {
    const n = phrase.folded.length;
    if (at + n > folded.length) return false;
    for (let k = 0; k < n; k += 1) {
      if (folded[at + k] !== phrase.folded[k]) return false;
      const key = meant[at + k] ?? (phrase.exact ? guessed[at + k] : null) ?? null;
      if (key !== null && key !== (phrase.exact ? phrase.exact[k] : phrase.keys[k])) return false;
      if (phrase.exact && key === null) return false;
    }
    return true;
  };
  const found: ThesaurusMatch[] = [];
  let reach = 0;
  for (let i = 0; i < folded.length; i += 1) {
    const candidates = thesaurus.byFirst.get(folded[i]) ?? [];
    const hit = candidates.find(({ phrase }) => fits(phrase, i));
    if (!hit || i + hit.phrase.folded.length <= reach) continue;
    // Several entries can share a phrase ("nghỉ đẻ"): gather their terms.
    const n = hit.phrase.folded.length;
    const terms = new Set<string>();
    for (const { phrase, entry } of candidates) {
      if (phrase.folded.length === n && fits(phrase, i)) for (const term of entry.terms) terms.add(term);
    }
    found.push({ start: i, end: i + n, terms: [...terms] });
    reach = i + n;
  }
  return found;
}

/**
 * Query understanding (docs/search.md § Residents' own words): what a resident typed becomes what
 * the search runs. Document numbers and references ("quyết định 28") are taken out; syllables
 * typed without marks are read with their likely marks and typos are corrected (restore.ts);
 * words that only make a question ("có được không", "thì sao") do not drive ranking; everyday
 * words the thesaurus knows ("ly dị", "có bầu") add the law's words ("ly hôn", "mang thai"),
 * which weigh less than the words typed. The outcome also says what was searched, for the
 * results page ("Đang tìm: …", "Có phải bạn muốn tìm …").
 */
import type { Db } from '../db/open.js';
import { DOC_TYPE_ABBREVIATIONS, DOC_TYPES } from '../../shared/legal/doc-types.js';
import { parseNumberQuery, partialKeyRange } from '../../shared/legal/numbers.js';
import { PAIR_JOINER, pairsOf, tokenize } from '../../shared/search/tokens.js';
import { vnFold } from '../../shared/text.js';
import { accentModel, catalogCount } from './accent-model.js';
import type { AccentModel } from './accent-model.js';
import { knownSyllables, questionWords, thesaurusOf } from './lexicon.js';
import type { ParsedQuery } from './query.js';
import { readKey, readSyllables } from './restore.js';
import type { ReadSyllable, TypedSyllable } from './restore.js';
import { findPhrases } from './thesaurus.js';

const HAS_MARKS = /[^\p{ASCII}]/u;
const PAIR_GAP = /^[ \t\u00a0]+$/;

export interface Understood {
  query: ParsedQuery;
  /** The query as searched, when it differs from what was typed (marks restored, typos corrected). */
  searched: string | null;
  /** A typo was corrected ("Có phải bạn muốn tìm …"), not only marks restored. */
  corrected: boolean;
  /** The law's words the thesaurus added, as written. */
  expanded: string[];
}

/** "quyết định 28", "nghị định số 100", "qđ 28": a document type and the serial its number starts with. */
const TYPE_NAMES = new Map<string, string>([
  ...DOC_TYPES.map((t) => [vnFold(t.name), t.name] as [string, string]),
  ...DOC_TYPE_ABBREVIATIONS,
]);
const TYPE_PATTERN = [...TYPE_NAMES.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/ /g, '\\s+')).join('|');
const REFERENCE = new RegExp(`(?<![\\p{L}\\p{N}])(${TYPE_PATTERN})\\s+(?:so\\s+)?(\\d{1,5})(?![\\p{L}\\p{N}/.-])`, 'gu');

/** References "<type> <serial>" (matched folded: one character per character, so offsets hold), and the query without their serials. */
function documentReferences(rest: string): { references: ParsedQuery['references']; rest: string } {
  const references: ParsedQuery['references'] = [];
  let out = rest;
  for (const match of [...vnFold(rest).matchAll(REFERENCE)].reverse()) {
    const docType = TYPE_NAMES.get(match[1].replace(/\s+/g, ' '));
    if (!docType) continue;
    references.push({ docType, ...partialKeyRange(match[2]) });
    // The serial goes (a number alone searches nothing useful); the type's words stay.
    const serialStart = match.index + match[0].length - match[2].length;
    out = `${out.slice(0, serialStart)} ${out.slice(serialStart + match[2].length)}`;
  }
  return { references: references.reverse(), rest: out };
}

/** Which syllables are part of a phrase found by the matcher. */
function coveredBy(matches: { start: number; end: number }[], length: number): boolean[] {
  const covered = new Array<boolean>(length).fill(false);
  for (const { start, end } of matches) for (let i = start; i < end; i += 1) covered[i] = true;
  return covered;
}

/** A phrase the catalog's own text writes this often is the law's word too: its expansion counts less. */
const LAW_PHRASE_COUNT = 20;

/** Folded syllables and pairs of the thesaurus's terms (the typed words and pairs left out), and each term's syllables. */
function expansionForms(terms: string[], typed: Set<string>, typedPairs: Set<string>): Omit<ParsedQuery['expansions'][number], 'tier'> {
  const words = new Set<string>();
  const pairs = new Set<string>();
  const phrases: string[][] = [];
  for (const term of terms) {
    const tokens = tokenize(term);
    phrases.push(tokens.map((t) => t.text));
    for (const token of tokens) if (!typed.has(token.text)) words.add(token.text);
    for (const pair of pairsOf(tokens, term)) if (!typedPairs.has(pair)) pairs.add(pair);
  }
  return { words: [...words], pairs: [...pairs], phrases };
}

/** How often the catalog writes a phrase of the query as read: its rarest pair, or the syllable itself. */
function phraseCount(model: AccentModel, forms: string[]): number {
  if (forms.length === 1) return catalogCount(model, forms[0]);
  let least = Infinity;
  for (let i = 1; i < forms.length; i += 1) least = Math.min(least, catalogCount(model, `${forms[i - 1]} ${forms[i]}`));
  return least;
}

/** The query with the syllables read otherwise replaced by what was searched. */
function rewrite(text: string, typed: string[], forms: (string | null)[]): string {
  let out = '';
  let at = 0;
  typed.forEach((word, i) => {
    const start = text.indexOf(word, at);
    if (start < 0) return;
    out += text.slice(at, start) + (forms[i] ?? word);
    at = start + word.length;
  });
  return out + text.slice(at);
}

/**
 * What a search runs for a query. `asTyped`: the words exactly as typed — no marks restored, no
 * typo corrected, no word of the thesaurus added (the resident's "Tìm đúng như đã gõ").
 */
export function understandQuery(db: Db, q: string, { asTyped = false } = {}): Understood {
  const nfc = q.normalize('NFC').slice(0, 500);
  const numbers = parseNumberQuery(nfc);
  const { references, rest } = documentReferences(numbers.rest);
  const tokens = tokenize(rest);
  const typed = tokens.map((t) => rest.slice(t.start, t.end));
  const syllables: TypedSyllable[] = tokens.map((t, i) => ({
    typed: typed[i],
    folded: t.text,
    marked: HAS_MARKS.test(typed[i]),
    joined: i > 0 && PAIR_GAP.test(rest.slice(tokens[i - 1].end, t.start)),
  }));
  const model = asTyped ? null : accentModel(db);
  const read: ReadSyllable[] = model
    ? readSyllables(model, knownSyllables(), syllables)
    : syllables.map((s) => ({ form: s.typed.toLowerCase(), folded: s.folded, kind: 'typed' }));
  const queryMarked = syllables.some((s) => s.marked);
  const folded = read.map((r) => r.folded);
  // Marks the resident meant (typed and known, or a typo corrected), and marks restored to an unaccented query.
  const meant = read.map((r, i) => (r.kind === 'restored' ? null : r.form && (syllables[i].marked || r.kind === 'corrected' || queryMarked) ? readKey(r) : null));
  const guessed = read.map((r) => (r.kind === 'restored' ? readKey(r) : null));

  const questions = coveredBy(findPhrases(questionWords(), folded, meant, guessed), read.length);
  const matches = model ? findPhrases(thesaurusOf(db), folded, meant, guessed) : [];
  const tiers = { everyday: new Set<string>(), legal: new Set<string>() };
  // A law's phrase the resident already typed ("bảo hiểm thất nghiệp") is searched as typed, not again.
  const typedText = ` ${folded.join(' ')} `;
  const typedAlready = (term: string) => typedText.includes(` ${tokenize(term).map((t) => t.text).join(' ')} `);
  for (const match of matches) {
    const forms = read.slice(match.start, match.end).map((r, k) => r.form ?? syllables[match.start + k].typed.toLowerCase());
    const tier = model && phraseCount(model, forms) >= LAW_PHRASE_COUNT ? tiers.legal : tiers.everyday;
    for (const term of match.terms) if (!typedAlready(term)) tier.add(term);
  }
  const expanded = [...new Set([...tiers.everyday, ...tiers.legal])];

  // What drives ranking: the words as read, less the question words; pairs only of two kept, adjacent words.
  const words = [...new Set(folded.filter((_, i) => !questions[i]))];
  const runs: string[][] = [];
  const pairs = new Set<string>();
  const exact = new Map<string, string>();
  const marked: string[] = [];
  read.forEach((r, i) => {
    if (questions[i]) return;
    if (i > 0 && syllables[i].joined && !questions[i - 1]) {
      runs[runs.length - 1].push(r.folded);
      pairs.add(`${folded[i - 1]}${PAIR_JOINER}${r.folded}`);
    } else runs.push([r.folded]);
    // Only marks meant count against passages that hold the syllable with other marks.
    const key = meant[i] !== null && (syllables[i].marked || r.kind === 'corrected') ? meant[i] : null;
    if (key === null || exact.has(r.folded)) return;
    exact.set(r.folded, key);
    marked.push(r.form ?? typed[i]);
  });
  const changed = read.some((r) => r.kind !== 'typed');
  return {
    query: {
      numbers: numbers.full,
      numberRanges: numbers.partial.map((p) => partialKeyRange(p.prefix)),
      references,
      words,
      pairs: [...pairs],
      runs,
      exact,
      marked,
      expansions: (['everyday', 'legal'] as const).flatMap((tier) => (tiers[tier].size ? [{ tier, ...expansionForms([...tiers[tier]], new Set(words), pairs) }] : [])),
    },
    searched: changed ? rewrite(nfc, typed, read.map((r) => (r.kind === 'typed' ? null : r.form))) : null,
    corrected: read.some((r) => r.kind === 'corrected'),
    expanded,
  };
}

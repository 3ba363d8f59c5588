/**
 * Reading a query the way it was meant (docs/search.md § Residents' own words): syllables typed
 * without marks get their most likely marks ("ly di" → "ly dị"), and typos are corrected to the
 * nearest frequent syllable ("khôg" → "không", "lươg" → "lương", "bảo hiễm" → "bảo hiểm"). Each
 * syllable's candidates are weighed by how often the catalog writes them (accent-model.ts) and
 * how often they follow the one before (Viterbi over the query). Marks the resident typed are
 * kept when the catalog or the Vietnamese word list knows the syllable: accents typed are meant.
 */
import { exactKey } from '../../shared/search/tokens.js';
import type { AccentModel } from './accent-model.js';
import { isVietnameseSyllable, looksForeign } from './syllables.js';

/** A syllable of the query as typed. */
export interface TypedSyllable {
  typed: string;
  folded: string;
  /** Typed with marks. */
  marked: boolean;
  /** Only spaces between it and the syllable before: the two may form a pair. */
  joined: boolean;
}

export type ReadingKind = 'typed' | 'restored' | 'corrected';

export interface ReadSyllable {
  /** The form searched (lower case, NFC), or null when the syllable is left as typed (unknown to the catalog). */
  form: string | null;
  folded: string;
  kind: ReadingKind;
}

/** Weights of the reading (log scale). */
const READING = {
  /** A form the resident typed that the catalog or the word list knows: accents typed are meant. */
  knownBonus: 4,
  /** Keeping a well-formed syllable neither the catalog nor the word lists know ("hiễm", "mổi"): its nearest known forms usually win. */
  unknownPenalty: 4,
  /** Another form of a syllable typed with known marks (a real-word typo such as "vợ củ"): only strong pairs win. */
  realWordPenalty: 7,
  /** A syllable one edit away from what was typed. */
  editPenalty: 3,
  /** Keeping a syllable no Vietnamese syllable looks like, that neither the catalog nor the word lists know ("lươg"). */
  malformedPenalty: 5,
  /** How much a pair seen in the catalog counts, per log unit. */
  pairWeight: 1.5,
  /** Forms considered per syllable. */
  candidates: 5,
};

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Folded syllables one edit away (delete, transpose, replace, insert) that the model knows. */
function neighbours(model: AccentModel, folded: string): string[] {
  const found = new Set<string>();
  const consider = (candidate: string) => {
    if (candidate !== folded && model.forms.has(candidate)) found.add(candidate);
  };
  for (let i = 0; i <= folded.length; i += 1) {
    if (i < folded.length) consider(folded.slice(0, i) + folded.slice(i + 1));
    if (i + 1 < folded.length) consider(folded.slice(0, i) + folded[i + 1] + folded[i] + folded.slice(i + 2));
    for (const letter of ASCII_LETTERS) {
      if (i < folded.length) consider(folded.slice(0, i) + letter + folded.slice(i + 1));
      consider(folded.slice(0, i) + letter + folded.slice(i));
    }
  }
  return [...found];
}

interface Candidate {
  form: string | null;
  folded: string;
  kind: ReadingKind;
  score: number;
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Edits between two strings, letter by letter. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length];
}

const HOI = '\u0309';
const NGA = '\u0303';

/** How far apart two tones are: hỏi and ngã, which most of the country says alike, are easily swapped in typing. */
function toneDistance(a: string, b: string): number {
  if (a === b) return 0;
  return (a === HOI && b === NGA) || (a === NGA && b === HOI) ? 0.1 : 1;
}

/**
 * How far a form is from what was typed with marks: edits of the letters with their vowel marks
 * (ư is not u), plus the tones' distance — so "lươg" is nearer "lương" than "log", "khôg" nearer
 * "không" than "khóa", and "hiễm" nearest "hiểm".
 */
function markedDistance(typed: string, form: string): number {
  const letters = (s: string) => s.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  const tone = (s: string) => s.normalize('NFD').match(TONE_MARKS)?.join('') ?? '';
  return editDistance(letters(typed), letters(form)) + toneDistance(tone(typed), tone(form));
}

const countOf = (model: AccentModel, folded: string, form: string) => model.forms.get(folded)?.find((f) => f.form === form)?.count ?? 0;

/**
 * The forms a syllable may be read as, each with its own weight. In a query typed with marks, a
 * syllable typed without them is meant so when the catalog writes it so ("con", "trai"); in a
 * query typed with none, every syllable's marks are restored.
 */
function candidatesOf(model: AccentModel, known: ReadonlySet<string>, syllable: TypedSyllable, queryMarked: boolean): Candidate[] {
  const { folded } = syllable;
  const typedForm = syllable.typed.toLowerCase();
  const keep: Candidate = { form: null, folded, kind: 'typed', score: 0 };
  if (!/\p{L}/u.test(folded)) return [keep];
  // A form weighs by how often the catalog writes the syllable so (log of its share among the syllable's forms).
  const formsOf = (f: string, kind: ReadingKind, penalty: number) => {
    const forms = model.forms.get(f) ?? [];
    const total = forms.reduce((sum, c) => sum + c.count, 0);
    return forms.slice(0, READING.candidates).map((c) => ({ form: c.form, folded: f, kind, score: Math.log((c.count + 1) / (total + 1)) - penalty }));
  };
  const count = countOf(model, folded, typedForm);
  const isKnown = count > 0 || known.has(typedForm);
  if (syllable.marked || (queryMarked && isKnown)) {
    if (isKnown) {
      return [
        { form: typedForm, folded, kind: 'typed', score: READING.knownBonus },
        ...formsOf(folded, 'corrected', READING.realWordPenalty).filter((c) => c.form !== typedForm),
      ];
    }
    if (isVietnameseSyllable(typedForm)) {
      return [
        { form: null, folded, kind: 'typed', score: -READING.unknownPenalty },
        ...formsOf(folded, 'corrected', 0).map((c) => ({ ...c, score: c.score - READING.editPenalty * markedDistance(typedForm, c.form ?? '') })),
      ];
    }
    // Marks no syllable takes ("tủoi", "khôg"): the syllable's known forms, else its neighbours'.
    if (model.forms.has(folded)) return formsOf(folded, 'corrected', 0);
  } else if (model.forms.has(folded)) {
    return formsOf(folded, 'restored', 0).map((c) => (c.form === typedForm ? { ...c, kind: 'typed' as const } : c));
  }
  if (looksForeign(folded)) return [keep];
  // Neighbours one edit away (folded), weighed by how often the catalog writes each and, with
  // marks typed, by how near they are to them.
  const near = neighbours(model, folded).flatMap((n) => model.forms.get(n)?.slice(0, READING.candidates).map((c) => ({ ...c, folded: n })) ?? []);
  const total = near.reduce((sum, c) => sum + c.count, 0);
  const malformed = !isVietnameseSyllable(typedForm);
  return [
    { ...keep, score: malformed ? -READING.malformedPenalty : 0 },
    ...near.map((c) => ({
      form: c.form,
      folded: c.folded,
      kind: 'corrected' as const,
      score: Math.log((c.count + 1) / (total + 1)) - READING.editPenalty * (syllable.marked ? markedDistance(typedForm, c.form) : 1),
    })),
  ];
}

/** How well two forms follow each other in the catalog. */
function pairScore(model: AccentModel, a: Candidate, b: Candidate): number {
  if (!a.form || !b.form) return 0;
  return READING.pairWeight * Math.log(1 + (model.pairs.get(`${a.form} ${b.form}`) ?? 0));
}

/** The most likely reading of a query's syllables (Viterbi over their candidates). */
export function readSyllables(model: AccentModel, known: ReadonlySet<string>, syllables: TypedSyllable[]): ReadSyllable[] {
  if (!syllables.length) return [];
  const queryMarked = syllables.some((s) => s.marked);
  const options = syllables.map((s) => candidatesOf(model, known, s, queryMarked));
  let best = options[0].map((c) => ({ score: c.score, path: [c] }));
  for (let i = 1; i < options.length; i += 1) {
    best = options[i].map((c) => {
      let top = best[0];
      let topScore = -Infinity;
      for (const prev of best) {
        const score = prev.score + (syllables[i].joined ? pairScore(model, prev.path[prev.path.length - 1], c) : 0);
        if (score > topScore) {
          topScore = score;
          top = prev;
        }
      }
      return { score: topScore + c.score, path: [...top.path, c] };
    });
  }
  const winner = best.reduce((a, b) => (b.score > a.score ? b : a));
  return winner.path.map(({ form, folded, kind }) => ({ form, folded, kind }));
}

/** The exact-accent key of a read syllable, when it has a form. */
export function readKey(syllable: ReadSyllable): string | null {
  return syllable.form ? exactKey(syllable.form) : null;
}

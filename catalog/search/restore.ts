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
  /** A well-formed syllable neither knows ("hiễm", "cộ"): kept unless a pair the catalog writes very often says otherwise ("bảo hiểm"). */
  unknownBonus: 8,
  /** Another form of a syllable typed with known marks (a real-word typo such as "vợ củ"): only strong pairs win. */
  realWordPenalty: 7,
  /** A syllable one edit away from what was typed. */
  editPenalty: 3,
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
      return [{ form: null, folded, kind: 'typed', score: READING.unknownBonus }, ...formsOf(folded, 'corrected', 0)];
    }
    // Marks no syllable takes ("tủoi", "khôg"): the syllable's known forms, else its neighbours'.
    if (model.forms.has(folded)) return formsOf(folded, 'corrected', 0);
  } else if (model.forms.has(folded)) {
    return formsOf(folded, 'restored', 0).map((c) => (c.form === typedForm ? { ...c, kind: 'typed' as const } : c));
  }
  if (looksForeign(folded)) return [keep];
  return [keep, ...neighbours(model, folded).flatMap((n) => formsOf(n, 'corrected', READING.editPenalty))];
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

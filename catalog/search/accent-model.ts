/**
 * How the catalog writes its syllables (docs/search.md § Residents' own words): for each syllable
 * without marks, the forms it takes in the catalog's own text and how often ("ly" → lý, ly, lỵ),
 * and how often two forms follow each other ("ly hôn"). Counted from the texts — all of them in a
 * small library, an even sample up to SAMPLE_CHARS in a large one — plus the everyday phrases of
 * the word lists (residents say "ly dị" and "có bầu", which laws rarely do) and, weakly, which
 * syllables go together in the words of a Vietnamese word list ("đất đai"). Kept in the catalog
 * (table search_models) and counted again when the text index has grown or shrunk by a tenth, so
 * documents that arrive are taken in. A read-only connection (a read pool worker) never counts
 * while a search waits: it keeps the stored model, stale or not, and notes it stale (./stale.ts).
 */
import type { Db } from '../db/open.js';
import { vnFold } from '../../shared/text.js';
import { vietnameseWords, wordListTexts } from './lexicon.js';
import { noteStale } from './stale.js';

/** Text read from the catalog to count, in all, and from one text at most. */
const SAMPLE_CHARS = 24_000_000;
const TEXT_CHARS = 200_000;
/** Pairs seen fewer times than this in the sample are forgotten (typos, names). */
const MIN_PAIR_COUNT = 2;
/** How much an everyday phrase of the word lists counts, against the catalog's own text. */
const EVERYDAY_COUNT = 200;
/** How much a word of the Vietnamese word list counts: enough to read "dat dai" as "đất đai" in a small library. */
const WORD_LIST_COUNT = 2;
const MODEL_NAME = 'accents';

export interface AccentModel {
  /** Folded syllable → its forms (lower case, NFC) with their counts, most frequent first. */
  forms: Map<string, { form: string; count: number }[]>;
  /** "form form" → how often the two follow each other. */
  pairs: Map<string, number>;
  /** What the word lists added to a form's or a pair's count (the rest is the catalog's own text). */
  everyday: Map<string, number>;
}

const WORD = /[\p{L}\p{M}]+/gu;
const PAIR_GAP = /^[ \t\u00a0]+$/;

class Counter {
  readonly forms = new Map<string, Map<string, number>>();
  readonly pairs = new Map<string, number>();

  /** Counts the forms and pairs of a text; `pairsOnly` for a word list, whose words say which syllables go together but not how often each is used. */
  add(text: string, weight: number, pairsOnly = false): void {
    const lower = text.normalize('NFC').toLowerCase();
    let previous: { form: string; end: number } | null = null;
    for (const match of lower.matchAll(WORD)) {
      const form = match[0];
      const folded = vnFold(form);
      let byForm = this.forms.get(folded);
      if (!byForm) this.forms.set(folded, (byForm = new Map()));
      if (!pairsOnly) byForm.set(form, (byForm.get(form) ?? 0) + weight);
      else if (!byForm.has(form)) byForm.set(form, 0);
      if (previous && PAIR_GAP.test(lower.slice(previous.end, match.index))) {
        const pair = `${previous.form} ${form}`;
        this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + weight);
      }
      previous = { form, end: match.index + form.length };
    }
  }

  model(everyday: Counter): AccentModel {
    for (const [folded, byForm] of everyday.forms) {
      let mine = this.forms.get(folded);
      if (!mine) this.forms.set(folded, (mine = new Map()));
      for (const [form, count] of byForm) mine.set(form, (mine.get(form) ?? 0) + count);
    }
    for (const [pair, count] of everyday.pairs) this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + count);
    const forms = new Map<string, { form: string; count: number }[]>();
    for (const [folded, byForm] of this.forms) {
      forms.set(folded, [...byForm].map(([form, count]) => ({ form, count })).sort((a, b) => b.count - a.count));
    }
    const pairs = new Map([...this.pairs].filter(([, count]) => count >= MIN_PAIR_COUNT));
    const added = new Map<string, number>(everyday.pairs);
    for (const byForm of everyday.forms.values()) for (const [form, count] of byForm) added.set(form, count);
    return { forms, pairs, everyday: added };
  }
}

/** How often the catalog's own text writes a form or a pair ("ly hôn", "sổ đỏ"), the word lists left out. */
export function catalogCount(model: AccentModel, key: string): number {
  const total = key.includes(' ') ? (model.pairs.get(key) ?? 0) : (model.forms.get(vnFold(key))?.find((f) => f.form === key)?.count ?? 0);
  return total - (model.everyday.get(key) ?? 0);
}

/** The phrases of the word lists (everyday and legal words, question words), as text to count. */
function everydayPhrases(db: Db): string[] {
  return wordListTexts(db)
    .flatMap((text) => text.split(/\r?\n/))
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .flatMap((line) => line.split(/=>|,/))
    .map((phrase) => phrase.replace(/^\s*=/, '').trim())
    .filter(Boolean);
}

/** Counts the model from the catalog's texts (an even sample when they are many) and the word lists. */
export function buildAccentModel(db: Db): AccentModel {
  const counter = new Counter();
  const texts = db.prepare('SELECT count(*) AS n, coalesce(sum(min(length(text), ?)), 0) AS chars FROM publication_texts').get(TEXT_CHARS) as { n: number; chars: number };
  const stride = Math.max(1, Math.ceil(texts.chars / SAMPLE_CHARS));
  let index = 0;
  for (const text of db.prepare('SELECT substr(text, 1, ?) FROM publication_texts ORDER BY rowid').pluck().iterate(TEXT_CHARS) as Iterable<string>) {
    if (index++ % stride === 0) counter.add(text, 1);
  }
  for (const title of db.prepare('SELECT title FROM publications').pluck().iterate() as Iterable<string>) counter.add(title, 1);
  const everyday = new Counter();
  for (const phrase of everydayPhrases(db)) everyday.add(phrase, EVERYDAY_COUNT);
  for (const word of vietnameseWords()) everyday.add(word, WORD_LIST_COUNT, true);
  return counter.model(everyday);
}

interface Stored {
  forms: [string, [string, number][]][];
  pairs: [string, number][];
  everyday: [string, number][];
}

function encode(model: AccentModel): string {
  const stored: Stored = {
    forms: [...model.forms].map(([folded, forms]) => [folded, forms.map(({ form, count }) => [form, count])]),
    pairs: [...model.pairs],
    everyday: [...model.everyday],
  };
  return JSON.stringify(stored);
}

function decode(data: string): AccentModel {
  const stored = JSON.parse(data) as Stored;
  return {
    forms: new Map(stored.forms.map(([folded, forms]) => [folded, forms.map(([form, count]) => ({ form, count }))])),
    pairs: new Map(stored.pairs),
    everyday: new Map(stored.everyday),
  };
}

const cache = new WeakMap<Db, { rows: number; model: AccentModel }>();

/** The text index's size: the highest passage id (O(1), close enough to notice growth). */
function indexSize(db: Db): number {
  return db.prepare('SELECT coalesce(max(id), 0) FROM passages').pluck().get() as number;
}

const stale = (built: number, now: number) => built < 0 || Math.abs(now - built) > Math.max(built / 10, 50);

/** Keeps the counted model for the next start; a search must answer even when the disk is full or the
 *  catalog is read-only, so a failed save only means counting again next time. */
function saveModel(db: Db, rows: number, model: AccentModel): void {
  try {
    db.prepare('INSERT INTO search_models (name, rows, data) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET rows = excluded.rows, data = excluded.data').run(MODEL_NAME, rows, encode(model));
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && /^SQLITE_(FULL|READONLY|BUSY|IOERR)/.test(String(error.code)))) throw error;
  }
}

/** The library's accent model: from memory, from the catalog, or counted again when the texts have changed. */
export function accentModel(db: Db): AccentModel {
  const rows = indexSize(db);
  const cached = cache.get(db);
  if (cached && !stale(cached.rows, rows)) return cached.model;
  const storedRows = db.prepare('SELECT rows FROM search_models WHERE name = ?').pluck().get(MODEL_NAME) as number | undefined;
  if (cached && db.readonly && storedRows === cached.rows) {
    noteStale();
    return cached.model;
  }
  let model: AccentModel;
  let builtAt: number;
  if (storedRows !== undefined && (!stale(storedRows, rows) || db.readonly)) {
    model = decode(db.prepare('SELECT data FROM search_models WHERE name = ?').pluck().get(MODEL_NAME) as string);
    builtAt = storedRows;
    if (stale(storedRows, rows)) noteStale();
  } else {
    model = buildAccentModel(db);
    builtAt = rows;
    if (db.readonly) noteStale();
    else saveModel(db, rows, model);
  }
  cache.set(db, { rows: builtAt, model });
  return model;
}

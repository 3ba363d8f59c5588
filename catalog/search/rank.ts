/**
 * Retrieval and ranking. Candidates come from three places — document numbers, the metadata
 * index and the passage index (FTS5 bm25 over folded syllables, syllable pairs and article
 * headings), plus the law's words the thesaurus adds for everyday ones, counting less — and are
 * re-ranked in JS: a passage gains when its document's title is named in the query or when it
 * quotes the query; an exact-accent match outranks a folded one, and one made only with other
 * accents ("hơn" for "hôn") loses; a document no longer in force comes after what replaced it
 * (in-force-first.ts).
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { anyOf, ftsTerm } from './query.js';
import type { ParsedQuery } from './query.js';
import { filterCondition } from './filters.js';
import { rareTerms, termStats } from './term-stats.js';
import type { TermIndex } from './term-stats.js';
import type { SearchFilters } from './filters.js';
import { exactSyllables, indexForms } from '../../shared/search/tokens.js';
import { vnFold } from '../../shared/text.js';
import { accentMatchers, accentShares } from './accents.js';
import { foldedWords, holdsExpansion, longestRun } from './phrases.js';
import { passageTexts } from './passage-text.js';
import { inForceFirst } from './in-force-first.js';

export const RANKING = {
  /** bm25 weights of passage_fts columns: heading, body, pairs. */
  passageWeights: [4, 1, 2] as const,
  /** bm25 weights of meta_fts columns: title, number, issuer, pairs. */
  metaWeights: [4, 2, 1, 4] as const,
  /**
   * Syllables and pairs in more than this share of an index's rows (and more than its floor,
   * see term-stats.ts) are left out of OR queries: they cost time and rank little.
   */
  commonShare: { passage: 0.01, meta: 0.02 },
  passageCandidates: 300,
  /** Queries of at most this many syllables also search the titles of all publications. */
  shortQueryWords: 6,
  /** At most this many syllables, and this many pairs, of a long question are searched. */
  maxTerms: 16,
  metaCandidates: 200,
  /** How much a fully named title lifts a document's passages, relative to the best passage. */
  titleBoost: 0.6,
  /** Extra weight for query syllables matched with their exact accents in a title. */
  exactTitleBoost: 0.15,
  /** Extra weight for the query's marked syllables a passage holds with their marks (relative to the best passage). */
  exactPassageBoost: 0.1,
  /**
   * Accents typed are meant: a passage loses up to this share of its score as its matches of the
   * query's marked syllables are made with other marks ("hơn" for "hôn")…
   */
  wrongAccentPenalty: 0.3,
  /** …and this share when it holds none of them with their marks, nor a phrase the thesaurus added: it matched only through other accents. */
  onlyOtherAccentsPenalty: 0.8,
  /** How many of the best passages, and of the best documents' best passages, are read for the accent and quote checks. */
  textCandidates: 16,
  /** A passage that holds this many of the query's adjacent words verbatim quotes it, and gains up to quoteBoost (relative to the best passage). */
  quoteMinWords: 4,
  quoteBoost: 0.3,
  numberScore: 1000,
  partialNumberScore: 500,
  /** A document reference ("quyết định 28"): its type and the start of its number. */
  referenceScore: 500,
  /** How much the thesaurus's words count beside the words typed: for everyday words, and for words the law also uses. */
  expansionWeight: { everyday: 0.75, legal: 0.25 },
};

export interface RankedPassage {
  id: number;
  publicationId: string;
  sectionId: number | null;
  start: number;
  end: number;
  score: number;
  /** It holds two of the query's words side by side, or a phrase the thesaurus added (read for the best passages only). */
  together?: boolean;
  /** It matched the query's marked syllables only with other marks (read for the best passages only). */
  otherAccentsOnly?: boolean;
  /** Its text, when it was read (the best passages). */
  text?: string;
}

export interface RankedDocument {
  publicationId: string;
  score: number;
  matchedBy: 'number' | 'title' | 'text';
  passages: RankedPassage[];
  /** Found by its number, or its title or one of its best passages holds the query's words together (not only scattered). */
  together: boolean;
}

interface Match {
  expr: string;
  /**
   * Every term of the query is common: ranking all the rows that hold them would be slow and
   * tell little, so the first rows that hold all of them are taken unranked.
   */
  common: boolean;
}

const COLUMNS: Record<TermIndex, { words: string }> = {
  passage: { words: '{heading body}' },
  meta: { words: '{title number issuer}' },
};

/** The MATCH expression for an index: the query's rare syllables and pairs, rarest first. */
function matchFor(db: Db, index: TermIndex, query: Pick<ParsedQuery, 'words' | 'pairs'>): Match | null {
  if (!query.words.length && !query.pairs.length) return null;
  const stats = termStats(db, index);
  const share = RANKING.commonShare[index];
  const words = rareTerms(stats, index, query.words, share).slice(0, RANKING.maxTerms);
  const pairs = rareTerms(stats, index, query.pairs, share).slice(0, RANKING.maxTerms);
  const { words: wordColumns } = COLUMNS[index];
  if (!words.length && !pairs.length) {
    const all = query.pairs.length ? `pairs : (${query.pairs.map(ftsTerm).join(' AND ')})` : `${wordColumns} : (${query.words.map(ftsTerm).join(' AND ')})`;
    return { expr: all, common: true };
  }
  const parts: string[] = [];
  if (words.length) parts.push(`${wordColumns} : (${anyOf(words)})`);
  if (pairs.length) parts.push(`pairs : (${anyOf(pairs)})`);
  return { expr: parts.join(' OR '), common: false };
}

interface TitleForms {
  pairs: string[];
  words: string[];
  exact: Set<string>;
}

/** Titles seen by recent searches, worked out once (keyed by the title text itself). */
const titleForms = new Map<string, TitleForms>();
const MAX_TITLE_FORMS = 20_000;

function formsOf(title: string): TitleForms {
  let forms = titleForms.get(title);
  if (!forms) {
    const { pairs, words } = indexForms(title);
    forms = { pairs: pairs ? pairs.split(' ') : [], words: words ? words.split(' ') : [], exact: new Set(exactSyllables(title)) };
    if (titleForms.size >= MAX_TITLE_FORMS) titleForms.clear();
    titleForms.set(title, forms);
  }
  return forms;
}

/** Share of a title's syllable pairs (or syllables, for one-word titles) that the query contains. */
function titleCoverage(forms: TitleForms, queryPairs: Set<string>, queryWords: Set<string>): number {
  if (forms.pairs.length) return forms.pairs.filter((p) => queryPairs.has(p)).length / forms.pairs.length;
  return forms.words.length ? forms.words.filter((w) => queryWords.has(w)).length / forms.words.length : 0;
}

/** Share of the query's marked syllables that the title holds with the same marks. */
function exactShare(forms: TitleForms, query: ParsedQuery): number {
  if (!query.exact.size) return 0;
  let hits = 0;
  for (const key of query.exact.values()) if (forms.exact.has(key)) hits += 1;
  return hits / query.exact.size;
}

/** The best passages (`sorted`: best first) and the best passage of each of the documents they lead to, with their text read (kept on the passage for the snippets). */
function readCandidateTexts(db: Db, sorted: RankedPassage[]): void {
  // The best passages, and the best passage of each of the documents they lead to (so a document's place is judged on what it holds).
  const bestOfDocument = new Map<string, RankedPassage>();
  for (const passage of sorted) {
    if (bestOfDocument.size >= RANKING.textCandidates) break;
    if (!bestOfDocument.has(passage.publicationId)) bestOfDocument.set(passage.publicationId, passage);
  }
  const candidates = new Set([...sorted.slice(0, RANKING.textCandidates), ...bestOfDocument.values()]);
  const texts = passageTexts(db, [...candidates].map((p) => p.id));
  for (const passage of candidates) passage.text = texts.get(passage.id);
}

/** How far a passage quotes the query, from its longest run of the query's adjacent words: 0 under quoteMinWords. */
function quoteShare(run: number, query: ParsedQuery): number {
  const total = query.runs.reduce((n, words) => n + words.length, 0);
  // Cubed: a whole sentence quoted counts fully, a few shared words ("trong trường hợp") hardly.
  return run >= RANKING.quoteMinWords ? (run / total) ** 3 : 0;
}

type PassageRow = Omit<RankedPassage, 'score'> & { bm25: number };

/** The best passages a MATCH expression finds (bm25 ascending: best first). */
function passageRows(db: Db, match: Match | null, filter: ReturnType<typeof filterCondition>): PassageRow[] {
  if (!match) return [];
  const [h, b, p] = RANKING.passageWeights;
  const bm25 = `bm25(passage_fts, ${h}, ${b}, ${p})`;
  const order = match.common ? '' : 'ORDER BY bm25';
  // Without filters the index is ranked alone and only the best rows are looked up.
  return (
    filter.params.length
      ? statement(db,
            `SELECT ps.id, ps.publication_id AS publicationId, ps.section_id AS sectionId, ps.start, ps.end, ${bm25} AS bm25
             FROM passage_fts JOIN passages ps ON ps.id = passage_fts.rowid JOIN publications pub ON pub.id = ps.publication_id
             WHERE passage_fts MATCH ? AND ${filter.sql} ${order} LIMIT ${RANKING.passageCandidates}`,
          ).all(match.expr, ...filter.params)
      : statement(db,
            `WITH best AS (SELECT rowid AS id, ${bm25} AS bm25 FROM passage_fts WHERE passage_fts MATCH ? ${order} LIMIT ${RANKING.passageCandidates})
             SELECT ps.id, ps.publication_id AS publicationId, ps.section_id AS sectionId, ps.start, ps.end, best.bm25
             FROM best JOIN passages ps ON ps.id = best.id`,
          ).all(match.expr)
  ) as PassageRow[];
}

/** The publications whose metadata best match (bm25 ascending), with their titles. */
function titleRows(db: Db, match: Match, filter: ReturnType<typeof filterCondition>): { id: string; title: string }[] {
  const order = match.common ? '' : `ORDER BY bm25(meta_fts, ${RANKING.metaWeights.join(', ')})`;
  // Without filters the index is ranked alone and only the best rows are looked up.
  return (
    filter.params.length
      ? statement(db,
          `SELECT sd.publication_id AS id, pub.title
           FROM meta_fts JOIN search_docs sd ON sd.rowid = meta_fts.rowid JOIN publications pub ON pub.id = sd.publication_id
           WHERE meta_fts MATCH ? AND ${filter.sql} ${order} LIMIT ${RANKING.metaCandidates}`,
        ).all(match.expr, ...filter.params)
      : statement(db,
          `WITH best AS (SELECT rowid FROM meta_fts WHERE meta_fts MATCH ? ${order} LIMIT ${RANKING.metaCandidates})
           SELECT sd.publication_id AS id, pub.title FROM best JOIN search_docs sd ON sd.rowid = best.rowid JOIN publications pub ON pub.id = sd.publication_id`,
        ).all(match.expr)
  ) as { id: string; title: string }[];
}

export function rank(db: Db, query: ParsedQuery, filters: SearchFilters = {}): RankedDocument[] {
  const filter = filterCondition(filters);
  const docs = new Map<string, RankedDocument>();
  const doc = (id: string, matchedBy: RankedDocument['matchedBy']) => {
    let entry = docs.get(id);
    if (!entry) docs.set(id, (entry = { publicationId: id, score: 0, matchedBy, passages: [], together: false }));
    return entry;
  };

  // 1. Document numbers: the document itself comes first.
  for (const key of query.numbers) {
    for (const id of statement(db, `SELECT pub.id FROM publications pub WHERE pub.number_key = ? AND ${filter.sql}`).pluck().all(key, ...filter.params) as string[]) {
      doc(id, 'number').score += RANKING.numberScore;
    }
  }
  for (const range of query.numberRanges) {
    const ids = statement(db, `SELECT pub.id FROM publications pub WHERE pub.number_key >= ? AND pub.number_key < ? AND ${filter.sql} LIMIT 200`)
      .pluck()
      .all(range.low, range.high, ...filter.params) as string[];
    for (const id of ids) doc(id, 'number').score += RANKING.partialNumberScore;
  }

  for (const reference of query.references) {
    const ids = statement(db, `SELECT pub.id FROM publications pub WHERE pub.number_key >= ? AND pub.number_key < ? AND pub.doc_type = ? AND ${filter.sql} LIMIT 200`)
      .pluck()
      .all(reference.low, reference.high, reference.docType, ...filter.params) as string[];
    for (const id of ids) doc(id, 'number').score += RANKING.referenceScore;
  }

  // 2. Passages (articles and chunks of text): by the words typed, and by the law's words the
  // thesaurus adds for them, which count less.
  const queryPairs = new Set(query.pairs);
  const queryWords = new Set(query.words);
  const byId = new Map<number, RankedPassage>();
  const gather = (match: Match | null, weight: number) => {
    for (const row of passageRows(db, match, filter)) {
      const passage = byId.get(row.id);
      if (passage) passage.score += weight * -row.bm25;
      else byId.set(row.id, { id: row.id, publicationId: row.publicationId, sectionId: row.sectionId, start: row.start, end: row.end, score: weight * -row.bm25 });
    }
  };
  gather(matchFor(db, 'passage', query), 1);
  for (const expansion of query.expansions) {
    // An added phrase made only of common words ranks nothing and would bring arbitrary passages.
    const match = matchFor(db, 'passage', expansion);
    if (!match?.common) gather(match, RANKING.expansionWeight[expansion.tier]);
  }
  const passages = [...byId.values()];
  /** The passages best first, as the FTS5 queries scored them (before titles, quotes and accents). */
  const byScore = [...passages].sort((a, b) => b.score - a.score);

  // 3. Titles: a query that names a document ("theo Bộ luật Dân sự…") lifts it and its
  // passages. A short query also finds documents by title alone; a long question only
  // weighs the titles of the documents its best passages came from (searching 100,000 titles
  // for every phrase of a question costs more than it finds).
  const titleLift = new Map<string, number>();
  /** Documents whose title holds a pair of the query (or the word of a one-word title). */
  const namedTogether = new Set<string>();
  const short = query.words.length <= RANKING.shortQueryWords;
  const metaMatch = short ? matchFor(db, 'meta', query) : null;
  const titled = metaMatch
    ? titleRows(db, metaMatch, filter)
    : (statement(db, 'SELECT id, title FROM publications WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify([...new Set(byScore.slice(0, RANKING.passageCandidates).map((p) => p.publicationId))]),
      ) as { id: string; title: string }[]);
  for (const row of titled) {
    const forms = formsOf(row.title);
    const coverage = titleCoverage(forms, queryPairs, queryWords);
    if (coverage > 0) namedTogether.add(row.id);
    titleLift.set(row.id, coverage + RANKING.exactTitleBoost * exactShare(forms, query));
  }

  const best = passages.length ? Math.max(...passages.map((p) => p.score)) : 1;
  readCandidateTexts(db, byScore);
  const matchers = accentMatchers(query.marked);
  for (const passage of passages) {
    passage.score += RANKING.titleBoost * best * (titleLift.get(passage.publicationId) ?? 0);
    const { text } = passage;
    if (text !== undefined) {
      const foldedText = vnFold(text);
      const folded = foldedWords(text, foldedText);
      const run = longestRun(folded, query.runs);
      const expanded = holdsExpansion(folded, query.expansions);
      passage.together = run >= 2 || expanded;
      passage.score += RANKING.quoteBoost * best * quoteShare(run, query);
      const accent = accentShares(text, matchers, foldedText);
      passage.score += RANKING.exactPassageBoost * best * accent.exact;
      passage.otherAccentsOnly = accent.exact === 0 && accent.wrong > 0 && !expanded;
      passage.score *= 1 - (passage.otherAccentsOnly ? RANKING.onlyOtherAccentsPenalty : RANKING.wrongAccentPenalty * accent.wrong);
    }
    const entry = doc(passage.publicationId, 'text');
    entry.passages.push(passage);
  }
  for (const [id, lift] of titleLift) {
    const entry = doc(id, 'title');
    if (entry.matchedBy === 'text' && lift >= 0.99) entry.matchedBy = 'title';
  }
  for (const entry of docs.values()) {
    entry.passages.sort((a, b) => b.score - a.score);
    // The best passage already carries the title's lift; a title-only match gets the lift alone.
    entry.score += entry.passages[0]?.score ?? RANKING.titleBoost * best * (titleLift.get(entry.publicationId) ?? 0);
    entry.together = entry.matchedBy === 'number' || namedTogether.has(entry.publicationId) || entry.passages.some((p) => p.together);
  }
  // Accents typed are meant: a document whose passages, as read, hold the marked words only with
  // other marks ("hơn", "Hồn" for "hôn") comes after every document that may hold them as typed.
  const otherAccentsOnly = (entry: RankedDocument) =>
    entry.matchedBy === 'text' && !titleLift.get(entry.publicationId) && entry.passages.every((p) => p.otherAccentsOnly === true);
  const sorted = [...docs.values()]
    .map((entry) => ({ entry, demoted: otherAccentsOnly(entry) }))
    .sort((a, b) => Number(a.demoted) - Number(b.demoted) || b.entry.score - a.entry.score || a.entry.publicationId.localeCompare(b.entry.publicationId))
    .map(({ entry }) => entry);
  return inForceFirst(db, sorted);
}

/**
 * A query of several words that the catalog holds only scattered: no document by its number or
 * title, and none of the best passages holds two of its words side by side or a phrase the
 * thesaurus added ("ly hôn" where only "quản lý" and "hơn" occur). Not presented as an answer.
 */
function onlyScattered(query: ParsedQuery, ranked: RankedDocument[]): boolean {
  return ranked.length > 0 && query.runs.some((run) => run.length >= 2) && !ranked.some((doc) => doc.together);
}

/** The ranked documents presented as answers: none when the query's words are only scattered. */
export function rankAnswers(db: Db, query: ParsedQuery, filters: SearchFilters = {}): { ranked: RankedDocument[]; scattered: boolean } {
  const ranked = rank(db, query, filters);
  const scattered = onlyScattered(query, ranked);
  return { ranked: scattered ? [] : ranked, scattered };
}

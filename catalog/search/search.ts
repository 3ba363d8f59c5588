/**
 * Full-text search as residents use it: ranked publications, each with its best article-level
 * hits (snippet, highlights on the accented text, page), paging, filters and facet counts.
 * An empty query browses the catalog (newest first) with the same filters and facets.
 */
import type { Db } from '../db/open.js';
import { articleLabel } from '../../shared/legal/structure.js';
import { statement } from '../db/statements.js';
import { pageAt } from '../documents.js';
import { summariesByIds } from '../publications.js';
import { countFacets } from './facets.js';
import { filterCondition } from './filters.js';
import type { SearchFilters } from './filters.js';
import { understandQuery } from './understand.js';
import { rankAnswers } from './rank.js';
import type { RankedDocument, RankedPassage } from './rank.js';
import type { ParsedQuery } from './query.js';
import { makeSnippet, matchRanges } from './snippets.js';
import { passageTexts } from './passage-text.js';
import type { Highlight } from './snippets.js';
import type { Facets, PassageHit, SearchHit, SearchResult } from '../../shared/search/results.js';

export interface SearchInput {
  q: string;
  offset: number;
  limit: number;
  filters?: SearchFilters;
  facets?: boolean;
  /** Search the words exactly as typed (understand.ts). */
  asTyped?: boolean;
}

/** At most this many passages are shown under one publication. */
const HITS_PER_PUBLICATION = 3;

function browse(db: Db, input: SearchInput): SearchResult {
  const filter = filterCondition(input.filters);
  const ids = statement(db, `SELECT pub.id FROM publications pub WHERE ${filter.sql} ORDER BY pub.issued_date IS NULL, pub.issued_date DESC, pub.title_sort LIMIT ? OFFSET ?`)
    .pluck()
    .all(...filter.params, input.limit, input.offset) as string[];
  const total = (statement(db, `SELECT count(*) FROM publications pub WHERE ${filter.sql}`).pluck().get(...filter.params) as number);
  return {
    total,
    offset: input.offset,
    limit: input.limit,
    items: summariesByIds(db, ids).map((publication) => ({ publication, score: 0, matchedBy: 'browse', titleHighlights: [], hits: [] })),
    facets: input.facets ? facets(db, input.q, input.filters) : null,
    understood: null,
  };
}

/** Facet counts over what a query (or, when empty, the filters alone) finds. */
export function facets(db: Db, q: string, filters: SearchFilters = {}, asTyped = false): Facets {
  if (q.trim()) return countFacets(db, rankAnswers(db, understandQuery(db, q, { asTyped }).query, filters).ranked.map((r) => r.publicationId));
  const filter = filterCondition(filters);
  const ids = filter.params.length ? (statement(db, `SELECT pub.id FROM publications pub WHERE ${filter.sql}`).pluck().all(...filter.params) as string[]) : null;
  return countFacets(db, ids);
}

/** The passages a result shows: its best ones, one per section. */
function shownPassages(ranked: RankedDocument): RankedPassage[] {
  const seen = new Set<number>();
  return ranked.passages
    .filter((p) => p.sectionId === null || (!seen.has(p.sectionId) && seen.add(p.sectionId)))
    .slice(0, HITS_PER_PUBLICATION);
}

/** A result's hits: its shown passages with snippet, article and page (`texts`: those the ranking did not read). */
function passageHits(db: Db, publicationId: string, passages: RankedPassage[], texts: Map<number, string>, highlight: Highlight): PassageHit[] {
  if (!passages.length) return [];
  // The page of a hit is its article's; the text's page starts (read past the whole text) only when it has none.
  let pageStarts: number[] | undefined;
  const pageOf = (offset: number) => {
    pageStarts ??= JSON.parse((statement(db, 'SELECT page_starts FROM publication_texts WHERE publication_id = ?').pluck().get(publicationId) as string | undefined) ?? '[0]') as number[];
    return pageAt(pageStarts, offset);
  };
  const section = statement(db, 'SELECT level, number, heading, page FROM sections WHERE id = ?');
  return passages.flatMap((passage) => {
    const text = passage.text ?? texts.get(passage.id);
    if (text === undefined) return [];
    const info = passage.sectionId === null ? undefined : (section.get(passage.sectionId) as { level: string; number: string; heading: string; page: number | null } | undefined);
    const snippet = makeSnippet(text, highlight);
    return [{
      sectionId: passage.sectionId,
      label: info?.level === 'article' ? articleLabel(info.number) : null,
      heading: info?.heading ?? null,
      page: info?.page ?? pageOf(passage.start),
      offset: passage.start,
      snippet: snippet.text,
      highlights: snippet.highlights,
    }];
  });
}

/** What to highlight: the words searched (with their marks when typed with them) and the phrases the thesaurus added. */
export function highlightOf(query: ParsedQuery): Highlight {
  return { words: new Set(query.words), exact: query.exact, phrases: query.expansions.flatMap((e) => e.phrases) };
}

/**
 * The words `highlightOf` marks, written as a query a reader's find reads the same way
 * (renderer/src/reader/shared/find-words.ts): each word searched, with its marks where they count,
 * then the law's words added, as written and quoted, so they are marked only whole ("ly hôn",
 * not the "hôn" of "kết hôn").
 */
export function marksOf(query: ParsedQuery, expanded: readonly string[]): string {
  // `marked` holds the forms of `exact`'s syllables, in the same order.
  const marked = new Map([...query.exact.keys()].map((folded, i) => [folded, query.marked[i] ?? folded]));
  const phrases = expanded.map((term) => (/\s/.test(term.trim()) ? `"${term.trim()}"` : term.trim()));
  return [...new Set([...query.words.map((w) => marked.get(w) ?? w), ...phrases])].join(' ');
}

export function search(db: Db, input: SearchInput): SearchResult {
  if (!input.q.trim()) return browse(db, input);
  const { query, searched, corrected, expanded } = understandQuery(db, input.q, { asTyped: input.asTyped });
  const { ranked, scattered } = rankAnswers(db, query, input.filters);
  const page = ranked.slice(input.offset, input.offset + input.limit);
  const summaries = new Map(summariesByIds(db, page.map((r) => r.publicationId)).map((s) => [s.id, s]));
  const highlight = highlightOf(query);
  const shown = new Map(page.map((r) => [r.publicationId, shownPassages(r)]));
  // The shown passages the ranking did not read, in one query.
  const texts = passageTexts(db, [...shown.values()].flat().filter((p) => p.text === undefined).map((p) => p.id));
  const items: SearchHit[] = page.flatMap((r) => {
    const publication = summaries.get(r.publicationId);
    if (!publication) return [];
    return [{
      publication,
      score: Math.round(r.score * 1000) / 1000,
      matchedBy: r.matchedBy,
      titleHighlights: matchRanges(publication.title, highlight),
      hits: passageHits(db, r.publicationId, shown.get(r.publicationId) ?? [], texts, highlight),
    }];
  });
  return {
    total: ranked.length,
    offset: input.offset,
    limit: input.limit,
    items,
    facets: input.facets ? countFacets(db, ranked.map((r) => r.publicationId)) : null,
    understood: { searched, corrected, expanded, scattered, marks: marksOf(query, expanded) },
  };
}

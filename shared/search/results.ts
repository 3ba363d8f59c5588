/**
 * What search, typeahead and facets return through the contract.
 */
import type { PublicationSummary } from '../domain.js';

/** A place inside a publication that matched: an article, or a passage outside articles. */
export interface PassageHit {
  sectionId: number | null;
  /** "Điều 51" for an article. */
  label: string | null;
  heading: string | null;
  page: number | null;
  offset: number;
  snippet: string;
  /** [start, end) in `snippet`, on the accented text. */
  highlights: [number, number][];
}

export interface SearchHit {
  publication: PublicationSummary;
  score: number;
  /** Why it is here: its number, its title, its text, or browsing without a query. */
  matchedBy: 'number' | 'title' | 'text' | 'browse';
  /** [start, end) in the publication's title. */
  titleHighlights: [number, number][];
  hits: PassageHit[];
}

export const FACET_NAMES = ['docType', 'issuer', 'year', 'field', 'legalStatus', 'kind', 'language'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export interface FacetValue {
  value: string;
  count: number;
}
export type Facets = Record<FacetName, FacetValue[]>;

/** What the engine understood of a query (null when browsing without words). */
export interface QueryUnderstanding {
  /** The query as searched when marks were restored or typos corrected ("Đang tìm: …"); null when searched as typed. */
  searched: string | null;
  /** A typo was corrected, not only marks restored ("Có phải bạn muốn tìm …"). */
  corrected: boolean;
  /** The law's words searched besides the everyday ones typed ("ly dị" → "ly hôn"). */
  expanded: string[];
  /** The words were found only scattered, never together: nothing is presented as an answer. */
  scattered: boolean;
  /**
   * The words the results page marks, as words for a reader to find in the document the same
   * way (question words left out, marks kept only where they were meant, the law's words added):
   * what a hit's link to the reader carries.
   */
  marks: string;
}

export interface SearchResult {
  total: number;
  offset: number;
  limit: number;
  items: SearchHit[];
  facets: Facets | null;
  understood: QueryUnderstanding | null;
}

export interface Suggestion {
  id: string;
  title: string;
  number: string | null;
  docType: string | null;
  issuedDate: string | null;
  titleHighlights: [number, number][];
}

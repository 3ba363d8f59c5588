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

export interface SearchResult {
  total: number;
  offset: number;
  limit: number;
  items: SearchHit[];
  facets: Facets | null;
}

export interface Suggestion {
  id: string;
  title: string;
  number: string | null;
  docType: string | null;
  issuedDate: string | null;
  titleHighlights: [number, number][];
}

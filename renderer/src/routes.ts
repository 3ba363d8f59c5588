/** The app's hash routes, built in one place: home, all documents, publication page, reader, text view, search results. */
export function publicationPath(id: string): string {
  return `/publications/${encodeURIComponent(id)}`;
}

/** The reader for a publication, at a PDF page and with words to highlight; `print` opens its print view. */
export function readerPath(id: string, at: { page?: number; q?: string; print?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (at.page) params.set('page', String(at.page));
  if (at.q) params.set('q', at.q);
  if (at.print) params.set('print', '1');
  const query = params.toString();
  return `/read/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
}

/** The text view of a publication (its text reflowed by articles, in large type, read aloud), at a section and with words to highlight. */
export function textPath(id: string, at: { section?: number; q?: string } = {}): string {
  const params = new URLSearchParams();
  if (at.section !== undefined) params.set('section', String(at.section));
  if (at.q) params.set('q', at.q);
  const query = params.toString();
  return `/text/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
}

/** Filters of the results page, as URL parameters (each may repeat: values are alternatives). */
export const FILTER_PARAMS = ['field', 'docType', 'issuer', 'year', 'legalStatus'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
export type FilterValues = Partial<Record<FilterParam, string[]>>;

/** Search results for words, with filters and a page; `asTyped`: the words exactly as typed, not as the engine understands them. */
export function searchPath(q: string, filters: FilterValues = {}, page = 1, asTyped = false): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (q && asTyped) params.set('asTyped', '1');
  for (const name of FILTER_PARAMS) for (const value of filters[name] ?? []) params.append(name, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/search${query ? `?${query}` : ''}`;
}

/** Every document in a field (the home page's tiles). */
export function fieldPath(field: string): string {
  return searchPath('', { field: [field] });
}

/** The whole shelf as a sorted, paged list (the home page with ?all=1). */
export function allPath(sort?: string, page = 1): string {
  const params = new URLSearchParams({ all: '1' });
  if (sort && sort !== 'title') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  return `/?${params.toString()}`;
}

/** Where the publication page's back link leads, passed as router state by the page that linked to it. */
export interface BackTo {
  /** Path and query of the page to return to. */
  path: string;
  kind: 'results' | 'list' | 'home';
}

export function isBackTo(state: unknown): state is BackTo {
  if (typeof state !== 'object' || state === null) return false;
  const { path, kind } = state as Partial<BackTo>;
  return typeof path === 'string' && path.startsWith('/') && (kind === 'results' || kind === 'list' || kind === 'home');
}

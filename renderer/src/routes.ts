/** The app's hash routes, built in one place: publication page, reader, search results. */

export function publicationPath(id: string): string {
  return `/publications/${encodeURIComponent(id)}`;
}

/** The reader for a publication, at a PDF page and with words to highlight. */
export function readerPath(id: string, at: { page?: number; q?: string } = {}): string {
  const params = new URLSearchParams();
  if (at.page) params.set('page', String(at.page));
  if (at.q) params.set('q', at.q);
  const query = params.toString();
  return `/read/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
}

/** Search results for words (filters are added by the results page as further parameters). */
export function searchPath(q: string): string {
  return `/search?${new URLSearchParams({ q }).toString()}`;
}

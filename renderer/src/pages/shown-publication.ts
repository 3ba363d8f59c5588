/**
 * The publication whose page is shown, kept while it is, so that the reader page opened from it
 * ("Đọc", an article of its table of contents) starts with it instead of asking the engine again
 * (issue 20: page 1 sooner). One publication at a time, forgotten when its page is left: the
 * reader page takes it while it renders, before the page it came from is torn down.
 */
import type { PublicationDetail } from '../../../shared/domain.js';

let shown: PublicationDetail | null = null;

/** Keeps `publication` while its page is shown; answers what to call when that page is left. */
export function showPublication(publication: PublicationDetail): () => void {
  shown = publication;
  return () => {
    if (shown === publication) shown = null;
  };
}

/** The publication `id` if its page is shown. */
export function shownPublication(id: string): PublicationDetail | null {
  return shown?.id === id ? shown : null;
}

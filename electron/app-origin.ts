/**
 * The app's one origin, `app://bookshelf`, and the checks every other electron/ module uses to
 * tell the app's own pages apart from anything else. Custom schemes have an opaque origin in
 * WHATWG URL ("null"), so the checks compare scheme and host, never `URL.origin`.
 */
import { isFileRoute } from '../catalog/http/files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bookshelf';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where the window starts, and where it goes back to after a renderer crash. */
export const HOME_URL = `${APP_ORIGIN}/index.html`;
/** The same in kiosk mode: the renderer reads `?kiosk=1` (memory routes, idle reset, links kept in). */
export const KIOSK_HOME_URL = `${HOME_URL}?kiosk=1`;

/** The home URL for this run: with --kiosk the flag travels with every load, crash reloads included. */
export function homeUrl(kiosk: boolean): string {
  return kiosk ? KIOSK_HOME_URL : HOME_URL;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for `app://bookshelf/...` exactly: no other host, no port, no credentials. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Where the window itself may go: the UI's pages (index.html and its routes, which have no file
 * extension), never a catalog file (a PDF in the main frame is a blank sandboxed page with no
 * idle reset) nor one of the UI's scripts or images.
 */
export function isAppPageUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const { pathname } = new URL(url);
  if (isFileRoute(pathname)) return false;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last === 'index.html' || !last.includes('.');
}

/**
 * What a subframe (the EPUB or PDF reader's iframe) may navigate to: the app's own pages,
 * blobs the app created, and the empty documents iframes start with.
 */
export function isAllowedSubframeUrl(url: string): boolean {
  if (url === 'about:blank' || url === 'about:srcdoc') return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  return isAppUrl(url);
}

/**
 * Requests the window's session lets through: the app's protocol and in-memory data only.
 * The kiosk is offline by design; anything remote (an EPUB's tracking pixel, a stray link)
 * is cancelled before it leaves the machine. `devtools:` keeps DevTools working in development.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'blob:') return isAppUrl(url.slice('blob:'.length));
  return parsed.protocol === 'data:' || parsed.protocol === 'devtools:';
}

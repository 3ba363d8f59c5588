/**
 * The `app://bookshelf/` protocol that replaces file:// for the whole UI. The scheme is
 * registered as privileged (standard, secure, fetch, streaming; never bypassCSP, so the UI's
 * CSP from catalog/http/headers.ts applies), and one fetch-style handler routes its requests:
 * catalog files to the file handler (with Range support for the readers), everything else to
 * the built renderer. Any other host is a 404. Refusals are worded in the request's language.
 */
import type { CustomScheme } from 'electron';
import { isFileRoute } from '../catalog/http/files.js';
import type { FetchHandler } from '../catalog/http/files.js';
import { methodNotAllowed, refusalResponse } from '../catalog/http/headers.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    // V8 code cache for the UI's scripts: faster starts on old kiosk PCs.
    codeCache: true,
    bypassCSP: false,
    corsEnabled: false,
    allowServiceWorkers: false,
  },
};

export interface AppProtocolHandlers {
  /** The built renderer (catalog/http/static.ts). */
  ui: FetchHandler;
  /** Catalog files by hash or publication id (catalog/http/files.ts). */
  files: FetchHandler;
  log?: (message: string, error?: unknown) => void;
}

export function createAppProtocolHandler(handlers: AppProtocolHandlers): FetchHandler {
  const log = handlers.log ?? ((message, error) => console.error(message, error));
  return async (request) => {
    const notFound = () => refusalResponse(request, 404, 'not_found', { key: 'error.not_found' });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') {
      return notFound();
    }
    try {
      if (isFileRoute(url.pathname)) return await handlers.files(request);
      if (request.method === 'GET' || request.method === 'HEAD') return await handlers.ui(request);
      return methodNotAllowed(request, 'GET, HEAD');
    } catch (error) {
      log(`app:// ${request.method} ${url.pathname} failed`, error);
      return refusalResponse(request, 500, 'internal', { key: 'error.internal' });
    }
  };
}

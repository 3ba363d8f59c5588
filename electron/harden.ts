/**
 * Lockdown of every web contents and of the window's session: no navigation away from the
 * app's pages on app://bookshelf (nor to its raw files), no new windows (and never shell.openExternal), no <webview>, every
 * permission denied, remote requests cancelled, DevTools shortcuts off in production, and in
 * kiosk mode the reload/close/open/print/new-window shortcuts swallowed too.
 */
import type { Input, Session, WebContents } from 'electron';
import { isAllowedRequestUrl, isAllowedSubframeUrl, isAppPageUrl } from './app-origin.js';

export type HardenableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'closeDevTools'>;
export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest' | 'on'
>;

export interface HardenOptions {
  kiosk: boolean;
  /** A packaged app: DevTools stay closed even outside kiosk mode. */
  production: boolean;
  log?: (message: string) => void;
}

/** A key combination; a modifier left undefined may be up or down. */
export interface Shortcut {
  /** KeyboardEvent.key, lower case ('f12', 'r', 'i'). */
  key: string;
  /** Ctrl on Windows and Linux, Ctrl or Cmd on macOS. */
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Cmd on macOS specifically (Ctrl+Alt is AltGr on Windows keyboards). */
  meta?: boolean;
}

/** DevTools: F12, Ctrl+Shift+I/J/C, and Cmd+Alt+I/J/C on macOS. */
export const DEVTOOLS_SHORTCUTS: readonly Shortcut[] = [
  { key: 'f12' },
  { key: 'i', ctrl: true, shift: true },
  { key: 'j', ctrl: true, shift: true },
  { key: 'c', ctrl: true, shift: true },
  { key: 'i', meta: true, alt: true },
  { key: 'j', meta: true, alt: true },
  { key: 'c', meta: true, alt: true },
];

/** What a resident at a kiosk must not be able to do from the keyboard. */
export const KIOSK_SHORTCUTS: readonly Shortcut[] = [
  ...DEVTOOLS_SHORTCUTS,
  { key: 'f5' }, // reload (also Ctrl+F5, Shift+F5)
  { key: 'r', ctrl: true }, // reload, Ctrl+Shift+R hard reload
  { key: 'f11' }, // leave full screen
  { key: 'w', ctrl: true }, // close window / tab
  { key: 'f4', ctrl: true },
  { key: 'f4', alt: true }, // Alt+F4 (when focus is outside the page Windows still sees it: kiosk-window.ts vetoes the close)
  { key: ' ', alt: true }, // Alt+Space: the window's system menu, with Close
  { key: 'f10' }, // the menu bar's keyboard mode
  { key: 'alt' }, // a lone Alt: the same menu mode (Alt with another key still reaches the page)
  { key: 'q', ctrl: true }, // quit
  { key: 'o', ctrl: true }, // open file
  { key: 's', ctrl: true }, // save page
  { key: 'p', ctrl: true }, // the browser's print dialog (printing belongs to the app's own controls)
  { key: 'n', ctrl: true }, // new window
  { key: 't', ctrl: true }, // new tab
  { key: 'u', ctrl: true }, // view source
  { key: 'h', ctrl: true }, // history
  { key: 'j', ctrl: true }, // downloads
  { key: 'm', ctrl: true }, // minimise (macOS)
  { key: 'delete', ctrl: true, shift: true }, // clear browsing data
];

/** The subset of Electron's Input a shortcut check reads. */
export type KeyInput = Pick<Input, 'key' | 'control' | 'meta' | 'shift' | 'alt'> & Partial<Pick<Input, 'code'>>;

function keyOf(input: KeyInput): string {
  return input.key.toLowerCase();
}

/** With Alt on macOS or an input method, `key` may be a composed letter; `code` ('KeyI', 'F12') names the physical key. */
function codeKeyOf(input: KeyInput): string | null {
  const code = input.code ?? '';
  if (/^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  if (/^F\d{1,2}$/.test(code)) return code.toLowerCase();
  if (code === 'Delete') return 'delete';
  if (code === 'Space') return ' ';
  return null;
}

export function matchesShortcut(input: KeyInput, shortcut: Shortcut): boolean {
  const key = keyOf(input);
  if (key !== shortcut.key && codeKeyOf(input) !== shortcut.key) return false;
  const ctrl = Boolean(input.control || input.meta);
  if (shortcut.ctrl !== undefined && shortcut.ctrl !== ctrl) return false;
  if (shortcut.shift !== undefined && shortcut.shift !== Boolean(input.shift)) return false;
  if (shortcut.alt !== undefined && shortcut.alt !== Boolean(input.alt)) return false;
  if (shortcut.meta !== undefined && shortcut.meta !== Boolean(input.meta)) return false;
  return true;
}

export function isBlockedShortcut(input: KeyInput, options: Pick<HardenOptions, 'kiosk' | 'production'>): boolean {
  const list = options.kiosk ? KIOSK_SHORTCUTS : options.production ? DEVTOOLS_SHORTCUTS : [];
  return list.some((shortcut) => matchesShortcut(input, shortcut));
}

/** Applies to every web contents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: HardenableWebContents, options: HardenOptions): void {
  const log = options.log ?? (() => undefined);

  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url)) {
      event.preventDefault();
      log(`navigation blocked: ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    const allowed = event.isMainFrame ? isAppPageUrl(event.url) : isAllowedSubframeUrl(event.url);
    if (!allowed) {
      event.preventDefault();
      log(`redirect blocked: ${event.url}`);
    }
  });
  // Subframes (the readers' iframes) may show app pages and app blobs, nothing remote.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedSubframeUrl(event.url)) {
      event.preventDefault();
      log(`frame navigation blocked: ${event.url}`);
    }
  });
  // No new windows, and nothing is handed to the operating system (no openExternal).
  contents.setWindowOpenHandler((details) => {
    log(`window.open denied: ${details.url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview blocked');
  });
  if (options.kiosk || options.production) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input, options)) event.preventDefault();
    });
    // Belt and braces: webPreferences.devTools is already false there.
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

/** Applies to the session the window uses (session.defaultSession). */
export function hardenSession(session: HardenableSession, options: HardenOptions): void {
  const log = options.log ?? (() => undefined);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    log(`permission request denied: ${permission} from ${details.requestingUrl}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !isAllowedRequestUrl(details.url);
    if (cancel) log(`request cancelled: ${details.url}`);
    callback({ cancel });
  });
  if (options.kiosk) {
    session.on('will-download', (event) => event.preventDefault());
  }
}

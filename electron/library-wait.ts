/**
 * Opening the library while another program holds its folder (catalog/library-lock.ts: a second
 * Windows session, `bookshelf serve`, a `sync`). Exiting would make Shell Launcher or systemd
 * start a kiosk again and again until the holder closes; instead the app shows who holds the
 * folder on a page of its own (no script, no network) and tries again every few seconds.
 */
import { AppError } from '../shared/errors.js';
import { translate } from '../shared/messages.js';
import type { Language, MessageParams } from '../shared/messages.js';

/** How often a refused open is tried again. */
export const LOCK_RETRY_MS = 3_000;

/** The holder named by a refusal, or null when the error is not the folder's lock. */
export function lockRefusal(error: unknown): MessageParams | null {
  return error instanceof AppError && error.ref.key === 'library.locked' ? (error.ref.params ?? {}) : null;
}

export interface OpenWhenFreeOptions {
  /** Called on each refusal with the holder (the first call shows the waiting page). */
  onWaiting(holder: MessageParams): void;
  retryMs?: number;
}

/** `open()` until the folder's lock is free; any other error is thrown as it is. */
export async function openWhenFree<T>(open: () => Promise<T>, { onWaiting, retryMs = LOCK_RETRY_MS }: OpenWhenFreeOptions): Promise<T> {
  for (;;) {
    try {
      return await open();
    } catch (error) {
      const holder = lockRefusal(error);
      if (!holder) throw error;
      onWaiting(holder);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The waiting page as a data: URL, in the app's look: large type, no script (its CSP allows none). */
export function waitingPageUrl(lang: Language, holder: MessageParams): string {
  const title = escapeHtml(translate(lang, 'app.title'));
  const heading = escapeHtml(translate(lang, 'library.waitTitle'));
  const text = escapeHtml(translate(lang, 'library.waiting', holder));
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title><style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f6f2ea;color:#1f2a37;font:22px/1.5 system-ui,"Noto Sans",sans-serif}
main{max-width:46rem;padding:2rem}h1{font-size:1.6em;margin:0 0 .6em}p{margin:0}
</style></head><body><main><h1>${heading}</h1><p>${text}</p></main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/**
 * Watching for a reader's input on a kiosk: pointer, touch, keys, wheel and scrolling, in the
 * page and in same-origin frames (the EPUB reader's iframe is sandboxed without scripts but
 * same-origin, so the page can listen to it). A pointer that has not moved — Chromium sends
 * such moves after layout changes — does not count.
 */

const EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel', 'scroll'] as const;
/** A pointer must move this far (CSS px) to count as someone being there. */
const MOVE_THRESHOLD = 4;

export function watchInput(onInput: () => void): () => void {
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  const listener = (event: Event) => {
    if (event.type === 'pointermove') {
      const { clientX, clientY } = event as PointerEvent;
      const moved = Number.isNaN(lastX) || Math.abs(clientX - lastX) >= MOVE_THRESHOLD || Math.abs(clientY - lastY) >= MOVE_THRESHOLD;
      lastX = clientX;
      lastY = clientY;
      if (!moved) return;
    }
    onInput();
  };
  const options: AddEventListenerOptions = { capture: true, passive: true };
  const documents = new Set<Document>();
  const listen = (doc: Document) => {
    if (documents.has(doc)) return;
    documents.add(doc);
    for (const type of EVENTS) doc.addEventListener(type, listener, options);
  };
  const hookFrame = (frame: HTMLIFrameElement) => {
    const hook = () => {
      try {
        const doc = frame.contentDocument;
        if (doc) listen(doc);
      } catch {
        // Another origin: its input is its own business.
      }
    };
    hook();
    frame.addEventListener('load', hook);
  };
  listen(document);
  for (const frame of document.querySelectorAll('iframe')) hookFrame(frame);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLIFrameElement) hookFrame(node);
        else if (node instanceof Element) for (const frame of node.querySelectorAll('iframe')) hookFrame(frame);
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    for (const doc of documents) for (const type of EVENTS) doc.removeEventListener(type, listener, options);
    documents.clear();
  };
}

/**
 * Forgets what the last reader left in the page itself: storage (language, display modes,
 * anything a page remembered), open <dialog>s, full screen, the text selection, focus and the
 * scroll position. The React tree (router history, search words, the open document and its
 * reading position) is remounted by the caller.
 */
export function forgetReader(): void {
  for (const storage of [globalThis.localStorage, globalThis.sessionStorage]) {
    try {
      storage?.clear();
    } catch {
      // Storage disabled: nothing was kept there.
    }
  }
  for (const dialog of document.querySelectorAll('dialog')) {
    if (dialog.open) dialog.close();
  }
  if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  globalThis.getSelection?.()?.removeAllRanges();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  window.scrollTo(0, 0);
}

/** Whether a click on this link would take the kiosk's page somewhere the app does not handle. */
export function leavesKiosk(anchor: HTMLAnchorElement, here: Location): boolean {
  const href = anchor.getAttribute('href');
  if (href === null || href === '' || href.startsWith('#')) return false;
  let url: URL;
  try {
    url = new URL(anchor.href, here.href);
  } catch {
    return true;
  }
  if (url.origin !== here.origin) return true;
  // Same origin, but another document (a raw file, another page): the reader would leave the app.
  return url.pathname !== here.pathname || url.search !== here.search;
}

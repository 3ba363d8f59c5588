/**
 * What the reader listens to inside the frame epub.js shows a section in (the frame's events do
 * not reach the reader's window): taps on links — a place in the book is shown, a web address is
 * handed on to be shown with its QR code, every other scheme does nothing — keys, and swipes.
 */
import { trackSwipe } from '../shared/swipe.js';
import type { Contents } from './adapter.js';
import { classifyLink } from './links.js';

export interface FrameHandlers {
  /** A link to a place in the book, tapped in section `sectionIndex`. */
  onBookLink(href: string, sectionIndex: number): void;
  onOutsideLink(url: string): void;
  onKey(event: KeyboardEvent): void;
  /** 1 = next page, -1 = previous. */
  onSwipe(direction: 1 | -1): void;
}

export function listenToFrame(contents: Contents, handlers: FrameHandlers): void {
  const doc = contents.document;
  // Links: capture phase, before epub.js's own handler on the link.
  doc.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a, area');
      if (!link) return;
      const href = link.getAttribute('href') ?? link.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
      const kind = classifyLink(href);
      event.preventDefault();
      event.stopImmediatePropagation();
      if (kind.kind === 'web') handlers.onOutsideLink(kind.url);
      if (kind.kind === 'internal' && href) handlers.onBookLink(href, contents.sectionIndex);
    },
    true,
  );
  doc.addEventListener('keydown', handlers.onKey);
  const swipe = trackSwipe(handlers.onSwipe);
  const touchAt = (event: TouchEvent, act: (x: number, y: number) => void) => {
    const touch = event.changedTouches[0];
    if (touch) act(touch.clientX, touch.clientY);
    else swipe.cancel();
  };
  doc.addEventListener('touchstart', (event) => touchAt(event, swipe.start), { passive: true });
  doc.addEventListener('touchend', (event) => touchAt(event, swipe.end), { passive: true });
}

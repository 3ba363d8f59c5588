/**
 * Makes a book's section inert before epub.js shows it (a spine content hook, run on the
 * parsed document before it is serialised into the iframe). The iframe's sandbox (no
 * allow-scripts) and the UI's CSP are the guarantees; this removes what they would only block
 * (and log): scripts, event handler attributes, nested frames, plugins and forms, javascript: links,
 * and every resource that would be fetched from outside the book (tracker images, remote CSS,
 * fonts), so a book makes no outbound request at all.
 */
import { classifyLink, isRemoteResource, neutralizeCss } from './links.js';

const REMOVED = new Set(['script', 'iframe', 'frame', 'frameset', 'embed', 'applet', 'base', 'portal', 'noscript']);
/**
 * Replaced by their content: plugins by their fallback (an EPUB <object> carries one); forms,
 * so nothing can be submitted (the sandbox would refuse it, and log the attempt).
 */
const UNWRAPPED = new Set(['object', 'form']);
const RESOURCE_ATTRIBUTES = ['src', 'srcset', 'poster', 'data', 'background', 'action', 'formaction', 'manifest', 'ping', 'codebase', 'cite', 'longdesc', 'usemap', 'lowsrc', 'dynsrc'];
const XLINK = 'http://www.w3.org/1999/xlink';

export function sanitizeDocument(doc: Document): void {
  const all = Array.from(doc.getElementsByTagName('*'));
  for (const el of all) {
    const name = el.localName.toLowerCase();
    if (REMOVED.has(name)) {
      el.parentNode?.removeChild(el);
      continue;
    }
    if (UNWRAPPED.has(name)) {
      const parent = el.parentNode;
      if (parent) {
        while (el.firstChild) parent.insertBefore(el.firstChild, el);
        parent.removeChild(el);
      }
      continue;
    }
    if (name === 'meta' && el.hasAttribute('http-equiv')) {
      el.parentNode?.removeChild(el);
      continue;
    }
    if (name === 'link') {
      const href = el.getAttribute('href') ?? '';
      if (isRemoteResource(href) || !/stylesheet/i.test(el.getAttribute('rel') ?? '')) {
        el.parentNode?.removeChild(el);
        continue;
      }
    }
    if (name === 'style' && el.textContent) el.textContent = neutralizeCss(el.textContent);
    for (const attr of Array.from(el.attributes)) {
      const local = attr.localName.toLowerCase();
      if (local.startsWith('on')) {
        el.removeAttributeNode(attr);
      } else if (local === 'style') {
        attr.value = neutralizeCss(attr.value);
      } else if (local === 'href') {
        // Links (a, area, SVG a): keep places in the book and web addresses (shown as a QR
        // code when tapped); drop javascript:, data: and other schemes. Resource hrefs
        // (SVG <image>, <use>) must not leave the book.
        const link = name === 'a' || name === 'area';
        const kind = classifyLink(attr.value).kind;
        if ((link && kind === 'ignored') || (!link && isRemoteResource(attr.value)) || (!link && /^\s*javascript:/i.test(attr.value))) {
          el.removeAttributeNode(attr);
        }
      } else if (RESOURCE_ATTRIBUTES.includes(local)) {
        if (local === 'srcset' ? attr.value.split(',').some((part) => isRemoteResource(part.trim().split(/\s+/)[0] ?? '')) : isRemoteResource(attr.value) || /^\s*javascript:/i.test(attr.value)) {
          el.removeAttributeNode(attr);
        }
      }
    }
    if (el.hasAttribute('target')) el.removeAttribute('target');
    if (el.hasAttributeNS(XLINK, 'href') && name !== 'a' && isRemoteResource(el.getAttributeNS(XLINK, 'href') ?? '')) {
      el.removeAttributeNS(XLINK, 'href');
    }
  }
}

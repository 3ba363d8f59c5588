/**
 * A section's stylesheets, inlined as <style> elements. The UI's CSP (style-src 'self'
 * 'unsafe-inline') applies inside the book's srcdoc frame and refuses the blob:/data:
 * stylesheets epub.js would make; inline CSS is allowed. Its own url()s (images, fonts) are
 * replaced by epub.js's data: URLs; remote ones were already removed (preSanitizeText).
 */
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export interface StyleSource {
  getText(path: string): Promise<string> | undefined;
  substitute(css: string, path: string): string;
}

export async function inlineStylesheets(doc: Document, sectionUrl: string, source: StyleSource): Promise<void> {
  const links = Array.from(doc.getElementsByTagName('link')).filter((link) => /(^|\s)stylesheet(\s|$)/i.test(link.getAttribute('rel') ?? ''));
  for (const link of links) {
    const href = link.getAttribute('href');
    let css: string | undefined;
    let path = '';
    try {
      const base = new URL(sectionUrl.startsWith('/') ? sectionUrl : `/${sectionUrl}`, 'http://book.invalid');
      const target = new URL(href ?? '', base);
      if (href && target.origin === base.origin) {
        path = decodeURIComponent(target.pathname);
        css = await source.getText(path);
      }
    } catch {
      css = undefined;
    }
    if (typeof css === 'string') {
      const style = doc.createElementNS(doc.documentElement.namespaceURI ?? XHTML_NS, 'style');
      style.setAttribute('type', 'text/css');
      const media = link.getAttribute('media');
      if (media) style.setAttribute('media', media);
      style.textContent = source.substitute(css, path);
      link.parentNode?.replaceChild(style, link);
    } else {
      link.parentNode?.removeChild(link);
    }
  }
}

/**
 * What a click on a link inside a book does. Pure: the unit tests check every kind.
 * - internal: a place in the book (relative path, #fragment) — epub.js follows it;
 * - web: an http(s) address — never opened on the kiosk; shown in large text with a QR code
 *   so the reader can open it on her own phone;
 * - ignored: every other scheme (javascript:, data:, mailto:, tel:, file:, blob: …) — nothing happens.
 */
export type LinkKind = { kind: 'internal' } | { kind: 'web'; url: string } | { kind: 'ignored' };

// Browsers drop ASCII whitespace and control characters around and inside a scheme
// ("java\tscript:" runs), so they are removed before the scheme is read.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function classifyLink(href: string | null | undefined): LinkKind {
  if (href === null || href === undefined) return { kind: 'ignored' };
  const compact = href.replace(CONTROL_OR_SPACE, '');
  if (compact === '') return { kind: 'ignored' };
  if (compact.startsWith('//') || compact.startsWith('\\\\') || compact.startsWith('/\\')) {
    // Protocol-relative: leaves the book all the same.
    return webLink(`https:${href.trim()}`);
  }
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'internal' };
  if (scheme === 'http' || scheme === 'https') return webLink(href.trim());
  return { kind: 'ignored' };
}

function webLink(raw: string): LinkKind {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'ignored' };
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
    }
    return { kind: 'web', url: url.href };
  } catch {
    return { kind: 'ignored' };
  }
}

/** Whether a resource address (img src, CSS url()) would leave the book: anything with a scheme but data:/blob:, or `//host`. */
export function isRemoteResource(value: string): boolean {
  const compact = value.replace(CONTROL_OR_SPACE, '');
  if (compact.startsWith('//') || compact.startsWith('\\\\')) return true;
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  return scheme !== undefined && scheme !== 'data' && scheme !== 'blob';
}

/** CSS text with every url() or @import that leaves the book replaced by `none`. */
export function neutralizeCss(css: string): string {
  return css
    .replace(/@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]*)\1\s*\)?[^;]*;?/gi, (whole, _quote: string, target: string) =>
      isRemoteResource(target) ? '' : whole,
    )
    .replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi, (whole, _quote: string, target: string) => (isRemoteResource(target.trim()) ? 'none' : whole));
}

/**
 * A link inside the book as a place epub.js can show: the target's path relative to the
 * package directory, plus its #fragment. `sectionUrl` is the section's path in the archive
 * ("/OEBPS/toc.html"), `packageDir` the package's directory ("/OEBPS/").
 */
export function internalTarget(href: string, sectionUrl: string, packageDir: string): string | null {
  try {
    const base = new URL(sectionUrl.startsWith('/') ? sectionUrl : `/${sectionUrl}`, 'http://book.invalid');
    const target = new URL(href, base);
    if (target.origin !== base.origin) return null;
    const path = decodeURIComponent(target.pathname);
    const dir = packageDir.startsWith('/') ? packageDir : `/${packageDir}`;
    const relative = path.startsWith(dir) ? path.slice(dir.length) : path.replace(/^\//, '');
    return relative + target.hash;
  } catch {
    return null;
  }
}

/**
 * A book file's text before epub.js parses it: CSS loses remote url()/@import; markup loses
 * <base> elements and on…= handler attributes inside tags. Parsing happens under the UI's CSP,
 * which would otherwise block (and log) them; sanitize.ts still cleans the parsed document.
 */
export function preSanitizeText(path: string, text: string): string {
  if (/\.css$/i.test(path)) return neutralizeCss(text);
  if (!/\.(x?html?|xml|svg)$/i.test(path)) return text;
  return text
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/<[a-z][^<>]*>/gi, (tag) =>
      // An unquoted value stops before "/>", so a self-closing XHTML tag stays well-formed.
      tag.replace(/\s(?:[a-z-]+:)?on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+?(?=\s|\/?>))/gi, ''),
    );
}

/**
 * Safe XML for EPUB packages: the container, the OPF, the NCX and the nav document.
 *
 * Before any parser sees a document it is checked in one linear pass: its size, no DOCTYPE
 * internal subset and no <!ENTITY> (so billion laughs and huge entities are refused, not
 * expanded), and its nesting depth. fast-xml-parser then runs with entity processing off and
 * a nesting bound; character references are decoded here (the five XML ones, numeric ones and
 * the common HTML names), never through a DTD. External DTDs are never fetched.
 */
import { XMLParser } from 'fast-xml-parser';
import { refuse } from './errors.js';
import { DEFAULT_LIMITS } from './types.js';

export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  /** Attributes by local name, values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export interface XmlLimits {
  maxXmlBytes: number;
  maxXmlDepth: number;
}

/** Bytes → string: BOM, then the XML declaration's encoding, else UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString('latin1');
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // unknown label: fall back to UTF-8
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

const DOCTYPE_WITH_SUBSET = /<!DOCTYPE\s[^[>"']*(?:(?:"[^"]*"|'[^']*')[^[>"']*)*\[/i;

/**
 * The checks that run before parsing: size, DOCTYPE internal subset / ENTITY, nesting depth.
 * Linear in the input; throws an ImportRefusal naming `what`.
 */
export function checkXmlSafety(text: string, what: string, limits: XmlLimits = DEFAULT_LIMITS): void {
  // UTF-16 length is at most the UTF-8 byte length, so this bounds memory as well as work.
  if (text.length > limits.maxXmlBytes) refuse('xml-too-large', `${what}: ${text.length} > ${limits.maxXmlBytes}`);
  if (/<!ENTITY/i.test(text) || DOCTYPE_WITH_SUBSET.test(text)) refuse('xml-unsafe', what);
  const depth = maxDepth(text, limits.maxXmlDepth);
  if (depth > limits.maxXmlDepth) refuse('xml-too-deep', `${what}: > ${limits.maxXmlDepth}`);
}

/** HTML's void elements: sloppy XHTML writes `<br>` unclosed, which is no nesting. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG_NAME = /[A-Za-z_][\w.:-]*/y;

/** The local name of the tag whose name starts at `at`, lower case. */
function tagName(text: string, at: number): string {
  TAG_NAME.lastIndex = at;
  const name = TAG_NAME.exec(text)?.[0] ?? '';
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

/**
 * Maximum element nesting, stopping as soon as it exceeds `stopAt`. Skips comments, CDATA,
 * processing instructions, declarations, quoted attribute values and void elements (`<br>`,
 * `<img>`, also when written unclosed, and their end tags if any).
 */
export function maxDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    const next = text[i + 1];
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end === -1 ? -1 : text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      i = end === -1 ? -1 : text.indexOf('<', end + 3);
      continue;
    }
    if (next === '?' || next === '!') {
      const end = text.indexOf('>', i + 2);
      i = end === -1 ? -1 : text.indexOf('<', end + 1);
      continue;
    }
    const close = next === '/';
    // Find the end of the tag, skipping quoted attribute values.
    let j = i + 1;
    let quote = '';
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        break;
      }
    }
    if (j >= text.length) break;
    if (VOID_ELEMENTS.has(tagName(text, close ? i + 2 : i + 1))) {
      // neither opens nor closes a level
    } else if (close) {
      depth = Math.max(0, depth - 1);
    } else if (text[j - 1] !== '/') {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    }
    i = text.indexOf('<', j + 1);
  }
  return max;
}

/** HTML 4 Latin-1 names, U+00A0 to U+00FF in order. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para ' +
  'middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave ' +
  'Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc ' +
  'Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc ' +
  'iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const NAMED: Record<string, string> = {
  quot: '"', amp: '&', lt: '<', gt: '>', apos: "'",
  OElig: 'Œ', oelig: 'œ', Scaron: 'Š', scaron: 'š', Yuml: 'Ÿ', fnof: 'ƒ', circ: 'ˆ', tilde: '˜',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200C', zwj: '\u200D', lrm: '\u200E', rlm: '\u200F',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  dagger: '†', Dagger: '‡', bull: '•', hellip: '…', permil: '‰', prime: '′', Prime: '″', lsaquo: '‹', rsaquo: '›',
  oline: '‾', euro: '€', trade: '™', larr: '←', uarr: '↑', rarr: '→', darr: '↓', harr: '↔', minus: '−', times: '×',
};
LATIN1.split(' ').forEach((name, i) => (NAMED[name] = String.fromCharCode(0xa0 + i)));

/** Decodes character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return Object.hasOwn(NAMED, ref) ? NAMED[ref] : whole;
  });
}

type OrderedNode = Record<string, unknown>;

/** Parses a checked XML document into a small element tree (namespace prefixes dropped). */
export function parseXml(input: Uint8Array | string, what: string, limits: XmlLimits = DEFAULT_LIMITS): XmlElement {
  if (typeof input !== 'string' && input.byteLength > limits.maxXmlBytes) refuse('xml-too-large', `${what}: ${input.byteLength} > ${limits.maxXmlBytes}`);
  const text = typeof input === 'string' ? input : decodeXmlBytes(input);
  checkXmlSafety(text, what, limits);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    allowBooleanAttributes: true,
    maxNestedTags: limits.maxXmlDepth + 1,
  });
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(text, true) as OrderedNode[];
  } catch (error) {
    const message = (error as { err?: { msg?: string; line?: number } }).err;
    refuse('xml-malformed', `${what}: ${message?.msg ? `${message.msg} (line ${message.line})` : (error as Error).message}`);
  }
  const roots = convert(ordered).filter((node): node is XmlElement => typeof node !== 'string');
  if (roots.length === 0) refuse('xml-malformed', `${what}: no root element`);
  return roots[0];
}

function convert(nodes: OrderedNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const value = node[key];
      if (key === '#text') {
        out.push(decodeEntities(String(value)));
        continue;
      }
      const attrs: Record<string, string> = {};
      const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
      for (const [name, attr] of Object.entries(rawAttrs)) attrs[name] = decodeEntities(String(attr));
      out.push({ name: key, attrs, children: Array.isArray(value) ? convert(value as OrderedNode[]) : [] });
    }
  }
  return out;
}

// ---- small helpers for walking the tree ----

export function elements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name));
}

export function firstElement(node: XmlElement, name: string): XmlElement | undefined {
  return elements(node, name)[0];
}

/** Descendants with this local name, in document order (iterative: no deep recursion). */
export function descendants(node: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: XmlElement[] = elements(node).reverse();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.name === name) found.push(current);
    const children = elements(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found;
}

/** All text inside an element, whitespace collapsed. */
export function textOf(node: XmlNode): string {
  if (typeof node === 'string') return node.replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  const stack: XmlNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (typeof current === 'string') parts.push(current);
    else for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

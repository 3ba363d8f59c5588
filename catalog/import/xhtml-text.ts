/**
 * XHTML → plain text for search and for the legal structure parser. A single linear scan over
 * the markup, so a malformed chapter (an unclosed element) still yields its text: script,
 * style and head are dropped, block elements become line breaks (one, however many blocks close and open there), whitespace collapses except
 * in <pre>, and character references are decoded here (entity processing is off everywhere).
 * Callers run checkXmlSafety first, so a chapter with a DOCTYPE internal subset or an ENTITY
 * declaration never gets here.
 */
import { decodeEntities } from './xml.js';

const SKIP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'rt', 'rp']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const CELL = new Set(['td', 'th']);

export function xhtmlToText(markup: string): string {
  let out = '';
  let pre = 0;
  let i = 0;
  const n = markup.length;
  while (i < n) {
    const lt = markup.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const text = decodeEntities(markup.slice(i, textEnd));
      out += pre > 0 ? text : text.replace(/[ \t\r\n\f]+/g, ' ');
    }
    if (lt === -1) break;
    if (markup.startsWith('<!--', lt)) {
      const end = markup.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (markup.startsWith('<![CDATA[', lt)) {
      const end = markup.indexOf(']]>', lt + 9);
      out += markup.slice(lt + 9, end === -1 ? n : end);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (markup[lt + 1] === '?' || markup[lt + 1] === '!') {
      const end = markup.indexOf('>', lt + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const tagEnd = endOfTag(markup, lt + 1);
    const match = /^<\/?\s*([A-Za-z][\w.:-]*)/.exec(markup.slice(lt, Math.min(tagEnd + 1, lt + 80)));
    if (!match) {
      // A lone "<" in text.
      out += '<';
      i = lt + 1;
      continue;
    }
    const closing = markup[lt + 1] === '/';
    const selfClosing = markup[tagEnd - 1] === '/';
    const name = match[1].toLowerCase().replace(/^.*:/, '');
    i = tagEnd + 1;
    if (!closing && !selfClosing && SKIP.has(name)) {
      const close = new RegExp(`</\\s*(?:[\\w.-]+:)?${name}\\s*>`, 'ig');
      close.lastIndex = i;
      const found = close.exec(markup);
      i = found ? found.index + found[0].length : n;
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : selfClosing ? 0 : 1));
    if (BLOCK.has(name)) out += '\n';
    else if (CELL.has(name) && !closing) out += ' ';
  }
  return out
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ' ')
    .replace(/[ \t\u00A0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Index of the ">" that ends the tag starting before `from`, skipping quoted values. */
function endOfTag(markup: string, from: number): number {
  let quote = '';
  for (let j = from; j < markup.length; j++) {
    const c = markup[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    } else if (c === '<') {
      // Unterminated tag: stop here so the text after it is not swallowed.
      return j - 1;
    }
  }
  return markup.length - 1;
}

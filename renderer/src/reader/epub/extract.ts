/**
 * The text of a loaded section, as passages (a block element or a line ended by <br>), with
 * the text nodes behind each passage so a match can become a DOM Range and then an EPUB CFI.
 */

export interface PassageSource {
  text: string;
  /** Text nodes in order, each with where it starts in `text`. */
  segments: { node: Text; start: number }[];
}

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);

export function extractPassages(doc: Document): PassageSource[] {
  const body = doc.getElementsByTagName('body')[0] ?? doc.documentElement;
  const out: PassageSource[] = [];
  let current: PassageSource = { text: '', segments: [] };
  const flush = () => {
    if (current.text.trim() !== '') out.push(current);
    current = { text: '', segments: [] };
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 || child.nodeType === 4) {
        const text = child as Text;
        current.segments.push({ node: text, start: current.text.length });
        current.text += text.data;
      } else if (child.nodeType === 1) {
        const name = (child as Element).localName.toLowerCase();
        if (SKIPPED.has(name)) continue;
        const block = BLOCKS.has(name);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(body);
  flush();
  return out;
}

/** A DOM Range over [start, end) of a passage. */
export function rangeOf(doc: Document, source: PassageSource, start: number, end: number): Range | null {
  const at = (offset: number, preferNext: boolean): { node: Text; offset: number } | null => {
    const segs = source.segments;
    for (let i = 0; i < segs.length; i += 1) {
      const seg = segs[i];
      const segEnd = seg.start + seg.node.data.length;
      if (offset < segEnd || (offset === segEnd && (!preferNext || i === segs.length - 1))) {
        return { node: seg.node, offset: Math.max(0, offset - seg.start) };
      }
    }
    return null;
  };
  const from = at(start, true);
  const to = at(end, false);
  if (!from || !to) return null;
  const range = doc.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

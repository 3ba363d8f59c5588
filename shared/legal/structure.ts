/**
 * The structure of a Vietnamese legal text — Phần, Chương, Mục, Tiểu mục, Điều, Khoản — with
 * offsets into the text as given, so a search hit can open the reader at "Điều 5". Headings
 * start a line; articles are told from references ("Điều 5 của Luật này", a line that wraps at
 * "Điều 12.") by their numbering: the articles kept are the best increasing sequence, so a
 * repeated table of contents, quoted amendments and gazette page furniture drop out.
 */

export const SECTION_LEVELS = ['part', 'chapter', 'section', 'subsection', 'article', 'clause'] as const;

/** An article as the texts name it ("Điều 5"): the label of a search hit and the heading of its passage. */
export function articleLabel(number: string | number): string {
  return `Điều ${number}`;
}

export interface Section {
  level: (typeof SECTION_LEVELS)[number];
  /** "thứ nhất" or "I" (part), "II" (chapter), "1" (section), "5a" (article), "2" (clause). */
  number: string;
  heading: string;
  /** Offset of the keyword ("Điều", "Chương"…) or of the clause number in the input. */
  start: number;
  /** Start of the next section of the same or a higher level, or the end of the text. */
  end: number;
  /** Index in the returned array of the enclosing section. */
  parent: number | null;
}

type Level = Section['level'];

interface Candidate {
  level: Level;
  number: string;
  heading: string;
  start: number;
  /** End of the heading's last line. */
  headingEnd: number;
  /** Weight of an article candidate: how much it looks like a heading. */
  weight: number;
  /** Number and letter of an article, for sequence checks ("12a" → 12, 1). */
  value: [number, number];
  /**
   * Count of the boundaries before it: the "Nơi nhận:" that ends a document, and the "(Ban hành
   * kèm theo …)" line that opens an attached regulation, whose numbering starts again.
   */
  segment: number;
  /** Distance from the last boundary, when that opens an attached regulation. */
  sinceMarker: number;
}

/** Both Unicode forms and the usual cases of a keyword, for a regex alternation. */
function word(w: string): string {
  const cased = [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()];
  const forms = new Set(cased.flatMap((f) => [f.normalize('NFC'), f.normalize('NFD')]));
  return `(?:${[...forms].map((f) => f.replace(/ /g, '[^\\S\\n]+')).join('|')})`;
}

const KEYWORDS: [string, Level][] = [
  ['phần', 'part'],
  ['chương', 'chapter'],
  ['tiểu mục', 'subsection'],
  ['mục', 'section'],
  ['điều', 'article'],
];
const KEYWORD_LINE = new RegExp(
  `^[^\\S\\n]*([“"'‘]?)[^\\S\\n]*(?:${KEYWORDS.map(([w], i) => `(?<k${i}>${word(w)})`).join('|')})[^\\S\\n]+([^\\n]*)`,
  'gmu',
);
/** A line that starts a heading: a keyword and a number ("ĐIỀU KHOẢN THI HÀNH" is a title). */
const KEYWORD_START = new RegExp(
  `^[^\\S\\n]*(?:${KEYWORDS.map(([w]) => word(w)).join('|')})[^\\S\\n]+(?:\\d|[IVXLC]+(?![\\p{L}])|${word('thứ')}[^\\S\\n])`,
  'u',
);
const CLAUSE_LINE = /^[^\S\n]*(\d{1,3})\.[^\S\n]+(?=\S)([^\n]*)/gmu;
const POINT_START = /^\s*\p{Ll}\)\s/u;
const ATTACHED = new RegExp(`^[^\\S\\n]*\\(?[^\\S\\n]*(?:${word('ban hành')}[^\\S\\n]+)?${word('kèm theo')}[^\\S\\n]`, 'gmu');
const RECIPIENTS = new RegExp(`^[^\\S\\n]*${word('nơi nhận')}[^\\S\\n]*:`, 'gmu');
/** A line of page furniture (blank, a page number, the gazette's running head, a signature stamp): never a heading, never text. */
export const NOISE_LINE = /^\s*$|^\s*\d{1,6}\s*$|^\s*CÔNG BÁO\s*\/|^\s*(?:Người ký|Ký bởi|Email|Cơ quan|Thời gian ký|Ngày ký)\s*:/u;

const ARTICLE_REST = /^(\d{1,4})([a-zđ]?)[^\S\n]*(?:[.:][^\S\n]*(.*)|$)/u;
const ROMAN_OR_DIGITS = '(?:[IVXLC]+|\\d{1,3})';
const DIVISION_REST = new RegExp(`^(${ROMAN_OR_DIGITS})[^\\S\\n]*(?:[.:\\-–—][^\\S\\n]*(.*)|[^\\S\\n]+(\\p{Lu}.*)|$)`, 'u');
const ORDINAL_VALUES: Record<string, number> = {
  nhất: 1, một: 1, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
};
const ORDINAL = `thứ[^\\S\\n]+(?:mười[^\\S\\n]+)?(?:${Object.keys(ORDINAL_VALUES).join('|')})`;
const PART_REST = new RegExp(`^(${ORDINAL}|${ROMAN_OR_DIGITS})(?![\\p{L}\\p{N}])[^\\S\\n]*(?:[.:\\-–—][^\\S\\n]*(.*)|$)`, 'iu');
/** Words a wrapped heading line can end with, so the next line goes on with it. */
const OPEN_END = /(?:[,\-–]|\s(?:và|hoặc|của|đối với|giữa))$/u;

const MAX_HEADING = 300;
/** Articles whose predecessor is further back than this many candidates are not chained to it. */
const WINDOW = 400;
/**
 * An attached regulation's first article follows its "(Ban hành kèm theo …)" line within a
 * chapter heading or two; a form's "Điều 1" comes after a whole template header.
 */
const RESTART_REACH = 600;

const isUpper = (text: string) => /\p{Lu}/u.test(text) && text === text.toUpperCase();

function romanValue(roman: string): number {
  const digits: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const v = digits[roman[i]];
    total += v < (digits[roman[i + 1]] ?? 0) ? -v : v;
  }
  return total;
}

/** The value of a division number: "IV" → 4, "12" → 12, "thứ mười một" → 11. */
function divisionValue(number: string): number {
  if (/^\d/.test(number)) return Number(number);
  if (!number.startsWith('thứ')) return romanValue(number);
  const words = number.split(' ').slice(1);
  return words.length === 2 ? 10 + ORDINAL_VALUES[words[1]] : ORDINAL_VALUES[words[0]];
}

/** Lines after `from`, skipping page furniture, as [start, end] pairs. */
function* linesAfter(text: string, from: number): Generator<[number, number]> {
  let start = text.indexOf('\n', from);
  while (start >= 0) {
    start += 1;
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (!NOISE_LINE.test(text.slice(start, end).normalize('NFC'))) yield [start, end];
    start = nl;
  }
}

const clean = (line: string) => line.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A line that begins a section or a list item, which never continues a heading. */
const isStructural = (line: string) => KEYWORD_START.test(line) || /^\s*\d{1,3}\.\s/.test(line) || POINT_START.test(line);

/**
 * The heading of an article: the rest of its line and the lines it wraps onto (a next line that
 * starts in lower case, or follows a line ending in "và", "của", ","…). With nothing after the
 * number, the next line, unless it reads as body text.
 */
function articleHeading(text: string, rest: string, lineEnd: number): { heading: string; end: number } {
  let heading = clean(rest);
  let end = lineEnd;
  for (const [s, e] of linesAfter(text, lineEnd)) {
    const line = clean(text.slice(s, e));
    if (isStructural(line) || heading.length + 1 + line.length > MAX_HEADING) break;
    const first = heading === '' && /^\p{Lu}/u.test(line) && !/[:;,]$/.test(line);
    if (!first && !(heading !== '' && (/^\p{Ll}/u.test(line) || OPEN_END.test(heading)))) break;
    heading = heading ? `${heading} ${line}` : line;
    end = e;
  }
  return { heading, end };
}

/**
 * The title of a part, chapter or section: on its line, or the capitalised lines below it (or,
 * below a bare "Chương II", one line in sentence case that reads as a title).
 */
function divisionHeading(text: string, rest: string, lineEnd: number, bare: boolean): { heading: string; end: number } | null {
  let heading = clean(rest);
  let end = lineEnd;
  for (const [s, e] of linesAfter(text, lineEnd)) {
    const line = clean(text.slice(s, e));
    if (isStructural(line) || heading.length + 1 + line.length > MAX_HEADING) break;
    const caps = isUpper(line);
    const titleLike = caps || (bare && /^\p{Lu}/u.test(line) && !/[.:;,]$/.test(line) && line.length <= 200);
    if (heading !== '' ? !(caps && isUpper(heading)) : !titleLike) break;
    heading = heading ? `${heading} ${line}` : line;
    end = e;
    if (!caps) break;
  }
  return heading ? { heading, end } : null;
}

/** Titles of a regulation attached to the document that issues it ("QUY CHẾ … (Ban hành kèm theo …)"). */
const ATTACHED_TITLE = /^(?:QUY CHẾ|QUY ĐỊNH|ĐIỀU LỆ|QUY TRÌNH|QUY TẮC|CHƯƠNG TRÌNH|ĐỀ ÁN|KẾ HOẠCH|HƯỚNG DẪN)(?!\p{L})/u;

/**
 * Where numbering breaks: after the recipients ("Nơi nhận:") that close a document, and at the
 * "(Ban hành kèm theo …)" line under the title of an attached regulation ("QUY CHẾ …"), whose
 * articles number from 1 again (`restart`). An appendix form's "kèm theo" line does not restart.
 */
function boundaries(text: string): { at: number; restart: boolean }[] {
  const found = [...text.matchAll(RECIPIENTS)].map((m) => ({ at: m.index, restart: false }));
  for (const m of text.matchAll(ATTACHED)) {
    const before = text.slice(Math.max(0, m.index - 600), m.index).split('\n').map(clean).filter(Boolean).slice(-4);
    if (before.some((line) => ATTACHED_TITLE.test(line) && isUpper(line))) found.push({ at: m.index, restart: true });
  }
  return found.sort((a, b) => a.at - b.at);
}

/** For each offset (ascending), whether the last curly quote before it opens a quotation. */
function insideQuotes(text: string, offsets: number[]): boolean[] {
  const result: boolean[] = [];
  let pos = 0;
  let open = false;
  for (const offset of offsets) {
    for (; pos < offset; pos++) {
      const ch = text.charCodeAt(pos);
      if (ch === 0x201c) open = true;
      else if (ch === 0x201d) open = false;
    }
    result.push(open);
  }
  return result;
}

function candidatesOf(text: string): Candidate[] {
  const marks = boundaries(text);
  const found: Candidate[] = [];
  let segment = 0;
  for (const m of text.matchAll(KEYWORD_LINE)) {
    const groups = m.groups as Record<string, string | undefined>;
    const k = KEYWORDS.findIndex((_kw, i) => groups[`k${i}`] !== undefined);
    const keyword = groups[`k${k}`] as string;
    // A heading's keyword is capitalised; a quote before it marks quoted (amending) text.
    if (m[1] !== '' || keyword.charAt(0) !== keyword.charAt(0).toUpperCase()) continue;
    const start = m.index + m[0].indexOf(keyword.charAt(0));
    const lineEnd = m.index + m[0].length;
    const rest = m[m.length - 1].normalize('NFC');
    while (segment < marks.length && marks[segment].at < start) segment++;
    const sinceMarker = segment > 0 && marks[segment - 1].restart ? start - marks[segment - 1].at : Infinity;
    const level = KEYWORDS[k][1];
    if (level === 'article') {
      const a = ARTICLE_REST.exec(rest);
      if (!a) continue;
      const { heading, end } = articleHeading(text, a[3] ?? '', lineEnd);
      const letter = a[2] ? a[2].charCodeAt(0) - 96 : 0;
      const weight = a[3] ? 1 : 0.7;
      found.push({ level, number: a[1] + a[2], heading, start, headingEnd: end, weight, value: [Number(a[1]), letter], segment, sinceMarker });
      continue;
    }
    const d = (level === 'part' ? PART_REST : DIVISION_REST).exec(rest);
    if (!d) continue;
    const sameLine = d[2] ?? d[3] ?? '';
    if (d[3] !== undefined && !isUpper(d[3])) continue; // "Chương II Luật này…" is text
    const title = divisionHeading(text, sameLine, lineEnd, d[2] === undefined && d[3] === undefined);
    if (!title) continue;
    const number = /^thứ/iu.test(d[1]) ? d[1].toLowerCase().replace(/\s+/g, ' ') : d[1];
    const value: [number, number] = [divisionValue(number), 0];
    found.push({ level, number, heading: title.heading, start, headingEnd: title.end, weight: 1, value, segment, sinceMarker });
  }
  return found;
}

const follows = (a: [number, number], b: [number, number]) =>
  (b[0] === a[0] + 1 && b[1] === 0) || (b[0] === a[0] && b[1] === a[1] + 1);
const greater = (a: [number, number], b: [number, number]) => b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]);

/**
 * The articles that are headings: the chain of increasing numbers with the most weight. Each
 * article gains its weight when it follows the one before (5 → 6, 5 → 5a), or when it restarts at
 * 1 just after the "kèm theo" line of an attached regulation; a jump (5 → 9) or a chain that starts
 * past 1 gains a fifth of it, and a jump to an article with nothing after its number, nothing.
 */
function chainArticles(text: string, all: Candidate[]): Candidate[] {
  const articles = all.filter((c) => c.level === 'article');
  const quoted = insideQuotes(text, articles.map((a) => a.start));
  const weight = articles.map((a, i) => {
    let w = a.weight * (quoted[i] ? 0.1 : 1);
    // A line of a table of contents: the next thing after its heading is another heading.
    const next = linesAfter(text, a.headingEnd).next();
    if (!next.done && KEYWORD_START.test(text.slice(next.value[0], next.value[1]))) w -= 0.3;
    return w;
  });
  const best = new Float64Array(articles.length);
  const prev = new Int32Array(articles.length).fill(-1);
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    best[i] = weight[i] * (a.value[0] === 1 && a.value[1] === 0 ? 1 : 0.2);
    for (let j = Math.max(0, i - WINDOW); j < i; j++) {
      const b = articles[j];
      let gain: number;
      if (a.segment !== b.segment) {
        if (a.sinceMarker >= RESTART_REACH || a.value[0] !== 1 || a.value[1] !== 0) continue;
        gain = weight[i];
      } else if (!greater(b.value, a.value)) continue;
      else if (follows(b.value, a.value)) gain = weight[i];
      else if (a.weight === 1) gain = weight[i] * 0.2;
      else continue; // a bare "Điều 45." that skips numbers is a reference ending a line
      if (best[j] + gain > best[i]) {
        best[i] = best[j] + gain;
        prev[i] = j;
      }
    }
  }
  let last = -1;
  for (let i = 0; i < best.length; i++) if (last < 0 || best[i] > best[last]) last = i;
  const chain: Candidate[] = [];
  for (let i = last; i >= 0; i = prev[i]) chain.push(articles[i]);
  return chain.reverse();
}

/**
 * Parts, chapters, sections and subsections that are headings: each holds at least one article
 * before the next heading of its level or above (a table of contents holds none), and numbers
 * increase within the enclosing division. With no articles at all, numbering alone decides.
 */
function chainDivisions(all: Candidate[], articles: Set<Candidate>): Candidate[] {
  const rank = (c: Candidate) => SECTION_LEVELS.indexOf(c.level);
  const items = all.filter((c) => c.level !== 'article' || articles.has(c));
  const holdsArticle = (k: number) => {
    for (let n = k + 1; n < items.length; n++) {
      if (items[n].level === 'article') return true;
      if (rank(items[n]) <= rank(items[k])) return false;
    }
    return false;
  };
  const last = new Map<Level, Candidate>();
  const kept: Candidate[] = [];
  for (let k = 0; k < items.length; k++) {
    const c = items[k];
    if (c.level !== 'article') {
      if (articles.size > 0 && !holdsArticle(k)) continue;
      const before = last.get(c.level);
      if (before && before.segment === c.segment && c.value[0] <= before.value[0]) continue;
      last.set(c.level, c);
      for (const lower of SECTION_LEVELS.slice(rank(c) + 1)) last.delete(lower);
    }
    kept.push(c);
  }
  return kept;
}

/** Text cut at a space before `max` characters, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > 0 ? cut : max)}…`;
}

/** Clauses ("1. …", "2. …") of an article: lines numbered 1, 2, 3… in order, outside quotations. */
function clausesOf(text: string, article: Candidate, end: number): Candidate[] {
  const clauses: Candidate[] = [];
  const body = text.slice(article.headingEnd, end);
  const matches = [...body.matchAll(CLAUSE_LINE)];
  const quoted = insideQuotes(body, matches.map((m) => m.index));
  matches.forEach((m, i) => {
    if (quoted[i] || Number(m[1]) !== clauses.length + 1) return;
    const start = article.headingEnd + m.index + m[0].indexOf(m[1]);
    const heading = shorten(clean(m[2]), 200);
    clauses.push({ ...article, level: 'clause', number: m[1], heading, start, headingEnd: start + m[0].length, value: [Number(m[1]), 0] });
  });
  return clauses;
}

/** Parses the structure of a legal text; offsets index `text` as given. */
export function parseStructure(text: string): Section[] {
  const all = candidatesOf(text);
  const articles = new Set(chainArticles(text, all));
  const divisions = chainDivisions(all, articles);
  const withClauses = divisions.flatMap((c, k) => {
    if (c.level !== 'article') return [c];
    const next = divisions[k + 1];
    return [c, ...clausesOf(text, c, next ? next.start : text.length)];
  });

  const sections: Section[] = [];
  const stack: number[] = [];
  for (const c of withClauses) {
    const rank = SECTION_LEVELS.indexOf(c.level);
    while (stack.length && SECTION_LEVELS.indexOf(sections[stack[stack.length - 1]].level) >= rank) {
      sections[stack.pop() as number].end = c.start;
    }
    sections.push({
      level: c.level,
      number: c.number,
      heading: c.heading,
      start: c.start,
      end: text.length,
      parent: stack.length ? stack[stack.length - 1] : null,
    });
    stack.push(sections.length - 1);
  }
  return sections;
}

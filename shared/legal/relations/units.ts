/**
 * A legal text made ready for reading its relations. The gazette text comes with page furniture
 * (running headers, page numbers, signature stamps), Cyrillic look-alike letters in some numbers
 * ("BТС"), and the new wording that an amending article gives its target written inside curly
 * quotes. Here the furniture is dropped, look-alikes folded to Latin, quoted text blanked (it
 * speaks for the amended document, never for this one), and the body — from the first article to
 * the "./." that closes the last one — is cut into units: articles, clauses ("1."), points ("a)")
 * and dashes, each knowing its parent, so that "b) Bãi bỏ khoản 3 Điều 22" can find the document
 * that its article amends.
 */
import { fromCodeUnits } from '../../text.js';
import { parseStructure } from '../structure.js';

/** Cyrillic letters that look like Latin ones, as PDF extraction sometimes leaves them in numbers. */
const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** Lines of page furniture: gazette running header, page number, signature stamp, rules. */
const FURNITURE = [
  /^công báo\s*\/?\s*số/iu,
  /^\d{1,6}$/,
  /^(?:người ký|ký bởi|email|cơ quan|thời gian ký|ngày ký)\s*:/iu,
  /^[\s_\-–—=.…*]+$/u,
];

/** Where a unit starts, by the mark that opens its line; the level says how deep it sits. */
const MARKERS: { level: number; pattern: RegExp }[] = [
  { level: 0.5, pattern: /^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Tiểu mục)\s+(?:[IVXLC\d]+|thứ|THỨ)(?![\p{L}])[^\n]*/u },
  { level: 1, pattern: /^Điều\s+\d{1,3}[a-zđ]?\s*[.:]\s*/u },
  { level: 2.5, pattern: /^\d{1,2}\.\d{1,2}\.?\s+/u },
  { level: 2, pattern: /^\d{1,2}\s*\.(?!\d)\s*/u },
  { level: 3, pattern: /^[a-zđ]\d?\)\s*/u },
  { level: 4, pattern: /^[-–—+•]\s*/u },
];

/** The code units blankQuotes reads and writes: “ ” " space, line feed. */
const [OPEN, CLOSE, STRAIGHT, SPACE, NEWLINE] = [0x201c, 0x201d, 0x22, 0x20, 0x0a];

/** Stands between an article's heading and its first sentence while a unit's lines are gathered. */
const HEADING_END = '\u2029';
/** The end of a document's last article: "… thi hành Nghị định này./." */
const CLOSING = /\.\s*\/\s*\./u;

export interface Unit {
  /** 0 the title, 0.5 a chapter or section heading, 1 an article, 2 a clause, 3 a point, 4 a dash. */
  level: number;
  /** The unit's words after its mark, quoted text left out: an article's heading, a line break, its sentences. */
  text: string;
  /** Index of the enclosing unit (the title unit, 0, encloses the body). */
  parent: number | null;
  children: number[];
}

export interface PreparedText {
  /** The whole text, NFC, furniture dropped, look-alikes folded (quotes kept). */
  text: string;
  /** The same with quoted text replaced by spaces. */
  unquoted: string;
  /** Offsets of the body in both texts: from the first article to the closing "./.". */
  bodyStart: number;
  bodyEnd: number;
}

/** NFC, furniture dropped, Cyrillic look-alikes folded to Latin letters. */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(LOOK_ALIKE, (ch) => LOOK_ALIKES[ch])
    .split(/\r?\n/)
    .filter((line) => {
      const trimmed = line.trim();
      return trimmed === '' || !FURNITURE.some((re) => re.test(trimmed));
    })
    .join('\n');
}

/**
 * Replaces quoted text with spaces, keeping line breaks and the outer quote marks (“ ”), so that
 * "Bãi bỏ nội dung “ ”" still reads as words removed. Curly quotes nest; a quote left open is
 * closed at the next article of the document (`resets`), so one missing mark loses one article at
 * most. Straight quotes count only in pairs on one line, outside curly ones.
 */
export function blankQuotes(text: string, resets: number[] = []): string {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  let depth = 0;
  let next = 0;
  const sorted = [...resets].sort((a, b) => a - b);
  for (let i = 0; i < out.length; i++) {
    while (next < sorted.length && sorted[next] <= i) {
      if (sorted[next] === i) depth = 0;
      next++;
    }
    const ch = out[i];
    if (ch === OPEN) {
      depth++;
      if (depth > 1) out[i] = SPACE;
    } else if (ch === CLOSE) {
      depth = Math.max(0, depth - 1);
      out[i] = depth > 0 ? SPACE : CLOSE;
    } else if (ch === STRAIGHT && depth === 0) {
      const close = text.indexOf('"', i + 1);
      const lineEnd = text.indexOf('\n', i);
      if (close > 0 && (lineEnd < 0 || close < lineEnd)) {
        out.fill(SPACE, i + 1, close);
        out[i] = OPEN;
        out[close] = CLOSE;
        i = close;
      }
    } else if (depth > 0 && ch !== NEWLINE) out[i] = SPACE;
  }
  return fromCodeUnits(out);
}

/** Prepares a document's text: cleaned, quotes blanked, body found. */
export function prepareText(raw: string): PreparedText {
  const text = cleanText(raw);
  const articles = parseStructure(text).filter((s) => s.level === 'article');
  const unquoted = blankQuotes(text, articles.map((a) => a.start));
  const bodyStart = articles.length > 0 ? articles[0].start : preambleEnd(unquoted);
  const closing = CLOSING.exec(unquoted.slice(bodyStart));
  const bodyEnd = closing ? bodyStart + closing.index + closing[0].length : unquoted.length;
  return { text, unquoted, bodyStart, bodyEnd };
}

/**
 * Where the body starts in a text without articles: after the last line of the preamble ("Căn
 * cứ …", "Theo đề nghị …", "QUYẾT ĐỊNH:") near the top, or at the start.
 */
function preambleEnd(text: string): number {
  const head = text.slice(0, Math.max(4000, Math.floor(text.length / 3)));
  let end = 0;
  for (const m of head.matchAll(/^[^\S\n]*(?:Căn cứ|Theo đề nghị|[A-ZĐ][A-ZĐ ]+:[^\S\n]*$)[^\n]*$/gmu)) {
    end = m.index + m[0].length;
  }
  return end;
}

/** Lines of a text joined into one line, with numbers broken after a hyphen mended ("TT-\nBTC", "TT- BTC"). */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    out = out === '' ? line : /[\p{L}\d]-$/u.test(out) && /^[\p{Lu}\d]/u.test(line) ? out + line : `${out} ${line}`;
  }
  return mendNumbers(out.replace(/\s+/g, ' '));
}

/** "44/2022/TT- BTC" → "44/2022/TT-BTC": a space after a hyphen inside a document number. */
function mendNumbers(text: string): string {
  return text.replace(/(\d{1,5}\s?\/\s?(?:\d{4}\/)?[\p{Lu}\d&]+(?:-[\p{L}\d&]+)*-)\s+(?=\p{Lu})/gu, '$1');
}

/** The body of a prepared text cut into units, the title unit (index 0, level 0) first. */
export function unitsOf(prepared: PreparedText, title: string | null): Unit[] {
  const units: Unit[] = [{ level: 0, text: title ?? '', parent: null, children: [] }];
  const body = prepared.unquoted.slice(prepared.bodyStart, prepared.bodyEnd);
  let lines: string[] = [];
  let current: Unit | null = null;
  let headed = false;
  const stack: number[] = [0];
  const flush = () => {
    if (current) {
      const at = lines.indexOf(HEADING_END);
      current.text = at < 0 ? joinLines(lines) : `${joinLines(lines.slice(0, at))}\n${joinLines(lines.slice(at + 1))}`;
    }
    lines = [];
  };
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const marker = MARKERS.find((m) => m.pattern.test(line));
    if (!marker) {
      // An article's heading ends where a line opens with a capital: its first sentence.
      if (current?.level === 1 && !headed && /^\p{Lu}/u.test(line) && !/[,\-–]$|\s(?:và|của|đối với)$/u.test(lines[lines.length - 1])) {
        headed = true;
        lines.push(HEADING_END);
      }
      if (current) lines.push(line);
      continue;
    }
    headed = false;
    flush();
    while (stack.length > 1 && units[stack[stack.length - 1]].level >= marker.level) stack.pop();
    const parent = stack[stack.length - 1];
    current = { level: marker.level, text: '', parent, children: [] };
    units.push(current);
    units[parent].children.push(units.length - 1);
    stack.push(units.length - 1);
    lines.push(marker.level === 0.5 ? '' : line.replace(marker.pattern, ''));
  }
  flush();
  return units;
}

/** A line that heads an annex: "Phụ lục I", "PHỤ LỤC II". */
const ANNEX_HEADING = '^[^\\S\\n]*(?:PHỤ LỤC|Phụ lục)[^\\S\\n]+';

/**
 * The items of an annex of the document ("Phụ lục I", after its body) that a statement refers its
 * list to ("… tại Phụ lục I ban hành kèm theo Thông tư này"): each numbered line with its lines.
 */
export function annexItems(prepared: PreparedText, label: string): string[] {
  const after = prepared.unquoted.slice(prepared.bodyEnd);
  const heading = new RegExp(`${ANNEX_HEADING}${label}(?![\\p{L}\\d])[^\\n]*$`, 'mu').exec(after);
  if (!heading) return [];
  const start = prepared.bodyEnd + heading.index + heading[0].length;
  const next = new RegExp(`${ANNEX_HEADING}[IVXLC\\d]+(?![\\p{L}\\d])`, 'mu').exec(prepared.unquoted.slice(start));
  const end = next ? start + next.index : prepared.unquoted.length;
  return unitsOf({ ...prepared, bodyStart: start, bodyEnd: end }, null)
    .slice(1)
    .filter((u) => u.level >= 2 && u.level <= 3)
    .map((u) => u.text);
}

/**
 * The statements of a unit: its heading apart (an article's), then its text cut at ";" and at
 * ". " before a capital. A statement that ends with ":" introduces what follows it.
 */
export function statementsOf(text: string): string[] {
  return text
    .split(/\n|(?<=;)\s+|(?<=[.])\s+(?=[\p{Lu}\d])|(?<=:)\s+(?=[a-zđ]\)\s|[-–+•]\s|\d{1,2}\.\s)/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

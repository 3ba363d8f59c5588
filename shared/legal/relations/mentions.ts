/**
 * Documents as a legal text names them: by type and number ("Thông tư số 08/2020/TT-BLĐTBXH",
 * "Thông tư 95/2020/TT-BTC", "Luật số 32/2013/QH13"), by title and number ("Luật Bảo hiểm xã hội
 * số 58/2014/QH13"), or by title alone ("Luật Bảo hiểm xã hội"). A title alone is resolved to a
 * number through the titles the same document prints with one, those of its Căn cứ lines first:
 * "Căn cứ Luật Dẫn độ số 100/2025/QH15" names the law that "Luật Dẫn độ" means in its articles.
 */
import { vnFold } from '../../text.js';
import { docTypeFromNumber } from '../doc-types.js';
import { extractNumbers, tidyNumber } from '../numbers.js';

export interface Mention {
  start: number;
  end: number;
  /** The number as printed, tidied (spaces around "/" and after "-" removed); null when unknown. */
  number: string | null;
  /** "Luật Bảo hiểm xã hội" when the text names the document by title. */
  title: string | null;
  /** "Luật", "Nghị định", … as written, or implied by the number. */
  type: string | null;
  /** Whether the number is printed here (not resolved from the title). */
  printed: boolean;
}

/** Types a citation starts with, longest first ("Thông tư liên tịch" before "Thông tư"). */
const TYPES = [
  'Thông tư liên tịch', 'Nghị quyết liên tịch', 'Văn bản hợp nhất', 'Quyết định', 'Nghị quyết', 'Nghị định', 'Thông tư',
  'Pháp lệnh', 'Hiến pháp', 'Chỉ thị', 'Bộ luật', 'Luật', 'Lệnh', 'Công văn', 'Thông báo', 'Kế hoạch',
];
const TYPE_PATTERN = new RegExp(`(?<![\\p{L}])(?:${TYPES.join('|')})(?![\\p{L}])`, 'gu');
/** Types that documents are cited by title without a number: laws, codes, ordinances. */
const TITLED = ['Bộ luật', 'Luật', 'Pháp lệnh'];
const TITLED_PATTERN = new RegExp(`(?<![\\p{L}])(${TITLED.join('|')})\\s+(?=\\p{Lu})`, 'gu');
/** A title: a capital, then words without digits or clause punctuation, at most this long. */
const MAX_TITLE_WORDS = 18;
const TITLE_CHARS = /^\p{Lu}[^\d;:()“”"]*$/u;
/** Older texts write a law's title in lower case before its number: "Luật bảo hiểm xã hội số 71/2006/QH11". */
const LOWER_TITLE = /^\p{Ll}[^\d;:()“”",]*$/u;
const NOT_IN_LOWER_TITLE = /(?<![\p{L}])(?:sửa đổi|bổ sung|của|này|và|số)(?![\p{L}])/u;
/** Words that end a title named without a number, when the document never prints it with one. */
const TITLE_END = /\s(?:về|trong|theo|tại|của|được|đã|năm|số|ngày|để|đối với|thì|quy định|hướng dẫn|có|là|này|và các|hoặc)(?![\p{L}])|[,;:.()]/u;

/** Words that a law's title never holds: "Luật Bảo hiểm y tế, có hiệu lực kể từ ngày …" is a title and more. */
const NOT_A_TITLE = /(?<![\p{L}])(?:có hiệu lực|hiệu lực|kể từ|từ|được|đã|thông qua|ban hành|của|số|tại|ký|này)(?![\p{L}])/u;

/** Words before the number of a form, an annex or a table, which is not a document. */
const FORM_BEFORE = /(?<![\p{L}])(?:mẫu|biểu|biểu mẫu|phụ lục|bảng|mã|ký hiệu)(?:\s+số)?\s*:?\s*$/iu;
/** Party-style numbers ("57-NQ/TW"), counted only when a type names them. */
const PARTY = /^\d+-/;

/** Vietnamese letters compared without marks or case, spaces collapsed. */
export const foldTitle = (title: string) => vnFold(title).replace(/\s+/g, ' ').trim();

interface KnownTitle {
  title: string;
  numbers: { number: string | null; preamble: boolean }[];
}

/** Titles the document prints, by folded title ("luat bao hiem xa hoi"). */
export type KnownTitles = Map<string, KnownTitle>;

function typeBefore(before: string): { type: string; title: string | null } | null {
  const types = [...before.matchAll(TYPE_PATTERN)];
  for (let i = types.length - 1; i >= 0; i--) {
    const t = types[i];
    const tail = before.slice(t.index + t[0].length);
    if (/^\s*(?:số\s*:?\s*)*$/u.test(tail)) return { type: t[0], title: null };
    const named = /^\s+(.+)\s+số\s*:?\s*$/u.exec(tail);
    const titled = named && TITLED.includes(t[0]) && named[1].split(' ').length <= MAX_TITLE_WORDS;
    if (titled && (TITLE_CHARS.test(named[1]) || (LOWER_TITLE.test(named[1]) && !NOT_IN_LOWER_TITLE.test(named[1])))) {
      return { type: t[0], title: `${t[0]} ${named[1]}` };
    }
    if (/[\d;()]/.test(tail)) return null;
  }
  return null;
}

/** Documents named with a number, in order. */
function numberedMentions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const n of extractNumbers(text)) {
    const before = text.slice(Math.max(0, n.start - 250), n.start);
    // A form or annex number ("Mẫu số 01-ĐĐN/SHTT/2020"), not a document's.
    if (FORM_BEFORE.test(before)) continue;
    const typed = typeBefore(before);
    if (!typed && PARTY.test(n.number)) continue;
    const number = tidyNumber(n.number);
    let start = n.start;
    if (typed) {
      const at = before.lastIndexOf(typed.title ?? typed.type);
      start = n.start - (before.length - at);
    } else {
      const so = /số\s*:?\s*$/u.exec(before);
      if (so) start = n.start - so[0].length;
    }
    found.push({ start, end: n.end, number, title: typed?.title ?? null, type: typed?.type ?? docTypeFromNumber(number), printed: true });
  }
  return found;
}

/** The titles a document prints for laws, codes and ordinances, with or without their numbers. */
export function knownTitles(text: string, preambleEnd: number): KnownTitles {
  const known: KnownTitles = new Map();
  const add = (title: string, number: string | null, preamble: boolean) => {
    const key = foldTitle(title);
    const entry = known.get(key) ?? { title, numbers: [] };
    entry.numbers.push({ number, preamble });
    known.set(key, entry);
  };
  const dated = new RegExp(`(?<![\\p{L}])(${TITLED.join('|')})\\s+(\\p{Lu}(?:(?!(?:${TITLED.join('|')}|Căn cứ)\\s)[^\\d;:()“”"])*?)\\s+(?:ngày|năm)\\s+\\d`, 'gu');
  for (const [part, preamble] of [[text.slice(0, preambleEnd), true], [text.slice(preambleEnd), false]] as const) {
    const flat = part.replace(/\s+/g, ' ');
    for (const m of numberedMentions(flat)) if (m.title) add(m.title, m.number, preamble);
    for (const m of flat.matchAll(dated)) {
      if (m[2].split(' ').length <= MAX_TITLE_WORDS && !NOT_A_TITLE.test(m[2])) add(`${m[1]} ${m[2]}`, null, preamble);
    }
  }
  return known;
}

/** Year of a number ("41/2024/QH15" → 2024), 0 without one. */
const yearOf = (number: string) => Number(/\/((?:19|20)\d{2})\//.exec(number)?.[1] ?? 0);

/**
 * The number a title stands for: the one the Căn cứ lines print with it (none when they cite it
 * by date only); otherwise the latest the document prints with it.
 */
function resolve(entry: KnownTitle): string | null {
  const cited = entry.numbers.filter((n) => n.preamble);
  const pool = cited.length > 0 ? cited : entry.numbers;
  const numbered = pool.map((n) => n.number).filter((n): n is string => n !== null);
  if (numbered.length === 0) return null;
  return numbered.reduce((best, n) => (yearOf(n) > yearOf(best) ? n : best));
}

/** Documents named by title alone, resolved through the known titles. */
function titledMentions(text: string, known: KnownTitles, taken: Mention[]): Mention[] {
  const found: Mention[] = [];
  const titles = [...known.values()].sort((a, b) => b.title.length - a.title.length);
  for (const m of text.matchAll(TITLED_PATTERN)) {
    if (taken.some((t) => m.index >= t.start && m.index < t.end)) continue;
    const rest = text.slice(m.index, m.index + 250);
    const folded = foldTitle(rest);
    const match = titles.find((t) => {
      const key = foldTitle(t.title);
      return folded.startsWith(key) && !/[\p{L}\d]/u.test(folded.charAt(key.length));
    });
    let title: string;
    let number: string | null = null;
    if (match) {
      title = rest.slice(0, match.title.length);
      number = resolve(match);
    } else {
      const name = rest.slice(m[0].length);
      const end = TITLE_END.exec(name);
      const words = (end ? name.slice(0, end.index) : name).trim().split(' ').slice(0, 8).join(' ');
      if (!words) continue;
      title = `${m[1]} ${words}`;
    }
    found.push({ start: m.index, end: m.index + title.length, number, title, type: m[1], printed: false });
  }
  return found;
}

/** The documents a piece of text names, in order. */
export function findMentions(text: string, known: KnownTitles): Mention[] {
  const numbered = numberedMentions(text);
  return [...numbered, ...titledMentions(text, known, numbered)].sort((a, b) => a.start - b.start);
}

/** Two mentions name the same document: same number, or same title when neither has one. */
export function sameDocument(a: Mention, b: Mention): boolean {
  if (a.number && b.number) return foldTitle(a.number).replace(/\s/g, '') === foldTitle(b.number).replace(/\s/g, '');
  if (a.title && b.title) return foldTitle(a.title) === foldTitle(b.title);
  return false;
}

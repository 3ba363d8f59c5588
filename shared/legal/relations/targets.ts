/**
 * Which of the documents a statement names it acts on. "Bãi bỏ Điều 6 Thông tư số 119/2014/TT-BTC
 * … sửa đổi, bổ sung một số điều của Thông tư số 156/2013/TT-BTC, …" acts on the first document
 * only: what follows it is its description. Documents listed with it are targets too — "Luật Thuế
 * thu nhập doanh nghiệp và Nghị định số 320/2025/NĐ-CP", "Nghị định số 118/2024/NĐ-CP … và Nghị
 * định số 09/2023/NĐ-CP" — but not those of a description ("của", "tại", "theo" before them), of
 * an aside in parentheses, or after "được sửa đổi, bổ sung bởi" (who amended the target).
 * Also here: the parts a statement names ("khoản 3 Điều 22"), and the keys that match a target's
 * number in spite of a wrong legislature term.
 */
import { numberKey } from '../../text.js';
import { articleLabel } from '../structure.js';
import type { Mention } from './mentions.js';

/** Parts of a document: "khoản 3 Điều 22", "các điều 5 và 6", "Mẫu số 02 Phụ lục I", "Chương I". */
const PART_WORD = '(?:điểm|khoản|điều|chương|mục|phần|phụ lục|mẫu|biểu mẫu|biểu|tiết)';
const PART_ID = '(?:số\\s+[^\\s,;]+|(?:\\d{1,3}[a-zđ]?(?:\\.\\d{1,3})*|[IVXLC]{1,6}|[a-zđ](?:\\.\\d{1,3})?)(?![\\p{L}\\d]))';
const PART_REF = `(?:các\\s+|Các\\s+)?${PART_WORD}(?:\\s+${PART_ID}(?:\\s*(?:,|và)\\s*(?:${PART_WORD}\\s+)?${PART_ID})*)?`;
/** Text made of part references only, with the words that join them to their document. */
const ONLY_PARTS = new RegExp(
  `^(?:\\s|,|;|và|hoặc|của|tại|các|toàn bộ|quy định tại|nội dung|một số|một phần|quy định|ban hành kèm theo|kèm theo|danh mục|${PART_REF})*$`,
  'iu',
);
const STARTS_WITH_PART = new RegExp(`^(?:(?:một số|các|toàn bộ)\\s+)?(?:nội dung\\s+|quy định\\s+)?(?:tại\\s+)?${PART_WORD}(?![\\p{L}])`, 'iu');
const TRAILING_PARTS = new RegExp(`${PART_REF}(?:\\s*(?:,|và)?\\s*${PART_REF})*\\s*(?:của|tại)?\\s*$`, 'iu');
/** Words that begin a document's description after its number, date and issuer. */
const DESCRIPTION = /(?<![\p{L}])(?:quy định|hướng dẫn|về|sửa đổi|bổ sung|ban hành|phê duyệt|thi hành|thực hiện|để|đối với|liên quan)(?![\p{L}])/u;
/** After these, the documents named are those that amended the target, not targets. */
const AMENDED_BY = /(?<![\p{L}])(?:được|đã được)\s+(?:sửa đổi|bổ sung|thay thế|hợp nhất)|(?<![\p{L}])bởi(?![\p{L}])/u;

/** Whether `text` names only parts of a document ("Điều 3, Điều 4", "khoản 2 Điều 3; các khoản 1, 3 Điều 7 và"). */
export const onlyParts = (text: string) => ONLY_PARTS.test(text.replace(/\([^()]*\)/g, ' ').trim());
/** Whether a statement's object starts with a part of a document ("khoản 3 Điều 22", "Mẫu số 02"). */
export const startsWithPart = (text: string) => STARTS_WITH_PART.test(text.trim());

/** For each offset of `text`, whether it lies inside parentheses. */
function parenthesized(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    inside[i] = depth > 0 ? 1 : 0;
    if (text[i] === ')') depth = Math.max(0, depth - 1);
  }
  return inside;
}

const withoutAsides = (text: string) => text.replace(/\([^()]*\)/g, ' ');
const typeOf = (m: Mention) => m.type ?? '';

/** "(sau đây gọi chung là Luật số 58/2014/QH13)": closes the description of the document before it. */
const CALLED = /\(\s*sau đây gọi[^()]*\)/gu;
/** "Các Nghị định số …": a list of documents of one type. */
const PLURAL = /^\s*(?:các|Các)\s+(?:Thông tư liên tịch|Thông tư|Nghị định|Quyết định|Nghị quyết|Chỉ thị|Luật|văn bản)(?![\p{L}])/u;

/**
 * The targets of a statement among its mentions: the first one from `from` on, and each later one
 * that a list joins to it (",", ";", "và", after part references) rather than a description.
 * Joined after a description, only by "và" or ";" and of the first target's type, and not when
 * the description has itself named a document of that type ("… của Thông tư số A, …, và Thông tư
 * số B" continues the description's own list) — unless the statement announces a list of that
 * type ("Các Nghị định số A …, Nghị định số B … và Nghị định số C"). Who amended a target ("đã
 * được sửa đổi, bổ sung theo Luật số …") is description until a "(sau đây gọi là …)" closes it.
 */
export function targetsOf(text: string, mentions: Mention[], from = 0): Mention[] {
  const inside = parenthesized(text);
  const visible = mentions.filter((m) => m.start >= from && !inside[m.start]);
  if (visible.length === 0) return [];
  const targets = [visible[0]];
  const plural = PLURAL.test(text.slice(from, visible[0].end));
  let described: Mention | null = null;
  for (const m of visible.slice(1)) {
    const last = targets[targets.length - 1];
    let raw = text.slice(last.end, m.start);
    const called = [...raw.matchAll(CALLED)].pop();
    if (called) {
      raw = raw.slice(called.index + called[0].length);
      described = null;
    }
    const gap = withoutAsides(raw);
    if (AMENDED_BY.test(gap)) continue;
    const joint = gap.replace(TRAILING_PARTS, '').trim();
    const connector = /(?:^|\s)(và|hoặc)$/u.exec(joint)?.[1] ?? (/[,;]$/.test(joint) ? joint.slice(-1) : null);
    if (!connector) {
      described = m;
      continue;
    }
    const describedGap = described !== null || DESCRIPTION.test(gap.replace(TRAILING_PARTS, ''));
    const sameType = typeOf(m) === typeOf(targets[0]);
    // Joined straight to a numbered document of the description ("… áp dụng Nghị định số A ngày … và
    // Nghị quyết số B"), it is listed with that one, not with the target.
    const withDescribed = described !== null && described.printed && !DESCRIPTION.test(withoutAsides(text.slice(described.end, m.start)));
    const listed =
      !describedGap ||
      connector === ';' ||
      (plural && sameType && connector !== 'hoặc') ||
      (connector === 'và' && sameType && !withDescribed && (!described || typeOf(described) !== typeOf(m)));
    if (listed) {
      targets.push(m);
      described = null;
    } else described = m;
  }
  return targets;
}

/**
 * The words before the target at `index` of `targets` that say which of its parts are meant: for
 * the first, the object up to it; for one joined by a list, the part references just before it.
 */
export function wordsBefore(text: string, targets: Mention[], index: number): string {
  if (index === 0) return text.slice(0, targets[0].start);
  const gap = withoutAsides(text.slice(targets[index - 1].end, targets[index].start));
  return TRAILING_PARTS.exec(gap)?.[0] ?? '';
}

/** The articles a piece of text names: "Điều 10, Điều 11" → ["Điều 10", "Điều 11"]; "các điều 5 và 6" → ["Điều 5", "Điều 6"]. */
export function articlesNamed(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}])[Đđ]iều\s+(\d{1,3}[a-zđ]?(?:\s*(?:,|và)\s*\d{1,3}[a-zđ]?(?![\p{L}\d/]))*)/gu)) {
    for (const n of m[1].split(/\s*(?:,|và)\s*/u)) if (n && !found.includes(articleLabel(n))) found.push(articleLabel(n));
  }
  return found;
}

/** The words after a citation that describe the document: "… ngày … của Chính phủ quy định chi tiết …" → "quy định chi tiết …". */
export function descriptionAfter(text: string, end: number): string | null {
  let rest = text.slice(end);
  rest = rest.replace(/^\s*(?:ngày\s+(?:\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}))?/u, '');
  rest = rest.replace(/^\s*(?:của\s+(?:Chính phủ|Quốc hội|Thủ tướng Chính phủ|Ủy ban Thường vụ Quốc hội)(?![\p{L}])|của\s+[^;:.()]*?(?=\s(?:quy định|hướng dẫn|về|sửa đổi|ban hành|phê duyệt|thi hành|thực hiện|bãi bỏ)(?![\p{L}])))/u, '');
  const description = /^\s*((?:quy định|hướng dẫn|về|sửa đổi|ban hành|phê duyệt|thi hành|thực hiện|bãi bỏ)(?![\p{L}])[^;:()“”]*?)(?=\s*(?:[;:()“”]|\.\s|\.$|,\s*(?:có hiệu lực|hết hiệu lực)|\s(?:hết hiệu lực|như sau|và (?:Thông tư|Nghị định|Quyết định|Luật)|được sửa đổi|đã được)(?![\p{L}])|$))/u.exec(rest);
  if (!description) return null;
  const words = description[1].split(' ');
  return words.length > 40 ? `${words.slice(0, 40).join(' ')}…` : description[1];
}

/** National Assembly terms (khóa) by their years: a law's "QH" symbol names the term that passed it. */
const TERMS: [term: number, from: number, to: number][] = [
  [10, 1997, 2002], [11, 2002, 2007], [12, 2007, 2011], [13, 2011, 2016], [14, 2016, 2021], [15, 2021, 2026], [16, 2026, 2031],
];

/**
 * Number keys that name the document a printed number means: its own key, and — when its "QH"
 * or "UBTVQH" symbol names a term that did not sit in the number's year, a misprint such as
 * "67/2014/QH14" — the keys with each term that did ("67/2014/qh13").
 */
const LAW_KEY = /^(.+\/((?:19|20)\d{2})\/(?:ubtv)?qh)(\d{2})$/;

export function numberKeys(number: string): string[] {
  const key = numberKey(number);
  const m = LAW_KEY.exec(key);
  if (!m) return [key];
  const year = Number(m[2]);
  const terms = TERMS.filter(([, from, to]) => year >= from && year <= to).map(([term]) => term);
  if (terms.length === 0 || terms.includes(Number(m[3]))) return [key];
  return [key, ...terms.map((term) => `${m[1]}${term}`)];
}

/** The reverse of numberKeys: the keys of printed numbers that name the document whose key is `key` (itself, and its misprints). */
export function printedKeys(key: string): string[] {
  const m = LAW_KEY.exec(key);
  if (!m) return [key];
  const misprints = TERMS.map(([term]) => `${m[1]}${term}`).filter((printed) => printed !== key && numberKeys(printed).includes(key));
  return [key, ...misprints];
}

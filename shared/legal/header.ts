/**
 * The header of a Vietnamese legal document read from the text a PDF extractor gives for its
 * first page: number (số hiệu), type, issuing organ, place, date and summary (trích yếu). The
 * text comes with the national motto, the Official Gazette's running headers, page numbers and
 * signature stamps mixed in, and with the two columns of the header interleaved in any order.
 */
import { vnFold } from '../text.js';
import { DOC_TYPES, docTypeFromNumber, issuerFromNumber, organFromLines } from './doc-types.js';
import { extractNumbers, tidyNumber } from './numbers.js';

export { docTypeFromNumber, issuerFromNumber } from './doc-types.js';

export interface LegalHeader {
  /** As written, spaces around "/" removed: "2500/BTP-PBGDPL". */
  number: string | null;
  /** "Nghị định", "Thông tư liên tịch", "Công văn"… */
  docType: string | null;
  /** "Chính phủ", "Bộ Lao động - Thương binh và Xã hội"; joint issuers joined with ", ". */
  issuer: string | null;
  place: string | null;
  /** ISO YYYY-MM-DD. */
  date: string | null;
  /** The line(s) after the type line, or what follows "V/v" in an official letter (without "V/v"). */
  summary: string | null;
}

type Kind = 'blank' | 'motto' | 'gazette' | 'number' | 'date' | 'end' | 'vv' | 'type' | 'upper' | 'text';

interface Cell {
  text: string;
  folded: string;
  kind: Kind;
}

const NOISE = [
  /^công báo\s*\/?\s*số/iu, // Gazette running header "CÔNG BÁO/Số 123 + 124/Ngày 01-02-2025"
  /^\d{1,6}$/, // page numbers and the gazette's document ids
  /^(?:người ký|ký bởi|email|cơ quan|thời gian ký|ngày ký)\s*:/iu, // signature stamp
  /^[\s_\-–—=.…*]+$/u, // rules under the organ and the motto
  // Signer lines ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG") on a page that is all signature.
  /^(?:tm|kt|tl|tuq|q)\.\s/iu,
  /^(?:PHÓ )?(?:THỦ TƯỚNG|CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|CHÁNH ÁN|VIỆN TRƯỞNG|THỐNG ĐỐC|(?:TỔNG )?GIÁM ĐỐC)$/u,
];
const GAZETTE_SECTIONS = new Set(['van ban quy pham phap luat', 'van ban phap luat khac', 'dieu uoc quoc te']);
const VBHN_SECTION = /^van ban hop nhat\s*-\s*/;
// "Số: 158/2025/NĐ-CP", "Số 123/QĐ-UBND", "Luật số: 69/2020/QH14" (the colon tells it from a citation).
const NUMBERED_BY = ['Luật', 'Bộ luật', 'Nghị quyết', 'Pháp lệnh', 'Lệnh'].flatMap((t) => [t, t.toUpperCase()]).join('|');
const NUMBER_LINE = new RegExp(`^(?:(?:${NUMBERED_BY})\\s+(?:số|SỐ)\\s*:|(?:Số|SỐ)\\s*:?)\\s*(?=\\d|\\/|$)`, 'u');
// After the year only a footnote mark or a stray number may follow ("năm 20264", "năm 2026 2025").
const DATE_LINE = /^(?:([^,\d]{2,40}),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})[\d\s.;,]*$/iu;
const PLACE_LINE = /^([^,\d]{2,40}),\s*ngày\b/iu;
const BODY_START = /^(?:Căn cứ|Theo đề nghị|Kính gửi|Điều 1\b|Chương I\b|CHƯƠNG I\b|Phần thứ nhất|PHẦN THỨ NHẤT)/u;
const VV_LINE = /^V\s*\/\s*v\b\s*[.:]?\s*/iu;
const CONTINUED = /^\(tiep theo cong bao/;
/** "Thông tư số 07/2021/TT-BLĐTBXH ngày …", "Luật Bảo hiểm y tế số 25/2008/QH12": a cited document. */
const CITED_TYPES = 'Hiến pháp|Bộ luật|Luật|Pháp lệnh|Lệnh|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư';
const CITED = new RegExp(`^(?:${CITED_TYPES})\\s(?:[^\\d]{0,150}?\\s)?(?:số\\s+)?\\d{1,5}(?:\\.\\d+)?\\/`, 'u');
/** The footnote of a consolidated text: "Văn bản này được hợp nhất từ 03 Thông tư sau". */
const CONSOLIDATED_FROM = /văn bản này được hợp nhất từ/iu;
const TYPE_NAMES = DOC_TYPES.map((t) => ({ name: t.name, folded: vnFold(t.name) }));

const isUpper = (text: string) => /\p{Lu}.*\p{Lu}/u.test(text) && text === text.toUpperCase();

/** The type a capitalised line names: "NGHỊ ĐỊNH", "THÔNG TƯ1" (footnote mark), "LUẬT BẢO HIỂM Y TẾ". */
function typeOf(cell: string, folded: string): { name: string; rest: string } | null {
  if (!isUpper(cell) || cell.endsWith(':')) return null;
  const bare = folded.replace(/\d+$/, '').trim();
  for (const type of TYPE_NAMES) {
    if (bare === type.folded) return { name: type.name, rest: '' };
    if (bare.startsWith(`${type.folded} `)) return { name: type.name, rest: cell.slice(type.folded.length).trim() };
  }
  return null;
}

function classify(text: string, folded: string): Kind {
  if (text === '' || NOISE.some((re) => re.test(text))) return 'blank';
  if (folded.startsWith('cong hoa xa hoi chu nghia') || folded.startsWith('doc lap - tu do')) return 'motto';
  if (GAZETTE_SECTIONS.has(folded) || VBHN_SECTION.test(folded)) return 'gazette';
  if (NUMBER_LINE.test(text)) return 'number';
  if (DATE_LINE.test(text) || PLACE_LINE.test(text)) return 'date';
  if (BODY_START.test(text)) return 'end';
  if (VV_LINE.test(text)) return 'vv';
  if (typeOf(text, folded)) return 'type';
  return isUpper(text) ? 'upper' : 'text';
}

/** The header's lines, split into the cells of its two columns and classified, up to the body. */
function cellsOf(text: string): Cell[] {
  const cells: Cell[] = [];
  for (const line of text.split(/\r?\n/)) {
    for (const part of line.trim().split(/\s*\|\s*|\s{3,}/)) {
      const whole = cell(part);
      // An organ glued to the motto: "BỘ TÀI CHÍNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM".
      const motto = whole.folded.indexOf(' cong hoa xa hoi chu nghia');
      if (motto > 0) cells.push(cell(whole.text.slice(0, motto)), cell(whole.text.slice(motto + 1)));
      else cells.push(whole);
      if (whole.kind === 'end') return cells;
    }
  }
  return cells;
}

function cell(raw: string): Cell {
  const text = raw.replace(/\s+/g, ' ').trim();
  const folded = vnFold(text);
  return { text, folded, kind: classify(text, folded) };
}

function isoDate(day: string, month: string, year: string): string | null {
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The number that starts `text`, which may wrap to the next cell after a hyphen. */
function leadingNumber(text: string): string | null {
  const first = extractNumbers(text)[0];
  return first && text.slice(0, first.start).trim() === '' ? tidyNumber(first.number) : null;
}

function numberAt(cells: Cell[], i: number): string | null {
  const rest = cells[i].text.replace(NUMBER_LINE, '');
  const next = cells.slice(i + 1).find((c) => c.kind !== 'blank');
  const joined = next ? leadingNumber(`${rest}\n${next.text}`) : null;
  return rest.trim().endsWith('-') || rest.trim() === '' ? joined : (leadingNumber(rest) ?? joined);
}

/** The lines after the type line (or the V/v line) that make up the summary. */
function summaryFrom(cells: Cell[], start: number, first: string): string | null {
  const lines = first ? [first] : [];
  let caps = first ? isUpper(first) : null;
  for (let i = start + 1; i < cells.length && lines.length < 15; i++) {
    const { text, folded, kind } = cells[i];
    if (kind === 'blank') {
      if (lines.length > 0) break;
      continue;
    }
    if (!['text', 'upper', 'type'].includes(kind) || CONTINUED.test(folded)) break;
    if (lines.length > 0 && opensConsolidation(cells, i)) break;
    if (caps !== null && isUpper(text) !== caps) break;
    caps = isUpper(text);
    lines.push(text);
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

/** The V/v line of an official letter and its lower-case continuation lines. */
function letterSubject(cells: Cell[], at: number): string | null {
  const lines = [cells[at].text.replace(VV_LINE, '')];
  for (let i = at + 1; i < cells.length && cells[i].kind === 'text' && /^\p{Ll}/u.test(cells[i].text); i++) lines.push(cells[i].text);
  return lines.join(' ').trim() || null;
}

/**
 * The issuer: the run of capitalised lines nearest above `anchor` (the number, type or V/v line),
 * or with no anchor the first run on the page.
 */
function issuerBlock(cells: Cell[], anchor: number | undefined): string | null {
  const upper = (i: number) => cells[i]?.kind === 'upper';
  let start: number;
  let end: number;
  if (anchor === undefined) {
    start = end = cells.findIndex((c) => c.kind === 'upper');
    while (start >= 0 && upper(end + 1)) end++;
  } else {
    end = anchor - 1;
    while (end >= 0 && !upper(end)) end--;
    start = end;
    while (start > 0 && upper(start - 1)) start--;
  }
  return start >= 0 ? organFromLines(cells.slice(start, end + 1).map((c) => c.text)) : null;
}

/** The consolidating organ named by the gazette's "VĂN BẢN HỢP NHẤT - BỘ …" section heading. */
function consolidator(cells: Cell[], at: number): string | null {
  const lines = [cells[at].text.replace(/^.*?HỢP NHẤT\s*-\s*/iu, '')];
  for (let i = at + 1; i < cells.length && cells[i].kind === 'upper'; i++) lines.push(cells[i].text);
  return organFromLines(lines.filter(Boolean));
}

/**
 * A consolidated text opens with the document it consolidates, when that took effect and what
 * amended it: "Thông tư số 07/2021/TT-BLĐTBXH ngày …, có hiệu lực kể từ ngày …, được sửa đổi,
 * bổ sung bởi: …".
 */
function opensConsolidation(cells: Cell[], at: number): boolean {
  if (!CITED.test(cells[at].text)) return false;
  const window = cells.slice(at, at + 10).map((c) => c.folded).join(' ');
  return /co hieu luc/.test(window) && /duoc sua doi,? bo sung boi/.test(window);
}

/**
 * A gazette page that continues a document from an earlier issue names it in one line
 * ("Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018") above "(Tiếp theo Công báo số …)".
 */
function continuedHeader(cells: Cell[]): LegalHeader | null {
  const marker = cells.findIndex((c) => CONTINUED.test(c.folded));
  const at = cells.findIndex((c, i) => i < marker && CITED.test(c.text));
  if (marker < 0 || at < 0) return null;
  const m = /^(.+?)\s+số\s+(\S+)\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/u.exec(cells[at].text);
  const number = m ? leadingNumber(m[2]) : null;
  if (!m || !number) return null;
  const summary = cells.slice(at + 1, marker).filter((c) => c.kind !== 'blank').map((c) => c.text).join(' ');
  return {
    number,
    docType: DOC_TYPES.find((t) => t.name === m[1])?.name ?? docTypeFromNumber(number),
    issuer: issuerBlock(cells, at) ?? issuerFromNumber(number),
    place: null,
    date: isoDate(m[3], m[4], m[5]),
    summary: summary || null,
  };
}

/**
 * Reads the header of a legal document from the text of its first page. A consolidated text
 * (văn bản hợp nhất) whose own number is not on the page gets type "Văn bản hợp nhất" and no
 * number or date: the number and date on its first page belong to the document it consolidates.
 */
export function parseLegalHeader(firstPageText: string): LegalHeader {
  const text = firstPageText.normalize('NFC');
  const cells = cellsOf(text);
  const find = (kind: Kind) => cells.findIndex((c) => c.kind === kind);
  const numberIdx = find('number');
  const dateIdx = find('date');
  const typeIdx = find('type');
  const vvIdx = find('vv');
  const vbhnIdx = cells.findIndex((c) => c.kind === 'gazette' && VBHN_SECTION.test(c.folded));

  if (numberIdx < 0 && typeIdx < 0) {
    const continued = continuedHeader(cells);
    if (continued) return continued;
  }

  let number = numberIdx >= 0 ? numberAt(cells, numberIdx) : null;
  const dateMatch = dateIdx >= 0 ? DATE_LINE.exec(cells[dateIdx].text) : null;
  let date = dateMatch ? isoDate(dateMatch[2], dateMatch[3], dateMatch[4]) : null;
  const place = dateIdx >= 0 ? (PLACE_LINE.exec(cells[dateIdx].text)?.[1].trim() ?? null) : null;
  const type = typeIdx >= 0 ? typeOf(cells[typeIdx].text, cells[typeIdx].folded) : null;

  // The issuer heads the header, above the number; on a page with no header lines at all (a
  // scanned document) the first capitalised line is the gazette's heading for the organ.
  let issuer = issuerBlock(cells, [numberIdx, typeIdx, vvIdx].find((i) => i >= 0));
  let docType = type?.name ?? null;

  const numberIsVbhn = number !== null && docTypeFromNumber(number) === 'Văn bản hợp nhất';
  const opens =
    (typeIdx >= 0 && cells.some((_c, i) => i > typeIdx && opensConsolidation(cells, i))) ||
    CONSOLIDATED_FROM.test(text);
  if (numberIsVbhn || vbhnIdx >= 0 || opens) {
    docType = 'Văn bản hợp nhất';
    // The organ is the gazette's heading ("VĂN BẢN HỢP NHẤT - BỘ …", or the organ alone), not the
    // organ of a consolidated document whose own header is reproduced with its number.
    if (vbhnIdx >= 0) issuer = consolidator(cells, vbhnIdx);
    else if (!numberIsVbhn && numberIdx >= 0) issuer = null;
    if (!numberIsVbhn) {
      number = null;
      date = null;
    }
  }
  if (number) {
    docType ??= docTypeFromNumber(number);
    issuer ??= issuerFromNumber(number);
  }

  let summary: string | null = null;
  if (typeIdx >= 0) summary = summaryFrom(cells, typeIdx, type?.rest ?? '');
  else if (vvIdx >= 0) summary = letterSubject(cells, vvIdx);

  return { number, docType, issuer, place, date, summary };
}

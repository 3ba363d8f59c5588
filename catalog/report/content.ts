/**
 * What the yearly usage report says, whatever its format (csv.ts, pdf.ts): the rows and columns
 * its figures make, the unit it is for (or that its name is missing), who signs it and where,
 * and days, months and numbers written for the report's language. The words themselves are in
 * shared/messages/report.ts.
 */
import { USAGE_COUNTERS } from '../../shared/contract.js';
import type { UsageMonth, UsageSummary } from '../../shared/contract.js';
import { translate } from '../../shared/messages.js';
import type { Language, MessageKey, MessageParams } from '../../shared/messages.js';
import { vnFold } from '../../shared/text.js';

/** Every report's unit, who made it when and who signs it. */
export interface ReportSigners {
  /** The unit's name as its officials set it; null while unset: the report says so and invents none. */
  unit: string | null;
  generated: string; // YYYY-MM-DD
  /** Who signs under "Người lập báo cáo" and "Thủ trưởng đơn vị"; null leaves a line to write the name on. */
  preparer: string | null;
  head: string | null;
}

/** What both formats of a station's report show: its summary, and who signs it. */
export interface ReportData extends ReportSigners {
  summary: UsageSummary;
}

/** The report's words in its language. */
export type Words = (key: MessageKey, params?: MessageParams) => string;

export function wordsIn(lang: Language): Words {
  return (key, params) => translate(lang, key, params);
}

/** Each figure the report counts: the totals' rows and the month table's columns, in this order. */
export const REPORT_COUNTERS = ['opened', ...USAGE_COUNTERS] as const;
type ReportCounter = (typeof REPORT_COUNTERS)[number];

export function totalRows(s: UsageSummary, words: Words): [string, number][] {
  return REPORT_COUNTERS.map((counter) => [words(`report.total.${counter}`), s.totals[counter]]);
}

const monthFigure = (m: UsageMonth, counter: ReportCounter) => (counter === 'opened' ? m.opened : m.counts[counter]);

export function monthRows(s: UsageSummary): (string | number)[][] {
  return s.months.map((m) => [monthLabel(m.month), ...REPORT_COUNTERS.map((counter) => monthFigure(m, counter))]);
}

/** 2025-03 → 03/2025. */
export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** Where numbers are written the report's way (1.241 in Vietnamese, 1,241 in English). */
export const REPORT_LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** The unit as the report names it: its name, or the words saying it is not set yet. */
export function unitOf(data: ReportSigners, words: Words): string {
  return data.unit ?? words('report.unitMissing');
}

/** A line to write on by hand where a name or a place is not known. */
export const BLANK = '……………………';

/** The level words of a commune's name, folded (xã, phường, thị trấn, đặc khu), each followed by the place's own name. */
const LEVEL = /(?:^|\s)(?:xa|phuong|thi tran|dac khu)\s+/g;

/**
 * The place a report is signed in, from the unit's name: "UBND xã Tân Phước, huyện Đồng Hỷ" →
 * "Tân Phước", "Phường 3" as it is (a number alone is no place). Null when the name has no level
 * word to go by (the place is then written by hand). Folding keeps one character per character,
 * so a match in the folded name cuts the name itself.
 */
export function placeOf(unit: string | null): string | null {
  if (!unit) return null;
  const first = unit.normalize('NFC').split(',')[0].trim();
  const matches = [...vnFold(first).matchAll(LEVEL)];
  const last = matches.at(-1);
  if (!last) return null;
  const name = first.slice(last.index + last[0].length).trim();
  if (!name) return null;
  return /^\d/.test(name) ? first.slice(last.index).trim() : name;
}

/**
 * "Tân Phước, ngày 05 tháng 02 năm 2025": the place and date line above the signatures, written
 * as Vietnamese administrative documents write it (a day below 10, and months 1 and 2, with a 0).
 */
export function signedAt(data: ReportSigners, words: Words): string {
  const [year, month, day] = data.generated.split('-').map(Number);
  return words('report.sign.placeDate', {
    place: placeOf(data.unit) ?? BLANK,
    day: String(day).padStart(2, '0'),
    month: month <= 2 ? String(month).padStart(2, '0') : String(month),
    year,
  });
}

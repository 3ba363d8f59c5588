/**
 * What the yearly usage report says, whatever its format (csv.ts, pdf.ts): the rows and columns
 * its figures make, and days, months and numbers written for the report's language. The words
 * themselves are in shared/messages/report.ts.
 */
import { USAGE_COUNTERS } from '../../shared/contract.js';
import type { UsageMonth, UsageSummary } from '../../shared/contract.js';
import { translate } from '../../shared/messages.js';
import type { Language, MessageKey, MessageParams } from '../../shared/messages.js';

/** What both formats show: the summary, and who made it when. */
export interface ReportData {
  name: string;
  generated: string; // YYYY-MM-DD
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

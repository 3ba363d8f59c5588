/**
 * The usage report as CSV for Excel: UTF-8 with a byte order mark (so Excel on Windows reads the
 * accents), CRLF line ends, one section per table, who signs it last, in the language the caller
 * chooses.
 */
import type { Language } from '../../shared/messages.js';
import { dayLabel } from '../../shared/text.js';
import { BLANK, REPORT_COUNTERS, monthRows, signedAt, totalRows, unitOf, wordsIn } from './content.js';
import type { ReportData } from './content.js';

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @ first: a search
 * term typed by anyone) gets a leading apostrophe; quotes, commas and line ends are quoted.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(data: ReportData, lang: Language): string {
  const words = wordsIn(lang);
  const s = data.summary;
  const lines: (string | number)[][] = [
    [words('report.title')],
    [words('report.unit'), unitOf(data, words)],
    [words('report.from'), dayLabel(s.from)],
    [words('report.to'), dayLabel(s.to)],
    [words('report.generated'), dayLabel(data.generated)],
    [],
    [words('report.totals')],
    [words('report.col.indicator'), words('report.col.quantity')],
    ...totalRows(s, words),
    [],
    [words('report.byMonth')],
    [words('report.col.month'), ...REPORT_COUNTERS.map((counter) => words(`report.col.${counter}`))],
    ...monthRows(s),
    [],
    [words('report.topDocuments')],
    [words('report.col.rank'), words('report.col.document'), words('report.col.number'), words('report.col.timesOpened')],
    ...s.topDocuments.map((d, i) => [i + 1, d.title, d.number ?? '', d.opened]),
    [],
    [words('report.byField')],
    [words('report.col.field'), words('report.col.timesOpened')],
    ...s.byField.map((f) => [f.field ?? words('report.noField'), f.opened]),
    [],
    [words('report.noResultTerms')],
    [words('report.col.term'), words('report.col.count')],
    ...s.noResultTerms.map((t) => [t.term, t.count]),
    [],
    [signedAt(data, words)],
    [words('report.sign.preparer'), data.preparer ?? BLANK],
    [words('report.sign.head'), data.head ?? BLANK],
  ];
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

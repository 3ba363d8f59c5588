/**
 * The usage reports as CSV for Excel — a station's (`reportCsv`) and a hub's network
 * (`networkCsv`): UTF-8 with a byte order mark (so Excel on Windows reads the accents), CRLF line
 * ends, one section per table, who signs it last, in the language the caller chooses.
 */
import type { Language } from '../../shared/messages.js';
import { dayLabel } from '../../shared/text.js';
import { BLANK, REPORT_COUNTERS, monthRows, signedAt, totalRows, unitOf, wordsIn } from './content.js';
import type { ReportData, ReportSigners, Words } from './content.js';
import { figuresOf } from './network.js';
import type { NetworkReportData } from './network.js';

type Line = (string | number)[];

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @ first: a search
 * term typed by anyone) gets a leading apostrophe; quotes, commas and line ends are quoted.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvOf = (lines: Line[]) => '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The title, the unit and the period. */
const headLines = (title: string, data: ReportSigners, from: string, to: string, words: Words): Line[] => [
  [title],
  [words('report.unit'), unitOf(data, words)],
  [words('report.from'), dayLabel(from)],
  [words('report.to'), dayLabel(to)],
  [words('report.generated'), dayLabel(data.generated)],
];

/** The totals and the month table. */
const summaryLines = (data: ReportData, words: Words): Line[] => [
  [words('report.totals')],
  [words('report.col.indicator'), words('report.col.quantity')],
  ...totalRows(data.summary, words),
  [],
  [words('report.byMonth')],
  [words('report.col.month'), ...counterColumns(words)],
  ...monthRows(data.summary),
];

const counterColumns = (words: Words) => REPORT_COUNTERS.map((counter) => words(`report.col.${counter}`));

/** The place and date, and who signs. */
const signatureLines = (data: ReportSigners, words: Words): Line[] => [
  [signedAt(data, words)],
  [words('report.sign.preparer'), data.preparer ?? BLANK],
  [words('report.sign.head'), data.head ?? BLANK],
];

export function reportCsv(data: ReportData, lang: Language): string {
  const words = wordsIn(lang);
  const s = data.summary;
  return csvOf([
    ...headLines(words('report.title'), data, s.from, s.to, words),
    [],
    ...summaryLines(data, words),
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
    ...signatureLines(data, words),
  ]);
}

export function networkCsv(data: NetworkReportData, lang: Language): string {
  const words = wordsIn(lang);
  const s = data.summary;
  const reporting = data.stations.filter((station) => station.reporting > 0).length;
  const province = (name: string) => name || words('report.noProvince');
  return csvOf([
    ...headLines(words('report.network.title'), data, s.from, s.to, words),
    [words('report.network.stations'), words('report.network.stationsLine', { stations: data.stations.length, reporting })],
    [words('report.network.source')],
    [],
    ...summaryLines(data, words),
    [],
    [words('report.network.byProvince')],
    [words('report.col.province'), words('report.col.stations'), words('report.col.reporting'), ...counterColumns(words)],
    ...data.provinces.map((row) => [province(row.name), row.stations, row.reporting, ...figuresOf(row)]),
    [],
    [words('report.network.byStation')],
    [words('report.col.station'), words('report.col.commune'), words('report.col.province'), ...counterColumns(words)],
    ...data.stations.map((row) => [row.name, row.commune, province(row.province), ...figuresOf(row)]),
    [],
    ...signatureLines(data, words),
  ]);
}

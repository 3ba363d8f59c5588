/**
 * A station's usage report as PDF, for printing (drawn with ./pdf-kit.ts): totals, use by month
 * with a chart, the documents read most, reading by field, the searches that found nothing, and
 * the signatures, in the language the caller chooses.
 */
import type { Language } from '../../shared/messages.js';
import { monthLabel, monthRows, totalRows, wordsIn } from './content.js';
import type { ReportData, Words } from './content.js';
import type { UsageSummary } from '../../shared/contract.js';
import { BAR, BAR_2, startReportPdf } from './pdf-kit.js';
import type { ReportPdf } from './pdf-kit.js';

/** The month table's columns (REPORT_COUNTERS' order), short enough for a page's width. */
export function monthHeaders(words: Words): string[] {
  return [
    words('report.col.month'),
    words('report.col.opened'),
    words('report.col.search'),
    words('report.pdf.col.search_no_result'),
    words('report.pdf.col.kiosk_session'),
    words('report.pdf.col.phone_session'),
    words('report.col.page_printed'),
    words('report.col.document_added'),
    words('report.col.document_sent'),
  ];
}

/** Widths of the month table's columns (the page is 483 points wide between its margins). */
export const MONTH_WIDTHS = [51, 54, 54, 54, 54, 54, 54, 54, 54];

/** The totals, then the months as a chart and a table: how a station's report and the network's begin. */
export function totalsAndMonths(pdf: ReportPdf, s: UsageSummary, words: Words, monthFont?: number): void {
  pdf.heading(words('report.pdf.totals'));
  pdf.table([words('report.col.indicator'), words('report.col.quantity')], totalRows(s, words), [300, 110]);

  pdf.heading(words('report.pdf.byMonth'));
  pdf.monthChart(
    words('report.pdf.monthChart'),
    [
      { label: words('report.col.opened'), color: BAR, values: s.months.map((m) => m.opened) },
      { label: words('report.col.search'), color: BAR_2, values: s.months.map((m) => m.counts.search) },
    ],
    s.months.map((m) => monthLabel(m.month)),
  );
  pdf.space(0.5);
  pdf.table(monthHeaders(words), monthRows(s), MONTH_WIDTHS, monthFont);
}

export function reportPdf(data: ReportData, lang: Language): Promise<Buffer> {
  const s = data.summary;
  const words = wordsIn(lang);
  const pdf = startReportPdf({ ...data, from: s.from, to: s.to, lang, title: words('report.title') });
  totalsAndMonths(pdf, s, words);

  pdf.heading(words('report.pdf.topDocuments'));
  if (s.topDocuments.length === 0) pdf.note(words('report.pdf.noneOpened'));
  else pdf.table(['#', words('report.col.document'), words('report.col.number'), words('report.col.timesOpened')], s.topDocuments.map((d, i) => [String(i + 1), d.title, d.number ?? '', d.opened]), [24, 300, 104, 55]);

  pdf.heading(words('report.pdf.byField'));
  if (s.byField.length === 0) pdf.note(words('report.pdf.noneOpened'));
  else pdf.barList(s.byField.map((f) => ({ label: f.field ?? words('report.noField'), value: f.opened })));

  pdf.heading(words('report.pdf.noResultTerms'));
  pdf.note(words('report.pdf.noResultLead'));
  pdf.space(0.3);
  if (s.noResultTerms.length === 0) pdf.note(words('report.pdf.noneWithoutResult'));
  else pdf.table([words('report.col.term'), words('report.col.count')], s.noResultTerms.map((t) => [t.term, t.count]), [380, 80]);

  pdf.signatures();
  return pdf.finish();
}

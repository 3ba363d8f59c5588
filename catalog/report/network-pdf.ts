/**
 * A hub's network report as PDF, for printing (drawn with ./pdf-kit.ts, as a station's is): the
 * network's totals, its use by month with a chart, a table per province and one per station
 * (each station under its name, commune and province), and the signatures of the hub's unit.
 */
import type { Language } from '../../shared/messages.js';
import { wordsIn } from './content.js';
import { figuresOf } from './network.js';
import type { NetworkReportData } from './network.js';
import { monthHeaders, totalsAndMonths } from './pdf.js';
import { startReportPdf } from './pdf-kit.js';

/** Eight counters' columns beside a wider name column, within the page's 483 points: 12.345.678 fits one at the tables' 7.5 points. */
const COUNTER_WIDTH = 48;
const WIDE_TABLE_FONT = 7.5;

export function networkPdf(data: NetworkReportData, lang: Language): Promise<Buffer> {
  const s = data.summary;
  const words = wordsIn(lang);
  const pdf = startReportPdf({ ...data, from: s.from, to: s.to, lang, title: words('report.network.title') });
  const reporting = data.stations.filter((station) => station.reporting > 0).length;
  const province = (name: string) => name || words('report.noProvince');
  const [, ...counterHeaders] = monthHeaders(words);

  pdf.note(words('report.network.stationsLine', { stations: pdf.num(data.stations.length), reporting: pdf.num(reporting) }));
  pdf.note(words('report.network.source'));

  totalsAndMonths(pdf, s, words, 8.5);

  const nameWidth = pdf.width - 8 * COUNTER_WIDTH;
  const counterWidths = Array<number>(8).fill(COUNTER_WIDTH);
  pdf.heading(words('report.network.pdf.byProvince'));
  if (data.provinces.length === 0) pdf.note(words('report.network.noStations'));
  else
    pdf.table(
      [`${words('report.col.province')} (${words('report.col.reporting')}/${words('report.col.stations')})`, ...counterHeaders],
      data.provinces.map((row) => [`${province(row.name)} (${pdf.num(row.reporting)}/${pdf.num(row.stations)})`, ...figuresOf(row)]),
      [nameWidth, ...counterWidths],
      WIDE_TABLE_FONT,
    );

  pdf.heading(words('report.network.pdf.byStation'));
  if (data.stations.length === 0) pdf.note(words('report.network.noStations'));
  else
    pdf.table(
      [words('report.col.station'), ...counterHeaders],
      data.stations.map((row) => [[row.name, row.commune !== row.name ? row.commune : '', province(row.province)].filter(Boolean).join('\n'), ...figuresOf(row)]),
      [nameWidth, ...counterWidths],
      WIDE_TABLE_FONT,
    );

  pdf.signatures();
  return pdf.finish();
}

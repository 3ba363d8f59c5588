/**
 * The usage report as PDF, for printing: Noto Sans from build/fonts is embedded (no dependence on
 * the OS fonts, every Vietnamese tone mark prints), with simple bar charts and page numbers, in
 * the language the caller chooses.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { dayLabel } from '../../shared/text.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Language } from '../../shared/messages.js';
import { REPORT_LOCALES, monthLabel, monthRows, totalRows, wordsIn } from './content.js';
import type { ReportData, Words } from './content.js';

const FONT_DIR = path.join(PACKAGE_ROOT, 'build', 'fonts');

const INK = '#1f2937';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const BAR = '#1d4ed8';
const BAR_2 = '#93c5fd';

/** The month table's columns (REPORT_COUNTERS' order), short enough for a page's width. */
function monthHeaders(words: Words): string[] {
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

export function reportPdf(data: ReportData, lang: Language): Promise<Buffer> {
  const words = wordsIn(lang);
  const title = words('report.title');
  const number = new Intl.NumberFormat(REPORT_LOCALES[lang]);
  const num = (n: number) => number.format(n);
  const s = data.summary;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    lang: REPORT_LOCALES[lang],
    displayTitle: true,
    font: path.join(FONT_DIR, 'NotoSans-Regular.ttf'),
    info: { Title: `${title} — ${data.name}`, Author: data.name, Subject: `${dayLabel(s.from)} – ${dayLabel(s.to)}`, Creator: 'bookshelf report' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', path.join(FONT_DIR, 'NotoSans-Regular.ttf'));
  doc.registerFont('bold', path.join(FONT_DIR, 'NotoSans-Bold.ttf'));

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const fit = (text: string, max: number) => {
    if (doc.widthOfString(text) <= max) return text;
    let cut = text;
    while (cut.length > 1 && doc.widthOfString(`${cut}…`) > max) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  };
  const heading = (text: string) => {
    room(60);
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor(INK).text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  const note = (text: string) => {
    doc.font('regular').fontSize(9.5).fillColor(MUTED).text(text, left, doc.y, { width });
  };

  /** A table: text left-aligned, numbers (and their headers) right-aligned. */
  const table = (headers: string[], rows: (string | number)[][], widths: number[]) => {
    const rowHeight = 17;
    const aligns = headers.map((_, i) => (typeof rows[0]?.[i] === 'number' ? 'right' : 'left') as 'right' | 'left');
    const drawRow = (cells: (string | number)[], bold: boolean) => {
      room(rowHeight);
      const y = doc.y;
      let x = left;
      doc.font(bold ? 'bold' : 'regular').fontSize(9).fillColor(INK);
      cells.forEach((cell, i) => {
        const w = widths[i];
        const text = typeof cell === 'number' ? num(cell) : fit(cell, w - 8);
        doc.text(text, x + 4, y + 4, { width: w - 8, align: aligns[i], lineBreak: false });
        x += w;
      });
      doc.moveTo(left, y + rowHeight).lineTo(left + widths.reduce((a, b) => a + b, 0), y + rowHeight).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.x = left;
      doc.y = y + rowHeight;
    };
    drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
  };

  /** Vertical bars per month, one or two series side by side, with a legend. */
  const monthChart = (title: string, series: { label: string; color: string; values: number[] }[], labels: string[]) => {
    const height = 150;
    room(height + 60);
    doc.font('bold').fontSize(10).fillColor(INK).text(title, left, doc.y, { width });
    const top = doc.y + 14;
    const axisX = left + 36;
    const plotWidth = width - 36;
    const max = Math.max(1, ...series.flatMap((one) => one.values));
    const step = plotWidth / Math.max(1, labels.length);
    const barWidth = Math.max(1.5, Math.min(18, (step * 0.75) / series.length));
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    for (const fraction of [0, 0.5, 1]) {
      const y = top + height - fraction * height;
      doc.moveTo(axisX, y).lineTo(axisX + plotWidth, y).lineWidth(0.4).strokeColor(RULE).stroke();
      doc.text(num(Math.round(max * fraction)), left, y - 4, { width: 32, align: 'right', lineBreak: false });
    }
    labels.forEach((label, i) => {
      const groupX = axisX + i * step + (step - barWidth * series.length) / 2;
      series.forEach((one, k) => {
        const h = (one.values[i] / max) * height;
        if (h > 0) doc.rect(groupX + k * barWidth, top + height - h, barWidth, h).fill(one.color);
      });
      // Every month's label while they fit, else every few.
      const every = Math.ceil(labels.length / 12);
      if (i % every === 0) {
        doc.fillColor(MUTED).text(label, axisX + i * step - 10, top + height + 4, { width: step + 20, align: 'center', lineBreak: false });
      }
    });
    let legendX = axisX;
    const legendY = top + height + 18;
    for (const one of series) {
      doc.rect(legendX, legendY + 2, 8, 8).fill(one.color);
      doc.fillColor(INK).fontSize(8.5).text(one.label, legendX + 12, legendY, { lineBreak: false });
      legendX += 12 + doc.widthOfString(one.label) + 18;
    }
    doc.x = left;
    doc.y = legendY + 20;
  };

  /** Horizontal bars: a label, a bar, the figure. */
  const barList = (rows: { label: string; value: number }[]) => {
    const labelWidth = 170;
    const figureWidth = 50;
    const barSpace = width - labelWidth - figureWidth - 8;
    const max = Math.max(1, ...rows.map((r) => r.value));
    for (const row of rows) {
      room(18);
      const y = doc.y;
      doc.font('regular').fontSize(9).fillColor(INK).text(fit(row.label, labelWidth - 6), left, y + 3, { width: labelWidth - 6, lineBreak: false });
      const w = Math.max(1, (row.value / max) * barSpace);
      doc.rect(left + labelWidth, y + 4, w, 10).fill(BAR);
      doc.fillColor(INK).text(num(row.value), left + labelWidth + w + 6, y + 3, { width: figureWidth, lineBreak: false });
      doc.x = left;
      doc.y = y + 18;
    }
  };

  // Title block.
  doc.font('bold').fontSize(17).fillColor(INK).text(title, left, doc.y, { width });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor(INK);
  doc.text(words('report.pdf.unit', { name: data.name }), { width });
  doc.text(words('report.pdf.period', { from: dayLabel(s.from), to: dayLabel(s.to) }), { width });
  doc.fillColor(MUTED).fontSize(9.5).text(words('report.pdf.generated', { day: dayLabel(data.generated) }), { width });

  heading(words('report.pdf.totals'));
  table([words('report.col.indicator'), words('report.col.quantity')], totalRows(s, words), [300, 110]);

  heading(words('report.pdf.byMonth'));
  const labels = s.months.map((m) => monthLabel(m.month));
  monthChart(
    words('report.pdf.monthChart'),
    [
      { label: words('report.col.opened'), color: BAR, values: s.months.map((m) => m.opened) },
      { label: words('report.col.search'), color: BAR_2, values: s.months.map((m) => m.counts.search) },
    ],
    labels,
  );
  doc.moveDown(0.5);
  table(monthHeaders(words), monthRows(s), [56, 60, 54, 66, 44, 58, 50, 50, 50]);

  heading(words('report.pdf.topDocuments'));
  if (s.topDocuments.length === 0) note(words('report.pdf.noneOpened'));
  else table(['#', words('report.col.document'), words('report.col.number'), words('report.col.timesOpened')], s.topDocuments.map((d, i) => [String(i + 1), d.title, d.number ?? '', d.opened]), [24, 300, 104, 55]);

  heading(words('report.pdf.byField'));
  if (s.byField.length === 0) note(words('report.pdf.noneOpened'));
  else barList(s.byField.map((f) => ({ label: f.field ?? words('report.noField'), value: f.opened })));

  heading(words('report.pdf.noResultTerms'));
  note(words('report.pdf.noResultLead'));
  doc.moveDown(0.3);
  if (s.noResultTerms.length === 0) note(words('report.pdf.noneWithoutResult'));
  else table([words('report.col.term'), words('report.col.count')], s.noResultTerms.map((t) => [t.term, t.count]), [380, 80]);

  // Page numbers, in the bottom margin (margin set to 0 so writing there adds no page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(MUTED).text(words('report.pdf.footer', { name: data.name, title, page: i + 1, pages: range.count }), left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

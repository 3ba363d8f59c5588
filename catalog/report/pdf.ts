/**
 * The usage report as PDF, for printing: Noto Sans from build/fonts is embedded (no dependence on
 * the OS fonts, every Vietnamese tone mark prints), with simple bar charts and page numbers, in
 * the language the caller chooses. Tables wrap long text (a title is never cut) and repeat their
 * header on each page they run onto; the report ends with the place and date and the signatures
 * of who prepared it and the unit's head, as a Vietnamese administrative report is signed.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { dayLabel } from '../../shared/text.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Language } from '../../shared/messages.js';
import { BLANK, REPORT_LOCALES, monthLabel, monthRows, signedAt, totalRows, unitOf, wordsIn } from './content.js';
import type { ReportData, Words } from './content.js';

const FONT_DIR = path.join(PACKAGE_ROOT, 'build', 'fonts');

const INK = '#1f2937';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const BAR = '#1d4ed8';
const BAR_2 = '#93c5fd';
const HEAD_FILL = '#f3f4f6';

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
  const unit = unitOf(data, words);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    lang: REPORT_LOCALES[lang],
    displayTitle: true,
    font: path.join(FONT_DIR, 'NotoSans-Regular.ttf'),
    info: { Title: `${title} — ${unit}`, ...(data.unit ? { Author: data.unit } : {}), Subject: `${dayLabel(s.from)} – ${dayLabel(s.to)}`, Creator: 'bookshelf report' },
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
  const heading = (text: string) => {
    room(60);
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor(INK).text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  const note = (text: string) => {
    doc.font('regular').fontSize(9.5).fillColor(MUTED).text(text, left, doc.y, { width });
  };

  /**
   * A table: text left-aligned and wrapped within its column, numbers (and their headers)
   * right-aligned. A row never splits; where the next one does not fit, the table goes on on a
   * new page under its header again.
   */
  const table = (headers: string[], rows: (string | number)[][], widths: number[]) => {
    const pad = 4;
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const aligns = headers.map((_, i) => (typeof rows[0]?.[i] === 'number' ? 'right' : 'left') as 'right' | 'left');
    const texts = (cells: (string | number)[]) => cells.map((cell) => (typeof cell === 'number' ? num(cell) : cell));
    const font = (bold: boolean) => doc.font(bold ? 'bold' : 'regular').fontSize(9);
    const heightOf = (cells: string[], bold: boolean) => {
      font(bold);
      return Math.max(17, ...cells.map((text, i) => doc.heightOfString(text, { width: widths[i] - 2 * pad }) + 2 * pad));
    };
    const drawRow = (cells: string[], bold: boolean, height: number) => {
      const y = doc.y;
      if (bold) doc.rect(left, y, tableWidth, height).fill(HEAD_FILL);
      font(bold).fillColor(INK);
      let x = left;
      cells.forEach((text, i) => {
        doc.text(text, x + pad, y + pad, { width: widths[i] - 2 * pad, align: aligns[i] });
        x += widths[i];
      });
      doc.moveTo(left, y + height).lineTo(left + tableWidth, y + height).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.x = left;
      doc.y = y + height;
    };
    const head = texts(headers);
    const headHeight = heightOf(head, true);
    const body = rows.map((row) => {
      const cells = texts(row);
      return { cells, height: heightOf(cells, false) };
    });
    // The header never stands alone at the foot of a page.
    room(headHeight + (body[0]?.height ?? 0));
    drawRow(head, true, headHeight);
    for (const row of body) {
      if (doc.y + row.height > bottom()) {
        doc.addPage();
        drawRow(head, true, headHeight);
      }
      drawRow(row.cells, false, row.height);
    }
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

  /** Horizontal bars: a label (wrapped), a bar, the figure. */
  const barList = (rows: { label: string; value: number }[]) => {
    const labelWidth = 170;
    const figureWidth = 50;
    const barSpace = width - labelWidth - figureWidth - 8;
    const max = Math.max(1, ...rows.map((r) => r.value));
    for (const row of rows) {
      doc.font('regular').fontSize(9);
      const height = Math.max(18, doc.heightOfString(row.label, { width: labelWidth - 6 }) + 6);
      room(height);
      const y = doc.y;
      doc.fillColor(INK).text(row.label, left, y + 3, { width: labelWidth - 6 });
      const w = Math.max(1, (row.value / max) * barSpace);
      doc.rect(left + labelWidth, y + 4, w, 10).fill(BAR);
      doc.fillColor(INK).text(num(row.value), left + labelWidth + w + 6, y + 3, { width: figureWidth, lineBreak: false });
      doc.x = left;
      doc.y = y + height;
    }
  };

  /**
   * The place and date, then two columns — who prepared the report, the unit's head — each with
   * its title, what to do there, room to sign, and the name (or a line to write it on).
   */
  const signatures = () => {
    const column = width / 2;
    const upper = (text: string) => text.toLocaleUpperCase(REPORT_LOCALES[lang]);
    room(190);
    doc.moveDown(2);
    doc.font('regular').fontSize(10.5).fillColor(INK).text(signedAt(data, words), left + column, doc.y, { width: column, align: 'center', oblique: true });
    const top = doc.y + 6;
    const signer = (x: number, role: string, note: string, name: string | null) => {
      doc.font('bold').fontSize(11).fillColor(INK).text(upper(role), x, top, { width: column, align: 'center' });
      doc.font('regular').fontSize(9.5).fillColor(MUTED).text(note, x, doc.y, { width: column, align: 'center', oblique: true });
      doc.font('bold').fontSize(11).fillColor(INK).text(name ?? BLANK, x, top + 110, { width: column, align: 'center' });
    };
    signer(left, words('report.sign.preparer'), words('report.sign.preparerNote'), data.preparer);
    signer(left + column, words('report.sign.head'), words('report.sign.headNote'), data.head);
    doc.x = left;
    doc.y = top + 130;
  };

  // Title block.
  doc.font('bold').fontSize(17).fillColor(INK).text(title, left, doc.y, { width });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor(INK);
  doc.text(words('report.pdf.unit', { name: unit }), { width });
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
  table(monthHeaders(words), monthRows(s), [51, 54, 54, 54, 54, 54, 54, 54, 54]);

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

  signatures();

  // Page numbers, in the bottom margin (margin set to 0 so writing there adds no page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = data.unit ? words('report.pdf.footer', { name: data.unit, title, page: i + 1, pages: range.count }) : words('report.pdf.footerNoName', { title, page: i + 1, pages: range.count });
    doc.font('regular').fontSize(8).fillColor(MUTED).text(footer, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

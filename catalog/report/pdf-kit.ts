/**
 * What every usage report's PDF is drawn with (a station's, ./pdf.ts; a hub's network, 
 * ./network-pdf.ts): A4 with Noto Sans from build/fonts embedded (no dependence on the OS fonts,
 * every Vietnamese tone mark prints), the title block, numbered headings, notes, tables that wrap
 * long text (a title is never cut) and repeat their header on each page they run onto, simple
 * bar charts, the place, date and signatures a Vietnamese administrative report ends with, and
 * page numbers, in the language the caller chooses.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { dayLabel } from '../../shared/text.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Language } from '../../shared/messages.js';
import { BLANK, REPORT_LOCALES, signedAt, unitOf, wordsIn } from './content.js';
import type { ReportSigners, Words } from './content.js';

const FONT_DIR = path.join(PACKAGE_ROOT, 'build', 'fonts');

const INK = '#1f2937';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
export const BAR = '#1d4ed8';
export const BAR_2 = '#93c5fd';
const HEAD_FILL = '#f3f4f6';

/** A report about to be drawn: who it is for and signed by, its period, its title, its language. */
export interface PdfReport extends ReportSigners {
  from: string;
  to: string;
  title: string;
  lang: Language;
}

export interface ReportPdf {
  words: Words;
  /** A number written the report's way (1.241 in Vietnamese). */
  num(n: number): string;
  /** The width between the margins. */
  width: number;
  heading(text: string): void;
  note(text: string): void;
  /** Moves down by `lines` lines of the current font. */
  space(lines: number): void;
  /** A table: text left-aligned and wrapped within its column, numbers right-aligned; a row never splits. `size`: its font size (9 unless given). */
  table(headers: string[], rows: (string | number)[][], widths: number[], size?: number): void;
  /** Vertical bars per month, one or two series side by side, with a legend. */
  monthChart(title: string, series: { label: string; color: string; values: number[] }[], labels: string[]): void;
  /** Horizontal bars: a label (wrapped), a bar, the figure. */
  barList(rows: { label: string; value: number }[]): void;
  /** The place and date, then who prepared the report and the unit's head, each with room to sign. */
  signatures(): void;
  /** Page numbers in every page's foot; the document's bytes. */
  finish(): Promise<Buffer>;
}

/** A new report PDF with its title block drawn. */
export function startReportPdf(report: PdfReport): ReportPdf {
  const words = wordsIn(report.lang);
  const number = new Intl.NumberFormat(REPORT_LOCALES[report.lang]);
  const num = (n: number) => number.format(n);
  const unit = unitOf(report, words);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    lang: REPORT_LOCALES[report.lang],
    displayTitle: true,
    font: path.join(FONT_DIR, 'NotoSans-Regular.ttf'),
    info: { Title: `${report.title} — ${unit}`, ...(report.unit ? { Author: report.unit } : {}), Subject: `${dayLabel(report.from)} – ${dayLabel(report.to)}`, Creator: 'bookshelf report' },
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

  const table = (headers: string[], rows: (string | number)[][], widths: number[], size = 9) => {
    const pad = 4;
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const aligns = headers.map((_, i) => (typeof rows[0]?.[i] === 'number' ? 'right' : 'left') as 'right' | 'left');
    const texts = (cells: (string | number)[]) => cells.map((cell) => (typeof cell === 'number' ? num(cell) : cell));
    const font = (bold: boolean) => doc.font(bold ? 'bold' : 'regular').fontSize(size);
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

  const signatures = () => {
    const column = width / 2;
    const upper = (text: string) => text.toLocaleUpperCase(REPORT_LOCALES[report.lang]);
    room(190);
    doc.moveDown(2);
    doc.font('regular').fontSize(10.5).fillColor(INK).text(signedAt(report, words), left + column, doc.y, { width: column, align: 'center', oblique: true });
    const top = doc.y + 6;
    const signer = (x: number, role: string, note: string, name: string | null) => {
      doc.font('bold').fontSize(11).fillColor(INK).text(upper(role), x, top, { width: column, align: 'center' });
      doc.font('regular').fontSize(9.5).fillColor(MUTED).text(note, x, doc.y, { width: column, align: 'center', oblique: true });
      doc.font('bold').fontSize(11).fillColor(INK).text(name ?? BLANK, x, top + 110, { width: column, align: 'center' });
    };
    signer(left, words('report.sign.preparer'), words('report.sign.preparerNote'), report.preparer);
    signer(left + column, words('report.sign.head'), words('report.sign.headNote'), report.head);
    doc.x = left;
    doc.y = top + 130;
  };

  const finish = () => {
    // Page numbers, in the bottom margin (margin set to 0 so writing there adds no page).
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const page = { title: report.title, page: i + 1, pages: range.count };
      const footer = report.unit ? words('report.pdf.footer', { name: report.unit, ...page }) : words('report.pdf.footerNoName', page);
      doc.font('regular').fontSize(8).fillColor(MUTED).text(footer, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return done;
  };

  // Title block.
  doc.font('bold').fontSize(17).fillColor(INK).text(report.title, left, doc.y, { width });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor(INK);
  doc.text(words('report.pdf.unit', { name: unit }), { width });
  doc.text(words('report.pdf.period', { from: dayLabel(report.from), to: dayLabel(report.to) }), { width });
  doc.fillColor(MUTED).fontSize(9.5).text(words('report.pdf.generated', { day: dayLabel(report.generated) }), { width });

  return {
    words,
    num,
    width,
    heading: (text) => {
      room(60);
      doc.moveDown(0.8).font('bold').fontSize(13).fillColor(INK).text(text, left, doc.y, { width });
      doc.moveDown(0.3);
    },
    note: (text) => {
      doc.font('regular').fontSize(9.5).fillColor(MUTED).text(text, left, doc.y, { width });
    },
    space: (lines) => {
      doc.moveDown(lines);
    },
    table,
    monthChart,
    barList,
    signatures,
    finish,
  };
}

/**
 * `bookshelf report --from YYYY-MM-DD --to YYYY-MM-DD --format csv|pdf [--out FILE]`: the report
 * on the station's use that officials send to the ministry each year (before 8 December). In
 * Vietnamese: the library's name, the period, totals, a table per month, the documents read
 * most, reading by field and the searches that found nothing (catalog/usage.ts).
 *
 * CSV is UTF-8 with a byte order mark (so Excel on Windows reads the accents), CRLF line ends, one
 * section per table. PDF embeds Noto Sans from build/fonts (no dependence on the OS fonts) and
 * draws simple bar charts. Without --out the report goes to standard output; a PDF only when it
 * is not a terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { Library } from '../library.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { isIsoDay, usageBetween } from '../usage.js';
import { localDay } from '../reads.js';
import { USAGE_REPORT_MAX_MONTHS, monthsInPeriod } from '../../shared/contract.js';
import type { UsageSummary } from '../../shared/contract.js';
import { UsageError } from './usage.js';

export const REPORT_FORMATS = ['csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_HELP = `report:
  --from YYYY-MM-DD --to YYYY-MM-DD
                        Kỳ báo cáo, tính cả hai ngày / Period, both days included
  --format csv|pdf      CSV (Excel, UTF-8) hoặc PDF có biểu đồ / CSV (Excel, UTF-8) or PDF with charts
                        (mặc định theo đuôi --out, nếu không thì csv / default: from --out's extension, else csv)
  --out FILE            Ghi ra tệp; không có thì ra đầu ra chuẩn / Write to a file; else standard output
`;

export const FONT_DIR = path.join(PACKAGE_ROOT, 'build', 'fonts');

/** Where the report is written: standard output, or a stream a test gives. */
export interface ReportOutput {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

export interface ReportFlags {
  libraryDir: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  now?: Date;
}

/** What both formats show: the summary and who and when. */
export interface ReportData {
  name: string;
  generated: string; // YYYY-MM-DD
  summary: UsageSummary;
}

function checkDay(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`cần / needs --${flag} YYYY-MM-DD (ví dụ / e.g. bookshelf report --from 2025-01-01 --to 2025-12-31 --format pdf --out baocao.pdf)`);
  if (!isIsoDay(value)) throw new UsageError(`--${flag}: "${value}" không phải ngày dạng YYYY-MM-DD / is not a date written YYYY-MM-DD`);
  return value;
}

function checkFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format === undefined) return out !== undefined && path.extname(out).toLowerCase() === '.pdf' ? 'pdf' : 'csv';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: "${format}" phải là / must be csv hoặc / or pdf`);
  return format as ReportFormat;
}

export async function runReport(flags: ReportFlags, stdout: ReportOutput = process.stdout, stderr: ReportOutput = process.stderr): Promise<number> {
  const from = checkDay('from', flags.from);
  const to = checkDay('to', flags.to);
  if (from > to) throw new UsageError(`ngày bắt đầu sau ngày kết thúc / the period starts after it ends: ${from} > ${to}`);
  if (monthsInPeriod(from, to) > USAGE_REPORT_MAX_MONTHS) {
    throw new UsageError(`kỳ báo cáo tối đa ${USAGE_REPORT_MAX_MONTHS} tháng / a report covers at most ${USAGE_REPORT_MAX_MONTHS} months`);
  }
  const format = checkFormat(flags.format, flags.out);
  if (format === 'pdf' && flags.out === undefined && stdout.isTTY) {
    throw new UsageError('không in PDF ra màn hình; dùng --out FILE hoặc chuyển hướng / will not print a PDF to the terminal; use --out FILE or redirect (> baocao.pdf)');
  }

  const library = await Library.open(flags.libraryDir);
  let data: ReportData;
  try {
    data = { name: library.info().name, generated: localDay(flags.now), summary: usageBetween(library.db, from, to) };
  } finally {
    library.close();
  }
  const bytes = format === 'csv' ? Buffer.from(reportCsv(data), 'utf8') : await reportPdf(data);

  if (flags.out === undefined) {
    stdout.write(bytes);
    return 0;
  }
  // Written beside the target and renamed: a cut run never leaves half a report under its name.
  const target = path.resolve(flags.out);
  const temp = `${target}.${process.pid}.part`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new Error(`không ghi được / could not write ${target}: ${(error as Error).message}`, { cause: error });
  }
  stderr.write(`Đã ghi báo cáo / Report written: ${target} (${format.toUpperCase()}, ${bytes.length} byte)\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// What the report says, shared by both formats.

const TITLE = 'Báo cáo sử dụng Tủ sách pháp luật điện tử';

const TOTAL_ROWS: [label: string, value: (s: UsageSummary) => number][] = [
  ['Lượt mở tài liệu', (s) => s.totals.opened],
  ['Lượt tìm kiếm', (s) => s.totals.search],
  ['Lượt tìm không có kết quả', (s) => s.totals.search_no_result],
  ['Phiên sử dụng tại kiosk', (s) => s.totals.kiosk_session],
  ['Phiên sử dụng trên điện thoại', (s) => s.totals.phone_session],
  ['Số trang đã in', (s) => s.totals.page_printed],
  ['Tài liệu được bổ sung', (s) => s.totals.document_added],
  ['Tài liệu gửi lên cấp trên', (s) => s.totals.document_sent],
];

const MONTH_HEADERS = ['Tháng', 'Mở tài liệu', 'Tìm kiếm', 'Không có kết quả', 'Phiên kiosk', 'Phiên điện thoại', 'Trang in', 'Bổ sung', 'Gửi lên'];

function monthRows(s: UsageSummary): (string | number)[][] {
  return s.months.map((m) => [
    monthLabel(m.month),
    m.opened,
    m.counts.search,
    m.counts.search_no_result,
    m.counts.kiosk_session,
    m.counts.phone_session,
    m.counts.page_printed,
    m.counts.document_added,
    m.counts.document_sent,
  ]);
}

/** The same columns, short enough for a page's width. */
const PDF_MONTH_HEADERS = ['Tháng', 'Mở tài liệu', 'Tìm kiếm', 'Không kết quả', 'Kiosk', 'Điện thoại', 'Trang in', 'Bổ sung', 'Gửi lên'];

const NO_FIELD = '(chưa phân loại lĩnh vực)';

/** 2025-03 → 03/2025. */
function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** 2025-03-07 → 07/03/2025. */
function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const NUMBER = new Intl.NumberFormat('vi-VN');
const num = (n: number) => NUMBER.format(n);

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @ first: a search
 * term typed by anyone) gets a leading apostrophe; quotes, commas and line ends are quoted.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(data: ReportData): string {
  const s = data.summary;
  const lines: (string | number)[][] = [
    [TITLE],
    ['Đơn vị', data.name],
    ['Từ ngày', dayLabel(s.from)],
    ['Đến ngày', dayLabel(s.to)],
    ['Ngày lập', dayLabel(data.generated)],
    [],
    ['Tổng hợp'],
    ['Chỉ tiêu', 'Số lượng'],
    ...TOTAL_ROWS.map(([label, value]) => [label, value(s)]),
    [],
    ['Theo tháng'],
    MONTH_HEADERS,
    ...monthRows(s),
    [],
    ['Tài liệu được đọc nhiều nhất'],
    ['Hạng', 'Tài liệu', 'Số hiệu', 'Lượt mở'],
    ...s.topDocuments.map((d, i) => [i + 1, d.title, d.number ?? '', d.opened]),
    [],
    ['Theo lĩnh vực'],
    ['Lĩnh vực', 'Lượt mở'],
    ...s.byField.map((f) => [f.field ?? NO_FIELD, f.opened]),
    [],
    ['Từ khoá tìm không có kết quả'],
    ['Từ khoá', 'Số lần'],
    ...s.noResultTerms.map((t) => [t.term, t.count]),
  ];
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// PDF

const INK = '#1f2937';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const BAR = '#1d4ed8';
const BAR_2 = '#93c5fd';

export function reportPdf(data: ReportData): Promise<Buffer> {
  const s = data.summary;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    font: path.join(FONT_DIR, 'NotoSans-Regular.ttf'),
    info: { Title: `${TITLE} — ${data.name}`, Author: data.name, Subject: `${dayLabel(s.from)} – ${dayLabel(s.to)}`, Creator: 'bookshelf report' },
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
  doc.font('bold').fontSize(17).fillColor(INK).text(TITLE, left, doc.y, { width });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor(INK);
  doc.text(`Đơn vị: ${data.name}`, { width });
  doc.text(`Kỳ báo cáo: từ ngày ${dayLabel(s.from)} đến ngày ${dayLabel(s.to)}`, { width });
  doc.fillColor(MUTED).fontSize(9.5).text(`Ngày lập: ${dayLabel(data.generated)} · Số liệu chỉ gồm số đếm theo ngày, không ghi nhận thông tin cá nhân người dùng.`, { width });

  heading('1. Tổng hợp');
  table(['Chỉ tiêu', 'Số lượng'], TOTAL_ROWS.map(([label, value]) => [label, value(s)]), [300, 110]);

  heading('2. Sử dụng theo tháng');
  const labels = s.months.map((m) => monthLabel(m.month));
  monthChart(
    'Lượt mở tài liệu và lượt tìm kiếm theo tháng',
    [
      { label: 'Mở tài liệu', color: BAR, values: s.months.map((m) => m.opened) },
      { label: 'Tìm kiếm', color: BAR_2, values: s.months.map((m) => m.counts.search) },
    ],
    labels,
  );
  doc.moveDown(0.5);
  table(PDF_MONTH_HEADERS, monthRows(s), [56, 60, 54, 66, 44, 58, 50, 50, 50]);

  heading('3. Tài liệu được đọc nhiều nhất');
  if (s.topDocuments.length === 0) note('Chưa có lượt mở tài liệu nào trong kỳ.');
  else table(['#', 'Tài liệu', 'Số hiệu', 'Lượt mở'], s.topDocuments.map((d, i) => [String(i + 1), d.title, d.number ?? '', d.opened]), [24, 300, 104, 55]);

  heading('4. Lượt mở theo lĩnh vực');
  if (s.byField.length === 0) note('Chưa có lượt mở tài liệu nào trong kỳ.');
  else barList(s.byField.map((f) => ({ label: f.field ?? NO_FIELD, value: f.opened })));

  heading('5. Từ khoá tìm kiếm không có kết quả');
  note('Gợi ý tài liệu nên bổ sung. Từ khoá đã bỏ dấu, viết thường; dãy số dài (số điện thoại, số giấy tờ) được che bằng #.');
  doc.moveDown(0.3);
  if (s.noResultTerms.length === 0) note('Không có lượt tìm nào không có kết quả.');
  else table(['Từ khoá', 'Số lần'], s.noResultTerms.map((t) => [t.term, t.count]), [380, 80]);

  // Page numbers, in the bottom margin (margin set to 0 so writing there adds no page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(MUTED).text(`${data.name} · ${TITLE} · Trang ${i + 1}/${range.count}`, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

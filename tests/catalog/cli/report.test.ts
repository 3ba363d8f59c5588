/** `bookshelf report`: the yearly usage report as CSV (Excel, UTF-8 with BOM) and PDF (embedded Vietnamese font, charts). */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HELP, main } from '../../../catalog/cli/main.js';
import { runReport } from '../../../catalog/cli/report.js';
import type { ReportOutput } from '../../../catalog/cli/report.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { recordRead } from '../../../catalog/reads.js';
import { countNoResult, countUsage } from '../../../catalog/usage.js';
import { usageReport } from '../../../catalog/report/report.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { runCli } from '../../helpers/cli.js';
import { bilingual, translate } from '../../../shared/messages.js';
import { pdfFonts, pdfText, pdftotextMissing } from '../../helpers/pdf-text.js';

const NAME = 'UBND xã Tân Phước, huyện Đồng Hỷ';
const at = (day: string) => new Date(`${day}T09:30:00`);

let libraryDir: string;

beforeAll(async () => {
  libraryDir = tempDir('report-cli-');
  const library = await openTestLibrary(libraryDir);
  setSetting(library.db, SETTINGS.libraryName, NAME);
  saveDocuments(
    library.db,
    [
      { publication: { id: 'luat-dat-dai', kind: 'legal', title: 'Luật Đất đai', number: '31/2024/QH15', fields: ['Đất đai'] }, files: [] },
      { publication: { id: 'luat-hngd', kind: 'legal', title: 'Luật Hôn nhân và gia đình', number: '52/2014/QH13', fields: ['Hôn nhân và gia đình'] }, files: [] },
    ],
    at('2025-06-01').toISOString(),
  );
  for (let i = 0; i < 1234; i += 1) recordRead(library.db, 'luat-dat-dai', at('2025-03-15'));
  for (let i = 0; i < 7; i += 1) recordRead(library.db, 'luat-hngd', at('2025-11-02'));
  countUsage(library.db, 'search', 321, at('2025-03-16'));
  countUsage(library.db, 'kiosk_session', 45, at('2025-03-16'));
  countUsage(library.db, 'page_printed', 88, at('2025-04-01'));
  countNoResult(library.db, 'Thủ tục LY HÔN', at('2025-05-05'));
  countNoResult(library.db, 'thu tuc ly hon', at('2025-05-06'));
  countNoResult(library.db, '=HYPERLINK("http://x")', at('2025-05-06'));
});

/** A stand-in for standard output: collects bytes, says whether it is a terminal. */
function sink(isTTY = false): ReportOutput & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  return { isTTY, write: (chunk) => chunks.push(Buffer.from(chunk)), bytes: () => Buffer.concat(chunks) };
}

const run = (args: string[]) => runCli(['report', ...args], { library: libraryDir, binary: true });

describe('bookshelf report', () => {
  it('writes a CSV for Excel: UTF-8 with BOM, one section per table, Vietnamese headers', async () => {
    const out = path.join(tempDir('report-out-'), 'bao-cao.csv');
    const stderr = sink();
    expect(await runReport({ libraryDir, from: '2025-01-01', to: '2025-12-31', format: 'csv', out }, sink(), stderr)).toBe(0);
    expect(stderr.bytes().toString()).toMatch(/Đã ghi báo cáo \/ Report written: .*bao-cao\.csv/);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Báo cáo sử dụng Tủ sách pháp luật điện tử');
    expect(lines).toContain(`Đơn vị,"${NAME}"`);
    expect(lines).toContain('Từ ngày,01/01/2025');
    expect(lines).toContain('Lượt mở tài liệu,1241');
    expect(lines).toContain('Lượt tìm kiếm,321');
    expect(lines).toContain('Lượt tìm không có kết quả,3');
    expect(lines).toContain('Phiên sử dụng tại kiosk,45');
    expect(lines).toContain('Số trang đã in,88');
    expect(lines).toContain('Tài liệu được bổ sung,2');
    expect(lines).toContain('Tháng,Mở tài liệu,Tìm kiếm,Không có kết quả,Phiên kiosk,Phiên điện thoại,Trang in,Bổ sung,Gửi lên');
    expect(lines).toContain('03/2025,1234,321,0,45,0,0,0,0');
    expect(lines.filter((line) => /^\d\d\/2025,/.test(line))).toHaveLength(12);
    expect(lines).toContain('1,Luật Đất đai,31/2024/QH15,1234');
    expect(lines).toContain('Đất đai,1234');
    expect(lines).toContain('thu tuc ly hon,2');
    // A search term can never become a spreadsheet formula.
    expect(lines).toContain(`"'=hyperlink(""http://x"")",1`);
    for (const section of ['Tổng hợp', 'Theo tháng', 'Tài liệu được đọc nhiều nhất', 'Theo lĩnh vực', 'Từ khóa tìm không có kết quả']) {
      expect(lines).toContain(section);
    }
  });

  it('writes a PDF with the Vietnamese text intact, its name, period and figures', async (ctx) => {
    const out = path.join(tempDir('report-out-'), 'bao-cao.pdf');
    expect(await runReport({ libraryDir, from: '2025-01-01', to: '2025-12-31', out }, sink(), sink())).toBe(0); // pdf from the extension
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const missing = pdftotextMissing();
    if (missing) ctx.skip(missing);
    const text = pdfText(pdf);
    expect(text).toContain('Báo cáo sử dụng Tủ sách pháp luật điện tử');
    expect(text).toContain(NAME);
    expect(text).toContain('Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 31/12/2025');
    expect(text).toContain('Lượt tìm không có kết quả');
    expect(text).toContain('1.241'); // documents opened, written the Vietnamese way
    expect(text).toContain('Luật Hôn nhân và gia đình');
    expect(text).toContain('Hôn nhân và gia đình');
    expect(text).toContain('thu tuc ly hon');
    expect(pdfFonts(pdf)).toMatch(/NotoSans-Regular/);
  });

  it('prints to standard output without --out; a PDF only when that is not a terminal', async () => {
    const csv = run(['--from', '2025-03-01', '--to', '2025-03-31', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect([...csv.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.stdout.toString('utf8')).toContain('Lượt mở tài liệu,1234');

    const pdf = run(['--from', '2025-03-01', '--to', '2025-03-31', '--format', 'pdf']);
    expect(pdf.status).toBe(0);
    expect(pdf.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const terminal = sink(true);
    await expect(runReport({ libraryDir, from: '2025-01-01', to: '2025-12-31', format: 'pdf' }, terminal, sink())).rejects.toThrow(
      /không in PDF ra màn hình.*\/ will not print a PDF to the terminal/,
    );
    expect(terminal.bytes()).toHaveLength(0);
  });

  it('refuses bad dates and formats with exit code 2 and a bilingual message', async () => {
    const cases: [string[], RegExp][] = [
      [['--from', '2025-02-30', '--to', '2025-12-31'], /--from: "2025-02-30" không phải ngày dạng YYYY-MM-DD \/ is not a date written YYYY-MM-DD/],
      [['--from', '01/01/2025', '--to', '2025-12-31'], /--from: "01\/01\/2025" không phải ngày/],
      [['--to', '2025-12-31'], /cần \/ needs --from YYYY-MM-DD/],
      [['--from', '2025-12-31', '--to', '2025-01-01'], /ngày bắt đầu sau ngày kết thúc \/ the period starts after it ends/],
      [['--from', '2000-01-01', '--to', '2025-12-31'], /tối đa 120 tháng \/ a report covers at most 120 months/],
      [['--from', '2025-01-01', '--to', '2025-12-31', '--format', 'xlsx'], /--format: "xlsx" phải là một trong: csv \| pdf \/ must be one of: csv \| pdf/],
    ];
    // The real command once (exit code, streams), the rest in this process through main().
    const result = run(cases[0][0]);
    expect(result.status).toBe(2);
    expect(result.stdout).toHaveLength(0);
    expect(result.stderr.toString('utf8')).toMatch(cases[0][1]);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const [args, message] of cases.slice(1)) {
        stderr.mockClear();
        expect(await main(['report', '--library', libraryDir, ...args]), args.join(' ')).toBe(2);
        expect(stderr.mock.calls.map((call) => String(call[0])).join('')).toMatch(message);
      }
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    await expect(runReport({ libraryDir, from: '2025-1-1', to: '2025-12-31' }, sink(), sink())).rejects.toBeInstanceOf(UsageError);
  });

  it('is made by the report module the officials\' screen shares, in the language its caller asks for', async () => {
    const library = await openTestLibrary(libraryDir);
    const english = await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'en' });
    expect(english.fileName).toBe('bookshelf-report-2025-01-01-2025-12-31.csv');
    const lines = english.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Electronic Law Bookshelf usage report');
    expect(lines).toContain('Documents opened,1241');
    expect(lines).toContain('Month,Documents opened,Searches,No result,Kiosk sessions,Phone sessions,Pages printed,Added,Sent up');
    const vietnamese = await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'vi' });
    expect(vietnamese.fileName).toBe('bao-cao-tu-sach-2025-01-01-2025-12-31.csv');
  });

  it('says on standard error, as the report does, that the unit has no name yet', async () => {
    const dir = tempDir('report-unnamed-');
    await openTestLibrary(dir);
    const out = sink();
    const err = sink();
    expect(await runReport({ libraryDir: dir, from: '2025-01-01', to: '2025-12-31', format: 'csv' }, out, err)).toBe(0);
    expect(err.bytes().toString()).toContain(bilingual({ key: 'report.unitMissing' }));
    expect(out.bytes().toString()).toContain(`Đơn vị,"${translate('vi', 'report.unitMissing')}"`);
    // A named station's report says nothing of the kind.
    const named = sink();
    await runReport({ libraryDir, from: '2025-01-01', to: '2025-12-31', format: 'csv' }, sink(), named);
    expect(named.bytes()).toHaveLength(0);
  });

  it('is listed in the help', () => {
    expect(HELP).toMatch(/report --from YYYY-MM-DD --to YYYY-MM-DD/);
    expect(HELP).toMatch(/--format csv\|pdf/);
  });
});

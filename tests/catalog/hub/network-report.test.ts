/**
 * Issue 17, the yearly report for a hub's whole network (`bookshelf report --network --year`,
 * `usage.reportFile` with `network`): real stations on 127.0.0.1 report their use signed; the
 * report's totals are exactly the sum of its stations' rows and of its provinces' rows, the days
 * outside the year are left out, and so are the demo set and the hub's own use (its readers, the
 * demo set it loaded). The CSV, the PDF (read back with pdftotext) and the contract's file say
 * the same; a library that is no hub refuses to make it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runReport } from '../../../catalog/cli/report.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import type { Library } from '../../../catalog/library.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { localDay, recordRead } from '../../../catalog/reads.js';
import { REPORT_COUNTERS } from '../../../catalog/report/content.js';
import { countUsage } from '../../../catalog/usage.js';
import type { ReportFile } from '../../../shared/contract/admin.js';
import { enrolApproved } from '../../helpers/enrolled-station.js';
import { pdfText, pdftotextMissing } from '../../helpers/pdf-text.js';
import { contractOf } from '../../helpers/staff-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { startHub } from '../outbox/fixtures.js';

/** Ten in the morning `n` days ago. */
const daysAgo = (n: number) => {
  const at = new Date(Date.now() - n * 86_400_000);
  at.setHours(10, 0, 0, 0);
  return at;
};

/** The CSV's lines as cells: split at commas outside quotes, a quoted cell unquoted (no cell here holds a quote or a line end). */
const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"(.*)"$/, '$1')));

/** The rows under a section's heading and its column line, up to the blank line that ends it. */
function section(lines: string[][], heading: string): string[][] {
  const start = lines.findIndex((cells) => cells[0] === heading);
  expect(start, heading).toBeGreaterThan(-1);
  const end = lines.findIndex((cells, i) => i > start && cells.join('') === '');
  return lines.slice(start + 2, end);
}

/** Sums the counter columns (the last REPORT_COUNTERS.length cells) of rows. */
const columnSums = (rows: string[][]) => REPORT_COUNTERS.map((_, i) => rows.reduce((sum, row) => sum + Number(row[row.length - REPORT_COUNTERS.length + i]), 0));

describe('the network report', () => {
  it('sums what the stations reported in the year — per province, per station — and nothing of the hub’s own nor of the demo set', async () => {
    const hub = await startHub();
    onTestFinished(() => hub.close());
    setSetting(hub.library.db, SETTINGS.libraryName, 'Sở Tư pháp tỉnh Phú Thọ');
    // The hub's own library: the demo set, read and searched by the hub's own readers.
    await loadDemoIfEmpty(hub.library);
    const demoId = hub.library.db.prepare('SELECT publication_id FROM demo_publications LIMIT 1').pluck().get() as string;
    recordRead(hub.library.db, demoId, daysAgo(2));
    countUsage(hub.library.db, 'search', 999, daysAgo(2));

    const year = daysAgo(3).getFullYear();
    const inYear = (at: Date) => at.getFullYear() === year;
    const expected: Record<string, number> = {};
    const use = (library: Library, counter: 'search' | 'kiosk_session' | 'page_printed' | 'document_added', n: number, at: Date) => {
      countUsage(library.db, counter, n, at);
      if (inYear(at)) expected[counter] = (expected[counter] ?? 0) + n;
    };
    const enrolled = async (name: string, province: string) => {
      const library = await tempLibrary('network-report-station-');
      await enrolApproved(library, hub.url, hub.library, { name, commune: name, province });
      return library;
    };
    const anBinh = await enrolled('Xã An Bình', 'Tỉnh Phú Thọ');
    const tanDan = await enrolled('Phường Tân Dân', 'Phú Thọ');
    const yenLac = await enrolled('Xã Yên Lạc', 'Thành phố Hà Nội');
    // An Bình's kiosk started with the demo set: residents opened one of it; its librarian saved one document at the desk.
    await loadDemoIfEmpty(anBinh);
    const stationDemo = anBinh.db.prepare('SELECT publication_id FROM demo_publications LIMIT 1').pluck().get() as string;
    for (let i = 0; i < 3; i++) recordRead(anBinh.db, stationDemo, daysAgo(3));
    if (inYear(daysAgo(3))) expected.opened = 3;
    use(anBinh, 'document_added', 1, daysAgo(3));
    use(anBinh, 'search', 40, daysAgo(3));
    use(anBinh, 'search', 500, daysAgo(380));
    use(tanDan, 'search', 12, daysAgo(4));
    use(tanDan, 'kiosk_session', 6, daysAgo(4));
    use(yenLac, 'page_printed', 9, daysAgo(5));
    for (const library of [anBinh, tanDan, yenLac]) {
      const service = new OutboxService(library, { background: false });
      onTestFinished(() => service.dispose());
      expect(await service.runOnce()).toMatchObject({ usageSent: true });
    }

    const out = path.join(tempDir('network-report-'), 'mang-luoi.csv');
    const said: string[] = [];
    expect(await runReport({ libraryDir: hub.library.dir, network: true, year: String(year), out }, { write: () => true }, { write: (text) => said.push(String(text)) })).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    const lines = csvLines(text);
    expect(lines[0]).toEqual(['Báo cáo sử dụng Tủ sách pháp luật điện tử toàn mạng lưới']);
    expect(lines[1]).toEqual(['Đơn vị', 'Sở Tư pháp tỉnh Phú Thọ']);
    expect(lines[2]).toEqual(['Từ ngày', `01/01/${year}`]);
    expect(lines[3]).toEqual(['Đến ngày', `31/12/${year}`]);

    // One total per counter, in REPORT_COUNTERS' order: what the stations sent within the year, nothing else.
    const totals = section(lines, 'Tổng hợp');
    const totalFigures = totals.map(([, n]) => Number(n));
    expect(totalFigures).toEqual(REPORT_COUNTERS.map((counter) => expected[counter] ?? 0));
    expect(Object.fromEntries(totals)).toMatchObject({ 'Lượt tìm kiếm': String(expected.search), 'Tài liệu được bổ sung': '1' });

    const stations = section(lines, 'Theo trạm');
    expect(stations.map((row) => row.slice(0, 3))).toEqual([
      ['Xã Yên Lạc', 'Xã Yên Lạc', 'Thành phố Hà Nội'],
      ['Phường Tân Dân', 'Phường Tân Dân', 'Phú Thọ'],
      ['Xã An Bình', 'Xã An Bình', 'Tỉnh Phú Thọ'],
    ]);
    expect(columnSums(stations)).toEqual(totalFigures);
    const provinces = section(lines, 'Theo tỉnh, thành phố');
    expect(provinces.map((row) => row.slice(0, 3))).toEqual([
      ['Thành phố Hà Nội', '1', '1'],
      ['Phú Thọ', '2', '2'],
    ]);
    expect(columnSums(provinces)).toEqual(totalFigures);
    expect(columnSums(section(lines, 'Theo tháng'))).toEqual(totalFigures);

    // The same report from the officials' screen, named for its preparer; a PDF that prints the same stations.
    const { call } = await contractOf(hub.library);
    const file = (await call('usage.reportFile', { from: `${year}-01-01`, to: `${year}-12-31`, format: 'csv', network: true })) as { ok: true; result: ReportFile };
    expect(file.result.fileName).toBe(`bao-cao-mang-luoi-${year}-01-01-${year}-12-31.csv`);
    const viaScreen = Buffer.from(file.result.base64, 'base64').toString('utf8');
    expect(section(csvLines(viaScreen), 'Theo trạm')).toEqual(stations);
    expect(viaScreen).toContain('Người lập báo cáo,Cán bộ');
    const pdf = (await call('usage.reportFile', { from: `${year}-01-01`, to: `${year}-12-31`, format: 'pdf', network: true })) as { ok: true; result: ReportFile };
    const bytes = Buffer.from(pdf.result.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (!pdftotextMissing()) {
      const printed = pdfText(bytes);
      for (const words of ['toàn mạng lưới', 'Sử dụng theo tỉnh, thành phố', 'Thành phố Hà Nội', 'Xã Yên Lạc', 'Phường Tân Dân', 'Sở Tư pháp tỉnh Phú Thọ']) expect(printed).toContain(words);
    }

    // Only a hub makes it; the period is a year or two days, not both.
    const atStation = await contractOf(yenLac);
    expect(await atStation.call('usage.reportFile', { from: `${year}-01-01`, to: `${year}-12-31`, format: 'csv', network: true })).toMatchObject({ ok: false, error: { key: 'report.network.notHub' } });
    const quiet = { write: () => true };
    await expect(runReport({ libraryDir: hub.library.dir, network: true, year: String(year), from: `${year}-01-01` }, quiet, quiet)).rejects.toBeInstanceOf(UsageError);
    await expect(runReport({ libraryDir: hub.library.dir, network: true, year: '26' }, quiet, quiet)).rejects.toBeInstanceOf(UsageError);
    expect(localDay(daysAgo(380)) < `${year}-01-01`).toBe(true);
  });
});

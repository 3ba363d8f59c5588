/**
 * The yearly report's PDF as poppler lays it out (pdftotext -layout, pages split by form feeds):
 * the month table repeats its header on every page it runs onto, a long title is wrapped whole
 * (never cut with "…"), the report ends with the place and date and the two signatures side by
 * side, and a station without a name says so instead of printing one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { saveDocuments } from '../../../catalog/documents.js';
import type { Library } from '../../../catalog/library.js';
import { recordRead } from '../../../catalog/reads.js';
import { usageReport } from '../../../catalog/report/report.js';
import { countUsage } from '../../../catalog/usage.js';
import { translate } from '../../../shared/messages.js';
import { pdfText, pdftotextMissing } from '../../helpers/pdf-text.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const missing = pdftotextMissing();
const LONG_TITLE = 'Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ; trừ điểm, phục hồi điểm giấy phép lái xe quốc tế';
const MONTH_ROW = /^\s*\d\d\/20\d\d\s+[\d.]+\s/m;
const MONTH_HEADER = /^\s*Tháng\s+Mở tài/m;
const NOW = new Date(2025, 11, 3, 9, 0);

let library: Library;

/** The report over three years (36 rows: its month table cannot fit one page), as pages of laid-out text. */
async function pages(preparer?: string): Promise<string[]> {
  const { bytes } = await usageReport(library, { from: '2023-01-01', to: '2025-12-31', format: 'pdf', lang: 'vi', preparer, now: NOW });
  return pdfText(bytes, { layout: true }).split('\f').filter((page) => page.trim() !== '');
}

beforeAll(async () => {
  library = await tempLibrary('report-pdf-');
  saveDocuments(library.db, [
    { publication: { id: 'nd-168', kind: 'legal', title: LONG_TITLE, number: '168/2024/NĐ-CP', fields: ['Giao thông, vận tải'] }, files: [] },
    { publication: { id: 'luat-dat-dai', kind: 'legal', title: 'Luật Đất đai', number: '31/2024/QH15', fields: ['Đất đai'] }, files: [] },
  ]);
  for (let month = 0; month < 36; month += 1) {
    const day = new Date(2023, month, 10, 9, 0);
    for (let i = 0; i <= month; i += 1) recordRead(library.db, 'nd-168', day);
    recordRead(library.db, 'luat-dat-dai', day);
    countUsage(library.db, 'search', 10 + month, day);
  }
});

describe.skipIf(missing !== null)(`the report's PDF${missing ? ` (${missing})` : ''}`, () => {
  it('repeats the month table’s header on every page the table runs onto', async () => {
    const laidOut = await pages();
    const withMonths = laidOut.filter((page) => MONTH_ROW.test(page));
    expect(withMonths.length).toBeGreaterThanOrEqual(2);
    for (const page of withMonths) {
      const header = MONTH_HEADER.exec(page);
      expect(header, page.slice(0, 300)).not.toBeNull();
      expect(header!.index).toBeLessThan(MONTH_ROW.exec(page)!.index);
    }
    // Every month is there once: 36 rows across the pages.
    const rows = withMonths.flatMap((page) => page.match(new RegExp(MONTH_ROW.source, 'gm')) ?? []);
    expect(rows).toHaveLength(36);
  });

  it('wraps a long title within its column instead of cutting it', async () => {
    const text = (await pages()).join('\n');
    expect(text).not.toMatch(/[^\s…]…/); // no word cut short (the signatures' lines to write on are dots alone)
    // The title's last words, which a cut would lose, are printed; the column's lines read in order.
    const words = LONG_TITLE.split(' ');
    const lines = text.split('\n').filter((line) => line.includes('168/2024/NĐ-CP') || words.some((word) => word.length > 3 && line.includes(word)));
    const printed = lines.join(' ').replace(/\s+/g, ' ');
    for (const tail of ['giấy phép lái', 'xe quốc tế']) expect(printed).toContain(tail);
  });

  it('ends with the place and date, then who prepared it and the unit’s head, side by side, with room to sign', async () => {
    setSetting(library.db, SETTINGS.libraryName, 'UBND xã Tân Phước, tỉnh Thái Nguyên');
    setSetting(library.db, SETTINGS.reportHead, 'Lê Văn Trưởng');
    const laidOut = await pages('Nguyễn Văn Cán');
    const last = laidOut.at(-1)!.split('\n');
    const at = (pattern: RegExp) => last.findIndex((line) => pattern.test(line));
    const date = at(/Tân Phước, ngày 03 tháng 12 năm 2025/);
    const titles = at(/NGƯỜI LẬP BÁO CÁO\s+THỦ TRƯỞNG ĐƠN VỊ/);
    const notes = at(/\(Ký, ghi rõ họ tên\)\s+\(Ký, ghi rõ họ tên, đóng dấu\)/);
    const names = at(/Nguyễn Văn Cán\s+Lê Văn Trưởng/);
    expect([date, titles, notes, names].every((line) => line >= 0), last.join('\n')).toBe(true);
    expect(date).toBeLessThan(titles);
    expect(titles).toBeLessThan(notes);
    // Room to sign: blank lines between what to do and the names.
    expect(last.slice(notes + 1, names).filter((line) => line.trim() === '').length).toBeGreaterThanOrEqual(3);
    // The date line sits over the head's column, on the right.
    expect(last[date].indexOf('Tân Phước')).toBeGreaterThan(last[titles].indexOf('NGƯỜI LẬP'));
    expect(laidOut[0]).toContain('Đơn vị: UBND xã Tân Phước, tỉnh Thái Nguyên');
  });

  it('says the unit has no name yet rather than printing one, and leaves lines to write the names on', async () => {
    const unnamed = await tempLibrary('report-pdf-unnamed-');
    const { bytes } = await usageReport(unnamed, { from: '2025-01-01', to: '2025-12-31', format: 'pdf', lang: 'vi', now: NOW });
    const text = pdfText(bytes, { layout: true });
    expect(text.replace(/\s+/g, ' ')).toContain(`Đơn vị: ${translate('vi', 'report.unitMissing')}`);
    expect(text).not.toContain(`${translate('vi', 'feed.defaultLibraryName')} ·`);
    expect(text).toMatch(/……………………, ngày 03 tháng 12 năm 2025/);
    expect(text).toMatch(/……………………\s+……………………/);
  });
});

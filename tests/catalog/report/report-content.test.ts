/**
 * What the yearly report says, whatever its format: documents added count only what reached this
 * station, not the demo set shipped with the app; the unit is the name officials set, or the words
 * saying it is missing (never a made-up name); it ends with the place and date, and who signs —
 * dates written as Vietnamese administrative documents write them.
 */
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { localDay } from '../../../catalog/reads.js';
import { placeOf, signedAt, wordsIn } from '../../../catalog/report/content.js';
import type { ReportData } from '../../../catalog/report/content.js';
import { usageReport } from '../../../catalog/report/report.js';
import { usageBetween } from '../../../catalog/usage.js';
import { translate } from '../../../shared/messages.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const vi = wordsIn('vi');
const data = (unit: string | null, generated: string) => ({ unit, generated, preparer: null, head: null }) as unknown as ReportData;
const csvLines = (bytes: Buffer) => bytes.toString('utf8').slice(1).split('\r\n');

describe('documents added', () => {
  it('counts a document imported here, not the demo set loaded on first start', async () => {
    const library = await tempLibrary('report-demo-');
    const demo = await loadDemoIfEmpty(library);
    expect(demo.publications).toBeGreaterThan(30);
    saveDocuments(library.db, [{ publication: { id: 'local-quyet-dinh', kind: 'legal', title: 'Quyết định của UBND xã', origin: 'local' }, files: [] }]);
    const today = localDay();
    expect(usageBetween(library.db, today, today).totals.document_added).toBe(1);

    const csv = await usageReport(library, { from: today, to: today, format: 'csv', lang: 'vi' });
    expect(csvLines(csv.bytes)).toContain('Tài liệu được bổ sung,1');
  });
});

describe('the unit', () => {
  it('is the name officials set, or says it is missing — never a name of its own', async () => {
    const library = await tempLibrary('report-unit-');
    const unset = csvLines((await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'vi' })).bytes);
    expect(unset).toContain(`Đơn vị,"${translate('vi', 'report.unitMissing')}"`);
    expect(unset).not.toContain(`Đơn vị,${translate('vi', 'feed.defaultLibraryName')}`);
    const english = csvLines((await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'en' })).bytes);
    expect(english).toContain(`Unit,${translate('en', 'report.unitMissing')}`);

    setSetting(library.db, SETTINGS.libraryName, 'UBND xã Tân Phước');
    const named = csvLines((await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'vi' })).bytes);
    expect(named).toContain('Đơn vị,UBND xã Tân Phước');
  });
});

describe('the signatures', () => {
  it('finds the place in the unit’s name: the name after xã, phường, thị trấn or đặc khu', () => {
    expect(placeOf('UBND xã Tân Phước, tỉnh Thái Nguyên')).toBe('Tân Phước');
    expect(placeOf('Ủy ban nhân dân phường Hoà Hải')).toBe('Hoà Hải');
    expect(placeOf('Xã Tân Thành')).toBe('Tân Thành');
    expect(placeOf('Thị trấn Đông Anh')).toBe('Đông Anh');
    expect(placeOf('Đặc khu Phú Quốc')).toBe('Phú Quốc');
    expect(placeOf('Phường 3, TP. Hồ Chí Minh')).toBe('Phường 3'); // a number alone is no place
    // No level word to go by, or no name: the place is written by hand.
    expect(placeOf('Tủ sách pháp luật')).toBeNull();
    expect(placeOf(null)).toBeNull();
  });

  it('writes the place and date as administrative documents do: a 0 before days below 10 and months 1 and 2', () => {
    expect(signedAt(data('UBND xã Tân Phước', '2025-02-05'), vi)).toBe('Tân Phước, ngày 05 tháng 02 năm 2025');
    expect(signedAt(data('UBND xã Tân Phước', '2025-03-09'), vi)).toBe('Tân Phước, ngày 09 tháng 3 năm 2025');
    expect(signedAt(data('UBND xã Tân Phước', '2025-12-20'), vi)).toBe('Tân Phước, ngày 20 tháng 12 năm 2025');
    expect(signedAt(data(null, '2025-12-20'), vi)).toBe('……………………, ngày 20 tháng 12 năm 2025');
  });

  it('ends the CSV with the place and date, the preparer and the unit’s head (a line to write on when not known)', async () => {
    const library = await tempLibrary('report-sign-');
    setSetting(library.db, SETTINGS.libraryName, 'UBND xã Tân Phước, tỉnh Thái Nguyên');
    const now = new Date(2025, 11, 3, 9, 0);
    const lines = csvLines((await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'vi', preparer: 'Nguyễn Văn Cán', now })).bytes);
    expect(lines.slice(-4)).toEqual(['"Tân Phước, ngày 03 tháng 12 năm 2025"', 'Người lập báo cáo,Nguyễn Văn Cán', 'Thủ trưởng đơn vị,……………………', '']);

    setSetting(library.db, SETTINGS.reportHead, 'Lê Văn Trưởng');
    const signed = csvLines((await usageReport(library, { from: '2025-01-01', to: '2025-12-31', format: 'csv', lang: 'vi', now })).bytes);
    expect(signed.slice(-3, -1)).toEqual(['Người lập báo cáo,……………………', 'Thủ trưởng đơn vị,Lê Văn Trưởng']);
  });
});

/**
 * The officials' administration methods (catalog/admin/): storage figures against real files
 * and the disk they are on, the station settings' round trip and validation (and what residents
 * read of them in library.info), the report file as CSV and PDF — its unit as set (or said to be
 * missing), prepared by the official who asked for it — and who may call them.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { callMethod } from '../../../shared/call.js';
import type { CallContext } from '../../../shared/call.js';
import { USAGE_REPORT_MAX_MONTHS, contract } from '../../../shared/contract.js';
import { REPORT_FILE_MAX_MONTHS } from '../../../shared/contract/admin.js';
import type { ReportFile, StationSettings, StorageReport } from '../../../shared/contract/admin.js';
import type { LibraryInfo } from '../../../shared/domain.js';
import { translate } from '../../../shared/messages.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { createHandlers } from '../../../catalog/engine.js';
import type { Library } from '../../../catalog/library.js';
import { recordRead } from '../../../catalog/reads.js';
import { createServices } from '../../../catalog/services.js';
import { diskLevel } from '../../../catalog/admin/storage.js';
import { startStation, stationLanUrl } from '../../../catalog/station.js';
import { updateStationSettings } from '../../../catalog/admin/settings.js';
import { pdfText, pdftotextMissing } from '../../helpers/pdf-text.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const GIB = 1024 ** 3;
const anyone: CallContext = { role: 'anyone', transport: 'http', lang: 'vi' };

async function stored(library: Library, tag: string, size: number) {
  const bytes = Buffer.alloc(size, tag.charCodeAt(0));
  bytes.write(tag);
  return library.files.put(Readable.from([bytes]));
}

/** A library with real files: two laws in two fields, a book with no field or type, and one file still to download. */
async function seeded() {
  const library = await tempLibrary('admin-');
  const law = await stored(library, 'law', 3000);
  const decree = await stored(library, 'decree', 5000);
  const book = await stored(library, 'book', 7000);
  const pub = (id: string, fields: string[], docType: string | null, kind: 'legal' | 'book' = 'legal') => ({ id, kind, title: `Tài liệu ${id}`, fields, docType, origin: 'national' as const });
  saveDocuments(library.db, [
    { publication: pub('luat', ['Đất đai', 'Dân sự'], 'Luật'), files: [{ ...law, mediaType: 'application/pdf', state: 'present', role: 'content' }] },
    { publication: pub('nghi-dinh', ['Đất đai'], 'Nghị định'), files: [{ ...decree, mediaType: 'application/pdf', state: 'present', role: 'content' }] },
    { publication: pub('sach', [], null, 'book'), files: [{ ...book, mediaType: 'application/epub+zip', state: 'present', role: 'content' }] },
    { publication: pub('cho-tai', ['Lao động'], 'Luật'), files: [{ sha256: 'a'.repeat(64), size: 9000, mediaType: 'application/pdf', state: 'pending', role: 'content' }] },
  ]);
  const services = createServices(library);
  const handlers = createHandlers(services);
  const staff = async (username: string, role: 'librarian' | 'official'): Promise<CallContext> => {
    const account = await services.accounts.create({ username, displayName: username, role, password: 'mat-khau-dai-du' });
    return { ...anyone, role, user: { id: account.id, username, displayName: username, role } };
  };
  const official = await staff('canbo', 'official');
  const librarian = await staff('thuthu', 'librarian');
  const call = <T>(name: string, input: unknown, ctx: CallContext = official) =>
    callMethod(contract, handlers, name, input, ctx, vi.fn()) as Promise<{ ok: true; result: T } | { ok: false; error: { code: string } }>;
  const result = async <T>(name: string, input: unknown = {}) => {
    const answer = await call<T>(name, input);
    if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  };
  return { library, call, result, official, librarian, sizes: { law: law.size, decree: decree.size, book: book.size } };
}

describe('admin.storage', () => {
  it('counts the bytes of the files on disk per state, field, type and kind, and the disk they are on', async () => {
    const { library, result, sizes } = await seeded();
    const report = await result<StorageReport>('admin.storage');

    const presentShas = library.db.prepare("SELECT sha256 FROM files WHERE state = 'present'").pluck().all() as string[];
    const bytesOnDisk = presentShas.reduce((sum, sha) => sum + fs.statSync(library.files.pathOf(sha)).size, 0);
    expect(report.files).toEqual({
      presentFiles: 3,
      presentBytes: sizes.law + sizes.decree + sizes.book,
      pendingFiles: 1,
      pendingBytes: 9000,
      notKeptFiles: 0,
      notKeptBytes: 0,
      corruptFiles: 0,
    });
    // The figures are the real files' sizes.
    expect(bytesOnDisk).toBe(report.files.presentBytes);

    expect(report.byField).toEqual([
      { key: 'Đất đai', files: 2, bytes: sizes.law + sizes.decree },
      { key: null, files: 1, bytes: sizes.book },
      { key: 'Dân sự', files: 1, bytes: sizes.law },
    ]);
    expect(report.byType).toEqual([
      { key: null, files: 1, bytes: sizes.book },
      { key: 'Nghị định', files: 1, bytes: sizes.decree },
      { key: 'Luật', files: 1, bytes: sizes.law },
    ]);
    expect(report.byKind).toEqual([
      { key: 'legal', files: 2, bytes: sizes.law + sizes.decree },
      { key: 'book', files: 1, bytes: sizes.book },
    ]);

    const disk = fs.statfsSync(library.dir);
    expect(report.disk.totalBytes).toBe(disk.blocks * disk.bsize);
    // Other processes write to the same disk meanwhile: the free space is close, not equal.
    expect(Math.abs(report.disk.freeBytes - disk.bavail * disk.bsize)).toBeLessThan(256 * 1024 * 1024);
    expect(report.databaseBytes).toBeGreaterThanOrEqual(fs.statSync(library.layout.database).size);
    expect(report.selection).toEqual({ fields: null, docTypes: null, kinds: null, maxBytes: null });
    expect(report.counts.keptFiles).toBe(4);
  });

  it('warns before the disk fills, and sooner when what is left to download would not fit', () => {
    expect(diskLevel(100 * GIB, 50 * GIB, 0)).toEqual({ level: 'ok', lowBytes: 5 * GIB, criticalBytes: 1.25 * GIB });
    expect(diskLevel(100 * GIB, 4 * GIB, 0).level).toBe('low');
    expect(diskLevel(100 * GIB, GIB, 0).level).toBe('critical');
    expect(diskLevel(100 * GIB, 6 * GIB, 8 * GIB)).toMatchObject({ level: 'critical', criticalBytes: 8 * GIB });
    // A small disk: a tenth of it, but never less than 1 GiB.
    expect(diskLevel(4 * GIB, 0.9 * GIB, 0)).toMatchObject({ level: 'low', lowBytes: GIB });
  });
});

describe('station settings', () => {
  it('round-trip, change only what is given, and reach the resident screens through library.info', async () => {
    const { library, call, result } = await seeded();
    const before = await result<StationSettings>('admin.settings');
    // No name until an official gives one: the screens ask for it rather than show a made-up one.
    expect(before).toEqual({
      communeName: null,
      headName: null,
      display: { largeText: false, language: 'vi', printingAllowed: true },
      lan: { enabled: false, currentUrl: null },
    });
    const after = await result<StationSettings>('admin.updateSettings', { communeName: '  Xã Tân Thành  ', headName: ' Lê Văn Trưởng ', largeText: true, printingAllowed: false });
    expect(after).toEqual({
      communeName: 'Xã Tân Thành',
      headName: 'Lê Văn Trưởng',
      display: { largeText: true, language: 'vi', printingAllowed: false },
      lan: { enabled: false, currentUrl: null },
    });
    // An empty head's name clears it (the report then keeps a line to write it on).
    expect((await result<StationSettings>('admin.updateSettings', { headName: '  ' })).headName).toBeNull();
    await result('admin.updateSettings', { language: 'en', lanEnabled: true });
    expect(await result<StationSettings>('admin.settings')).toMatchObject({ communeName: 'Xã Tân Thành', display: { largeText: true, language: 'en', printingAllowed: false }, lan: { enabled: true } });

    const info = await call<LibraryInfo>('library.info', {}, anyone);
    expect(info).toMatchObject({ ok: true, result: { name: 'Xã Tân Thành', display: { largeText: true, language: 'en', printingAllowed: false }, lanUrl: null } });

    // Refused: an empty or too long name, an unknown language or key, a non-boolean; nothing changes.
    for (const bad of [{ communeName: '   ' }, { communeName: 'x'.repeat(121) }, { headName: 'x'.repeat(121) }, { language: 'fr' }, { printing: true }, { largeText: 'yes' }]) {
      expect(await call('admin.updateSettings', bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect((await result<StationSettings>('admin.settings')).communeName).toBe('Xã Tân Thành');
    // The change is in the audit log, with who made it.
    const audit = library.db.prepare("SELECT username, detail FROM audit_log WHERE action = 'admin.updateSettings' ORDER BY id").all() as { username: string; detail: string }[];
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ username: 'canbo' });
    expect(audit[0].detail).toContain('Xã Tân Thành');
  });

  it('give the LAN address a station serves phones at (for the publication page’s QR code)', async () => {
    const dir = tempDir('admin-lan-');
    const station = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, lan: true });
    try {
      expect(station.library.info().lanUrl).toBe(`http://127.0.0.1:${station.server.port}`);
      const response = await fetch(`${station.server.url}/api/library.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      const body = (await response.json()) as { result: LibraryInfo };
      expect(body.result.lanUrl).toBe(`http://127.0.0.1:${station.server.port}`);
    } finally {
      await station.close();
    }
    // Without --lan, the officials' setting decides at the next start: off stays on this PC only…
    const local = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, lanFromSettings: true });
    try {
      expect(local.host).toBe('127.0.0.1');
      expect(local.library.info().lanUrl).toBeNull();
      updateStationSettings(local.library, { lanEnabled: true });
      expect(local.library.info().lanUrl).toBeNull(); // …and a change waits for the next start.
    } finally {
      await local.close();
    }
    const served = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, lanFromSettings: true });
    try {
      expect(served.host).toBe('0.0.0.0');
      expect(served.library.info().lanUrl).toBe(stationLanUrl('0.0.0.0', served.server.port));
      const response = await fetch(`http://127.0.0.1:${served.server.port}/api/admin.settings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(403); // officials' methods stay closed to a caller with no session
    } finally {
      await served.close();
    }
  });
});

describe('usage.reportFile', () => {
  it('names no unit it was not given: the report says the name is missing until an official sets it', async () => {
    const { result } = await seeded();
    const csv = await result<ReportFile>('usage.reportFile', { from: '2025-01-01', to: '2025-12-31', format: 'csv' });
    const rows = Buffer.from(csv.base64, 'base64').toString('utf8').slice(1).split('\r\n');
    expect(rows).toContain(`Đơn vị,"${translate('vi', 'report.unitMissing')}"`);
    expect(translate('vi', 'report.unitMissing')).toMatch(/^\(chưa đặt tên đơn vị/);
    expect(rows.join('\n')).not.toContain('Tủ sách pháp luật,');
  });

  it('gives the yearly report as a CSV that parses and a PDF with the same figures, prepared by the official who asked', async (ctx) => {
    const { library, call, result } = await seeded();
    await result('admin.updateSettings', { communeName: 'Xã Tân Thành', headName: 'Lê Văn Trưởng' });
    recordRead(library.db, 'luat', new Date(2025, 2, 10));
    recordRead(library.db, 'luat', new Date(2025, 5, 1));

    const csv = await result<ReportFile>('usage.reportFile', { from: '2025-01-01', to: '2025-12-31', format: 'csv' });
    expect(csv.fileName).toBe('bao-cao-tu-sach-2025-01-01-2025-12-31.csv');
    expect(csv.mediaType).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
    expect(rows[0]).toEqual(['Báo cáo sử dụng Tủ sách pháp luật điện tử']);
    expect(rows).toContainEqual(['Đơn vị', 'Xã Tân Thành']);
    expect(rows).toContainEqual(['Lượt mở tài liệu', '2']);
    expect(rows).toContainEqual(['03/2025', '1', '0', '0', '0', '0', '0', '0', '0']);
    expect(rows).toContainEqual(['1', 'Tài liệu luat', '', '2']);
    expect(rows).toContainEqual(['Người lập báo cáo', 'canbo']);
    expect(rows).toContainEqual(['Thủ trưởng đơn vị', 'Lê Văn Trưởng']);

    const pdf = await result<ReportFile>('usage.reportFile', { from: '2025-01-01', to: '2025-12-31', format: 'pdf' });
    expect(pdf).toMatchObject({ fileName: 'bao-cao-tu-sach-2025-01-01-2025-12-31.pdf', mediaType: 'application/pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');

    expect(await call('usage.reportFile', { from: '2025-12-31', to: '2025-01-01', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(REPORT_FILE_MAX_MONTHS).toBe(USAGE_REPORT_MAX_MONTHS);
    expect(await call('usage.reportFile', { from: '2016-01-01', to: '2025-12-31', format: 'csv' })).toMatchObject({ ok: true });
    expect(await call('usage.reportFile', { from: '2015-12-31', to: '2025-12-31', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('usage.reportFile', { from: '2025-01-01', to: '2025-12-31', format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const missing = pdftotextMissing();
    if (missing) ctx.skip(missing);
    const printed = pdfText(bytes);
    expect(printed).toContain('Báo cáo sử dụng Tủ sách pháp luật điện tử');
    expect(printed).toContain('Đơn vị: Xã Tân Thành');
    expect(printed).toContain('Tài liệu luat');
    expect(printed).toMatch(/NGƯỜI LẬP BÁO CÁO[\s\S]*canbo/);
    expect(printed).toContain('Lê Văn Trưởng');
  });
});

describe('who may call the administration', () => {
  it('refuses residents and librarians, and lets officials in', async () => {
    const { library, call, official, librarian } = await seeded();
    const calls: [string, unknown][] = [
      ['admin.storage', {}],
      ['admin.settings', {}],
      ['admin.updateSettings', { printingAllowed: false }],
      ['usage.reportFile', { from: '2025-01-01', to: '2025-12-31', format: 'csv' }],
    ];
    for (const [name, input] of calls) {
      expect(await call(name, input, anyone), `${name} as anyone`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(name, input, librarian), `${name} as a librarian`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(name, input, official), `${name} as an official`).toMatchObject({ ok: true });
    }
    // Only the official's change went through, once.
    expect(library.displayDefaults().printingAllowed).toBe(false);
    expect(library.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'admin.updateSettings'").pluck().get()).toBe(1);
  });
});

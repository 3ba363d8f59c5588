/**
 * Scanning with the real SANE `test` backend: its devices listed with their sources, a flatbed
 * page, a 10-page feeder batch arriving page by page, and faults — a jam in the middle of the
 * librarian's batch keeps the pages already scanned, says what to do, and the batch continues.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { saneFault } from '../../../catalog/scan/sane.js';
import { parseSaneOptions, scanArguments } from '../../../catalog/scan/sane-options.js';
import { say } from '../../../shared/messages.js';
import { missingTools, openDesk, settled } from './helpers.js';

const skip = missingTools('scanimage');
const A4_150 = { mode: 'gray', resolution: 150, pageSize: 'a4' } as const;

describe.skipIf(skip)('SANE scanning (test backend)', () => {
  it('lists the test devices with flatbed and feeder', async () => {
    const { desk } = await openDesk();
    const scanners = await desk.scanners();
    const test0 = scanners.find((s) => s.id === 'sane:test:0');
    expect(test0).toMatchObject({ kind: 'sane', sources: ['flatbed', 'feeder'] });
    expect(test0!.modes).toEqual(expect.arrayContaining(['color', 'gray', 'lineart']));
    expect(test0!.resolutions).toContain(300);
    await desk.dispose();
  });

  it('scans one flatbed page at the requested size and resolution, with a thumbnail', async () => {
    const { desk } = await openDesk();
    const batch = desk.createBatch();
    const job = desk.scan(batch.id, { scanner: 'sane:test:0', source: 'flatbed', ...A4_150 });
    expect(job).toMatchObject({ kind: 'scan', state: 'running', done: 0 });
    const done = await settled(desk, batch.id);
    expect(done.job).toMatchObject({ state: 'done', done: 1, fault: null, message: null });
    expect(done.pages).toHaveLength(1);
    // A4 at 150 dpi: 210 mm × 297 mm → 1240 × 1754 pixels (the backend rounds down a line).
    expect(done.pages[0].width).toBe(1240);
    expect(done.pages[0].height).toBeGreaterThanOrEqual(1753);
    const thumb = await sharp(Buffer.from(done.pages[0].thumbnail.split(',')[1], 'base64')).metadata();
    expect(thumb.format).toBe('jpeg');
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(240);
    await desk.dispose();
  });

  it('takes all 10 pages of the feeder; its emptying at the end is not a fault', async () => {
    const { desk } = await openDesk();
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: 'sane:test:1', source: 'feeder', ...A4_150, resolution: 75 });
    const done = await settled(desk, batch.id);
    expect(done.job).toMatchObject({ kind: 'scan', state: 'done', done: 10, total: 10, fault: null });
    expect(done.pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(done.pages.map((p) => p.id)).size).toBe(10);
    await desk.dispose();
  });

  it('keeps the pages scanned before a jam, tells what to do, and continues the batch', async () => {
    const { desk, dir } = await openDesk();
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', ...A4_150, resolution: 75, pages: 4 });
    expect((await settled(desk, batch.id)).pages).toHaveLength(4);
    // The same library, with the device jamming on its next sheet (the backend's fault simulation).
    const jamming = await openDesk({ saneArgs: ['--read-return-value', 'SANE_STATUS_JAMMED'] }, dir);
    jamming.desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', ...A4_150, resolution: 75 });
    const jammed = await settled(jamming.desk, batch.id);
    expect(jammed.job).toMatchObject({ state: 'failed', fault: 'jammed', done: 0 });
    expect(say('vi', jammed.job!.message!)).toMatch(/Kẹt giấy.*các trang đã quét vẫn được giữ/);
    expect(say('en', jammed.job!.message!)).toMatch(/Paper jam/);
    expect(jammed.pages).toHaveLength(4);
    await jamming.desk.dispose();
    // Jam cleared: the batch goes on where it stopped.
    desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', ...A4_150, resolution: 75, pages: 3 });
    const continued = await settled(desk, batch.id);
    expect(continued.job).toMatchObject({ state: 'done', done: 3 });
    expect(continued.pages).toHaveLength(7);
    expect(continued.pages.slice(0, 4).map((p) => p.id)).toEqual(jammed.pages.map((p) => p.id));
    await desk.dispose();
  });

  it('cancels a scan: scanimage stops, the pages already scanned stay', async () => {
    // A slow device: each sheet takes a while to arrive (the backend's read delay).
    const { desk } = await openDesk({ saneArgs: ['--read-limit=yes', '--read-limit-size', '65536', '--read-delay=yes', '--read-delay-duration', '200000'] });
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', ...A4_150, resolution: 75 });
    while (desk.batch(batch.id).pages.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const job = await desk.cancel(batch.id);
    expect(job).toMatchObject({ kind: 'scan', state: 'cancelled', fault: 'cancelled' });
    const pages = desk.batch(batch.id).pages.length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThan(10);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes.split('\n').filter((line) => line.startsWith('scanimage') && line.includes(batch.id))).toEqual([]);
    await desk.dispose();
  });

  it('maps the cover open, an empty feeder, an I/O error and a missing device to their faults', async () => {
    const { desk, dir } = await openDesk();
    const cases = [
      ['SANE_STATUS_COVER_OPEN', 'cover_open', /Nắp máy quét/],
      ['SANE_STATUS_NO_DOCS', 'no_docs', /Khay nạp giấy không có giấy/],
      ['SANE_STATUS_IO_ERROR', 'io_error', /Lỗi truyền dữ liệu/],
    ] as const;
    for (const [status, fault, message] of cases) {
      const faulty = await openDesk({ saneArgs: ['--read-return-value', status] }, dir);
      const batch = faulty.desk.createBatch();
      faulty.desk.scan(batch.id, { scanner: 'sane:test:0', source: 'feeder', ...A4_150, resolution: 75 });
      const done = await settled(faulty.desk, batch.id);
      expect(done.job, status).toMatchObject({ state: 'failed', fault });
      expect(say('vi', done.job!.message!)).toMatch(message);
      await faulty.desk.dispose();
    }
    const batch = desk.createBatch();
    desk.scan(batch.id, { scanner: 'sane:test:9', source: 'flatbed', ...A4_150 });
    expect((await settled(desk, batch.id)).job).toMatchObject({ state: 'failed', fault: 'device_gone' });
    await desk.dispose();
  });
});

describe('reading scanimage', () => {
  it('treats "out of documents" after some pages as the end of the batch, before any as an empty feeder', () => {
    const stderr = 'scanimage: sane_start: Document feeder out of documents\n';
    expect(saneFault(0, stderr, 10)).toEqual({ fault: null, detail: null });
    expect(saneFault(0, stderr, 0)).toMatchObject({ fault: 'no_docs' });
    expect(saneFault(6, 'scanimage: sane_read: Document feeder jammed\n', 3)).toMatchObject({ fault: 'jammed', detail: 'sane_read: Document feeder jammed' });
    expect(saneFault(1, 'scanimage: open of device epson2:libusb:001:004 failed: Invalid argument\n', 0)).toMatchObject({ fault: 'device_gone' });
    expect(saneFault(11, '', 0)).toMatchObject({ fault: 'device_gone' });
    expect(saneFault(4, 'scanimage: sane_start: Invalid argument\n', 0).fault).not.toBeNull();
  });

  it('finds the feeder and modes under the names devices give them', () => {
    const options = parseSaneOptions(
      ['  Scan mode:', '    --mode Lineart|Gray|Color [Lineart]', '    --resolution 75|150|300|600dpi [300]', '    --source Flatbed|ADF Front|ADF Duplex [Flatbed]', '    -x 0..215.9mm [215.9]', '    -y 0..297.1mm [297.1]'].join('\n'),
    );
    expect(options.sources).toEqual({ flatbed: 'Flatbed', feeder: 'ADF Front' });
    expect(options.resolutions).toEqual([75, 150, 300, 600]);
    const args = scanArguments('brother:net1', options, { source: 'feeder', mode: 'lineart', resolution: 200, pageSize: 'a4', pages: 5 });
    expect(args).toEqual(['--device-name', 'brother:net1', '--source', 'ADF Front', '--mode', 'Lineart', '--resolution', '150', '-x', '210', '-y', '297', '--batch-count=5']);
  });
});

/**
 * Page edits and persistence: move, rotate (thumbnail turned, recognised text dropped), delete,
 * rescan one page in place, split a batch in two; a batch survives a restart, and a job cut by
 * one shows as interrupted with its pages kept. Bad ids get clear errors, each by its message.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { missingTools, openDesk, settled } from './helpers.js';

const skip = missingTools('scanimage');
const SCAN = { scanner: 'sane:test:0', mode: 'gray', resolution: 75, pageSize: 'a4' } as const;

const thumbSize = async (dataUrl: string) => {
  const meta = await sharp(Buffer.from(dataUrl.split(',')[1], 'base64')).metadata();
  return [meta.width, meta.height];
};

describe.skipIf(skip)('page edits', () => {
  it('moves, rotates, deletes, rescans one page and splits a batch', async () => {
    const { desk } = await openDesk();
    const batch = desk.createBatch();
    desk.scan(batch.id, { ...SCAN, source: 'feeder', pages: 5 });
    const scanned = await settled(desk, batch.id);
    const ids = scanned.pages.map((p) => p.id);
    expect(ids).toHaveLength(5);

    let now = desk.movePage(batch.id, ids[4], 0);
    expect(now.pages.map((p) => p.id)).toEqual([ids[4], ids[0], ids[1], ids[2], ids[3]]);
    expect(now.pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    now = desk.movePage(batch.id, ids[4], 99);
    expect(now.pages.map((p) => p.id)).toEqual(ids);

    const before = now.pages[1];
    now = await desk.rotatePage(batch.id, before.id, 90);
    const turned = now.pages[1];
    expect(turned).toMatchObject({ rotation: 90, width: before.height, height: before.width });
    const [w, h] = await thumbSize(turned.thumbnail);
    expect(w).toBeGreaterThan(h!);
    now = await desk.rotatePage(batch.id, before.id, 270);
    expect(now.pages[1].rotation).toBe(0);
    const large = await desk.pageImage(batch.id, before.id, 400);
    expect((await thumbSize(large.dataUrl))[0]).toBe(400);

    now = desk.deletePage(batch.id, ids[2]);
    expect(now.pages.map((p) => p.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(fs.readdirSync(desk.store.dirOf(batch.id)).filter((f) => f.endsWith('.png'))).toHaveLength(4);

    // Rescan page 2 in place: same id and position, a new image (here at twice the resolution).
    const oldWidth = now.pages[1].width;
    desk.scan(batch.id, { ...SCAN, resolution: 150, source: 'flatbed', replacePageId: ids[1] });
    now = await settled(desk, batch.id);
    expect(now.job).toMatchObject({ state: 'done', done: 1 });
    expect(now.pages.map((p) => p.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(now.pages[1].width).toBe(oldWidth * 2);
    expect(now.pages[0].width).toBe(oldWidth);

    const { first, second } = desk.split(batch.id, ids[3]);
    expect(first.pages.map((p) => p.id)).toEqual([ids[0], ids[1]]);
    expect(second.pages.map((p) => p.id)).toEqual([ids[3], ids[4]]);
    expect(second.pages.map((p) => p.index)).toEqual([0, 1]);
    expect(fs.readdirSync(desk.store.dirOf(second.id)).filter((f) => f.endsWith('.png'))).toHaveLength(2);
    expect(desk.batches().map((b) => [b.id, b.pages]).sort()).toEqual([[batch.id, 2], [second.id, 2]].sort());

    expect(await desk.discard(second.id)).toEqual({ discarded: true });
    expect(fs.existsSync(desk.store.dirOf(second.id))).toBe(false);
    await desk.dispose();
  });

  it('answers unknown batches and pages, a split at the first page and edits during a scan with clear errors', async () => {
    const { desk } = await openDesk();
    const batch = desk.createBatch();
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (caught) {
        return caught as AppError;
      }
      throw new Error('no error');
    };
    expect(error(() => desk.batch('nope'))).toMatchObject({ code: 'not_found', ref: { key: 'desk.batchNotFound' } });
    expect(error(() => desk.deletePage(batch.id, 'nope'))).toMatchObject({ code: 'not_found', ref: { key: 'desk.pageNotFound' } });
    expect(error(() => desk.scan(batch.id, { ...SCAN, scanner: 'folder:/not/configured', source: 'feeder' }))).toMatchObject({ code: 'not_found' });
    desk.scan(batch.id, { ...SCAN, source: 'feeder', pages: 2 });
    expect(error(() => desk.ocr(batch.id))).toMatchObject({ code: 'conflict', ref: { key: 'desk.busy' } });
    const done = await settled(desk, batch.id);
    expect(error(() => desk.split(batch.id, done.pages[0].id))).toMatchObject({ code: 'bad_request' });
    await desk.dispose();
  });

  it('keeps batches across a restart; a job cut by it shows as interrupted, pages kept', async () => {
    const first = await openDesk();
    const batch = first.desk.createBatch();
    first.desk.scan(batch.id, { ...SCAN, source: 'feeder', pages: 3 });
    const scanned = await settled(first.desk, batch.id);
    // The app stops in the middle of an OCR run: the row still says 'running' when it closes.
    first.library.db.prepare(`UPDATE desk_batches SET job_kind = 'ocr', job_state = 'running', job_done = 1, job_total = 3 WHERE id = ?`).run(batch.id);
    // What a crash leaves: a cut scan's work folder, a half-written PDF, the folder of a batch whose row is gone.
    fs.mkdirSync(path.join(first.desk.store.dirOf(batch.id), 'scan-cut'));
    fs.writeFileSync(path.join(first.desk.store.dirOf(batch.id), '.built-0123.pdf.0a1b2c3d4e5f.tmp'), 'half');
    fs.mkdirSync(first.desk.store.dirOf('b-gone'));
    first.library.close();

    const again = await openDesk({}, first.dir);
    const reopened = again.desk.batch(batch.id);
    expect(reopened.pages.map((p) => p.id)).toEqual(scanned.pages.map((p) => p.id));
    expect(reopened.job).toMatchObject({ kind: 'ocr', state: 'failed', fault: 'failed', done: 1 });
    expect(reopened.job!.message).toEqual({ key: 'desk.fault.interrupted' });
    expect(say('vi', reopened.job!.message!)).toMatch(/bị ngắt vì ứng dụng đã tắt/);
    expect(fs.readdirSync(again.desk.store.dirOf(batch.id)).sort()).toEqual(scanned.pages.map((p) => again.desk.store.page(batch.id, p.id)!.image).sort());
    expect(fs.readdirSync(again.desk.store.root)).toEqual([batch.id]);
    await again.desk.dispose();
  });
});

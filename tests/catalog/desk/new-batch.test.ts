/**
 * "New scan" does not pile up empty batches: pressing it again gives back the newest batch with
 * no page (its failed scan forgotten), and a new one only once that batch has pages; a batch
 * still scanning is never given out. Open batches carry distinct running numbers for their labels.
 * The CLI, beside an app that may hold an empty batch, always starts its own.
 */
import { describe, expect, it } from 'vitest';
import { missingTools, openDesk, settled } from './helpers.js';

const SCAN = { scanner: 'sane:test:0', source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'a4', pages: 1 } as const;

describe.skipIf(missingTools('scanimage'))('starting a new scan', () => {
  it('gives back the newest empty batch until it has pages; numbers tell batches apart', async () => {
    const { desk } = await openDesk();
    const first = desk.createBatch();
    expect(desk.createBatch().id).toBe(first.id);
    expect(desk.batches()).toHaveLength(1);

    desk.scan(first.id, SCAN);
    expect((await settled(desk, first.id)).pages).toHaveLength(1);
    const second = desk.createBatch();
    expect(second.id).not.toBe(first.id);
    expect(second.number).not.toBe(first.number);
    expect(desk.batches().map((b) => b.number).sort()).toEqual([first.number, second.number].sort());

    const own = desk.createBatch({ fresh: true });
    expect(own.id).not.toBe(second.id);
    expect(new Set(desk.batches().map((b) => b.number)).size).toBe(3);
    await desk.dispose();
  });

  it('forgets the failed scan of the empty batch it gives back, and never gives out one still scanning', async () => {
    const { desk, dir } = await openDesk();
    const batch = desk.createBatch();
    desk.scan(batch.id, { ...SCAN, scanner: 'sane:test:9' });
    expect((await settled(desk, batch.id)).job).toMatchObject({ state: 'failed', fault: 'device_gone' });
    const again = desk.createBatch();
    expect(again).toMatchObject({ id: batch.id, job: null, pages: [] });

    // A slow device: the batch is scanning, with no page yet.
    const slow = await openDesk({ saneArgs: ['--read-limit=yes', '--read-limit-size', '65536', '--read-delay=yes', '--read-delay-duration', '200000'] }, dir);
    slow.desk.scan(batch.id, SCAN);
    expect(slow.desk.batch(batch.id).pages).toHaveLength(0);
    expect(slow.desk.createBatch().id).not.toBe(batch.id);
    await slow.desk.cancel(batch.id);
    await slow.desk.dispose();
    await desk.dispose();
  });
});

/**
 * The station's outbox as a queue: what may be queued, that an acknowledged enqueue is written
 * with synchronous=FULL and survives the process being killed, and which items may be removed
 * or retried.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { Library } from '../../../catalog/library.js';
import { durably } from '../../../catalog/outbox/durable.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { enqueue, getRow, remove, retry, update } from '../../../catalog/outbox/store.js';
import { pdfBytes, stationWith } from './fixtures.js';
import { startCli } from '../../helpers/cli.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function station() {
  const made = await stationWith(pdfBytes(20_000));
  cleanups.push(() => made.library.close());
  return made;
}

describe('the outbox queue', () => {
  it('writes with synchronous=FULL and puts the connection back to NORMAL after', async () => {
    const { library } = await station();
    expect(library.db.pragma('synchronous', { simple: true })).toBe(1);
    const during = durably(library.db, () => library.db.pragma('synchronous', { simple: true }));
    expect(during).toBe(2);
    expect(library.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(() => durably(library.db, () => {
      throw new Error('refused');
    })).toThrow('refused');
    expect(library.db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('queues only a publication this station made, with its file, once; the description is copied', async () => {
    const { library, id, sha256 } = await station();
    saveDocuments(library.db, [{ publication: { id: 'quoc-gia', kind: 'legal', title: 'Luật Đất đai', origin: 'national' }, files: [] }]);
    saveDocuments(library.db, [{ publication: { id: 'khong-tep', kind: 'guide', title: 'Sổ tay', origin: 'local' }, files: [] }]);
    expect(() => enqueue(library.db, 'khong-co', 'vi')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => enqueue(library.db, 'quoc-gia', 'en')).toThrow(expect.objectContaining({ code: 'bad_request', message: expect.stringContaining('Only documents made at this station') }));
    expect(() => enqueue(library.db, 'khong-tep', 'vi')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    const row = enqueue(library.db, id, 'vi');
    expect(row).toMatchObject({ state: 'waiting', sha256, size: 20_000, media_type: 'application/pdf', bytes_sent: 0, upload_url: null });
    expect(JSON.parse(row.description)).toMatchObject({ id, kind: 'legal', number: '12/UBND', fields: ['Đất đai'] });
    expect(() => enqueue(library.db, id, 'vi')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('an acknowledged enqueue survives the process being killed', { timeout: 60_000 }, async () => {
    const { library, id } = await station();
    library.close();
    const child = startCli(['outbox', '--add', id], { library: library.dir });
    await new Promise<void>((resolve) => child.stdout.on('data', (data: Buffer) => data.toString().includes('Queued') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const reopened = await Library.open(library.dir);
    cleanups.push(() => reopened.close());
    expect(new OutboxService(reopened, { background: false }).list()).toMatchObject([{ publicationId: id, state: 'waiting' }]);
  });

  it('removes an item only before sending, retries a failed one where it stopped and a rejected one from the start, as the publication is now', async () => {
    const { library, id } = await station();
    const row = enqueue(library.db, id, 'vi');
    update(library.db, row.id, { state: 'sending', upload_url: 'http://hub/uploads/0123456789abcdef0123456789abcdef', bytes_sent: 8192 });
    expect(() => remove(library.db, row.id, 'vi')).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => retry(library.db, row.id, 'vi')).toThrow(expect.objectContaining({ code: 'conflict' }));
    update(library.db, row.id, { state: 'failed', reason: 'HTTP 502', next_attempt_at: '2999-01-01T00:00:00.000Z', attempts: 4 });
    expect(retry(library.db, row.id, 'vi')).toMatchObject({ state: 'waiting', bytes_sent: 8192, upload_url: expect.stringContaining('/uploads/'), reason: null, attempts: 0, next_attempt_at: null });
    update(library.db, row.id, { state: 'rejected', reason: 'Thiếu trang' });
    library.db.prepare('UPDATE publications SET title = ? WHERE id = ?').run('Công văn đã sửa', id);
    const again = retry(library.db, row.id, 'vi');
    expect(again).toMatchObject({ state: 'waiting', bytes_sent: 0, upload_url: null, title: 'Công văn đã sửa' });
    expect(JSON.parse(again.description)).toMatchObject({ title: 'Công văn đã sửa' });
    remove(library.db, row.id, 'vi');
    expect(getRow(library.db, row.id)).toBeNull();
    expect(() => remove(library.db, row.id, 'vi')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

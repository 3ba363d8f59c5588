/**
 * The station's outbox as a queue: what may be queued, that an acknowledged enqueue is written
 * with synchronous=FULL and survives the process being killed, which items may be removed or
 * retried, and that an item's reason is kept by reference (older sentences kept as written).
 */
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { MIGRATIONS } from '../../../catalog/db/migrations.js';
import { durably } from '../../../catalog/db/durable.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { enqueue, getRow, remove, retry, update } from '../../../catalog/outbox/store.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { pdfBytes, stationWith } from './fixtures.js';
import { startCli } from '../../helpers/cli.js';

const station = () => stationWith(pdfBytes(20_000));

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
    expect(() => enqueue(library.db, 'khong-co')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => enqueue(library.db, 'quoc-gia')).toThrow(expect.objectContaining({ code: 'bad_request', ref: { key: 'outbox.notLocal' } }));
    expect(() => enqueue(library.db, 'khong-tep')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    const row = enqueue(library.db, id);
    expect(row).toMatchObject({ state: 'waiting', sha256, size: 20_000, media_type: 'application/pdf', bytes_sent: 0, upload_url: null });
    expect(JSON.parse(row.description)).toMatchObject({ id, kind: 'legal', number: '12/UBND', fields: ['Đất đai'] });
    expect(() => enqueue(library.db, id)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('an acknowledged enqueue survives the process being killed', async () => {
    const { library, id } = await station();
    library.close();
    const child = startCli(['outbox', '--add', id], { library: library.dir });
    await new Promise<void>((resolve) => child.stdout.on('data', (data: Buffer) => data.toString().includes('Queued') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const reopened = await openTestLibrary(library.dir);
    expect(new OutboxService(reopened, { background: false }).list()).toMatchObject([{ publicationId: id, state: 'waiting' }]);
  });

  it('removes an item only before sending, retries a failed one where it stopped and a rejected one from the start, as the publication is now', async () => {
    const { library, id } = await station();
    const row = enqueue(library.db, id);
    update(library.db, row.id, { state: 'sending', upload_url: 'http://hub/uploads/0123456789abcdef0123456789abcdef', bytes_sent: 8192 });
    expect(() => remove(library.db, row.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => retry(library.db, row.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
    update(library.db, row.id, { state: 'failed', reason: { key: 'outbox.hubStatus', params: { status: 502 } }, next_attempt_at: '2999-01-01T00:00:00.000Z', attempts: 4 });
    expect(retry(library.db, row.id)).toMatchObject({ state: 'waiting', bytes_sent: 8192, upload_url: expect.stringContaining('/uploads/'), reason: null, attempts: 0, next_attempt_at: null });
    update(library.db, row.id, { state: 'rejected', reason: { key: 'message.written', params: { text: 'Thiếu trang' } } });
    library.db.prepare('UPDATE publications SET title = ? WHERE id = ?').run('Công văn đã sửa', id);
    const again = retry(library.db, row.id);
    expect(again).toMatchObject({ state: 'waiting', bytes_sent: 0, upload_url: null, title: 'Công văn đã sửa' });
    expect(JSON.parse(again.description)).toMatchObject({ title: 'Công văn đã sửa' });
    remove(library.db, row.id);
    expect(getRow(library.db, row.id)).toBeNull();
    expect(() => remove(library.db, row.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('keeps a reason as a reference, and a sentence kept before references as written', async () => {
    const { library, id } = await station();
    const failed = enqueue(library.db, id);
    update(library.db, failed.id, { state: 'failed', reason: { key: 'outbox.hubStatusReason', params: { status: 415, reason: { key: 'hub.onlyPdfEpub' } } } });
    const service = new OutboxService(library, { background: false });
    expect(service.item(failed.id)?.reason).toEqual({ key: 'outbox.hubStatusReason', params: { status: 415, reason: { key: 'hub.onlyPdfEpub' } } });
    // A library from before: the reason column held words; the migration keeps them as written.
    library.db.prepare('UPDATE outbox SET reason = ? WHERE id = ?').run('Chỉ nhận PDF hoặc EPUB / Only PDF or EPUB files are accepted', failed.id);
    library.db.exec(MIGRATIONS.find((migration) => migration.name === 'outbox reasons by reference')!.sql);
    expect(service.item(failed.id)?.reason).toEqual({
      key: 'message.written',
      params: { text: 'Chỉ nhận PDF hoặc EPUB / Only PDF or EPUB files are accepted' },
    });
  });
});

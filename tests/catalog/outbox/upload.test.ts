/**
 * Issue 6, sending upstream: a station's outbox sends its document to a hub with tus through a
 * proxy on 127.0.0.1 that misbehaves on purpose (security.md cases 26 and 27), and the hub's
 * moderation outcome comes back to the station.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import { listModeration, rejectUpload } from '../../../catalog/hub/moderation.js';
import { OutboxService, uploadIdOf } from '../../../catalog/outbox/service.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { enqueue, getRow } from '../../../catalog/outbox/store.js';
import type { Library } from '../../../catalog/library.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { enrolApproved } from '../../helpers/enrolled-station.js';
import { offsetOf, pdfBytes, sha256, startHub, startProxy, stationWith } from './fixtures.js';
import type { ProxyAction, ProxiedRequest } from './fixtures.js';

const CHUNK = 64 * 1024;

async function setup(size = 10 * CHUNK, options: { maxBytes?: number; bytes?: Buffer; summary?: string } = {}) {
  const hub = await startHub({ maxBytes: options.maxBytes });
  const proxy = await startProxy(() => hub.url);
  const bytes = options.bytes ?? pdfBytes(size);
  const station = await stationWith(bytes, { name: 'Xã Tân Phú', summary: options.summary });
  await enrolApproved(station.library, proxy.url, hub.library, { name: 'Xã Tân Phú' });
  const row = enqueue(station.library.db, station.id);
  const service = newService(station.library);
  onTestFinished(() => hub.close());
  onTestFinished(() => proxy.close());
  return { hub, proxy, station, row, service, bytes };
}

function newService(library: Library) {
  const service = new OutboxService(library, { background: false, chunkSize: CHUNK, retryDelays: [0, 0, 0, 0, 0], backoffMs: () => 0 });
  onTestFinished(() => service.dispose());
  return service;
}

/** The first time a PATCH at `offset` passes, do `action`; forward everything else. */
function once(offset: number, action: ProxyAction, method = 'PATCH') {
  let done = false;
  return (request: ProxiedRequest): ProxyAction => {
    if (!done && request.method === method && (method !== 'PATCH' || offsetOf(request) === offset)) {
      done = true;
      return action;
    }
    return { kind: 'forward' };
  };
}

function receivedSha(hubLibrary: Library) {
  const [item] = listModeration(hubLibrary);
  return item;
}

describe('the outbox sends a document to the hub with tus', () => {
  it('sends it whole with checksummed chunks, the hub checks it into moderation, and a rejection reaches the station', async () => {
    const { hub, proxy, station, row, service, bytes } = await setup();
    expect(await service.runOnce()).toMatchObject({ sent: 1, failed: 0 });
    const item = service.item(row.id);
    expect(item).toMatchObject({ state: 'sent', percent: 100, bytesSent: bytes.length });
    // The yearly report counts it among the documents sent upstream.
    expect(station.library.db.prepare("SELECT sum(count) FROM usage_days WHERE counter = 'document_sent'").pluck().get()).toBe(1);
    const patches = proxy.log.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(10);
    expect(proxy.log.filter((r) => r.method === 'POST' && r.path.startsWith('/uploads'))).toHaveLength(1);

    const received = receivedSha(hub.library);
    expect(received).toMatchObject({ state: 'pending', sha256: station.sha256, size: bytes.length, stationName: 'Xã Tân Phú', publicationId: station.id });
    expect(sha256(fs.readFileSync(path.join(hubUploadsDir(hub.library), received.id)))).toBe(sha256(bytes));
    expect(uploadIdOf(getRow(station.library.db, row.id)?.upload_url as string)).toBe(received.id);

    expect(await service.runOnce()).toMatchObject({ decided: 0 });
    await rejectUpload(hub.library, received.id, 'Thiếu trang 2, hãy quét lại', 'official');
    expect(await service.runOnce()).toMatchObject({ decided: 1 });
    expect(service.item(row.id)).toMatchObject({ state: 'rejected', reason: { key: 'message.written', params: { text: 'Thiếu trang 2, hãy quét lại' } } });
    expect(fs.existsSync(path.join(hubUploadsDir(hub.library), received.id))).toBe(false);
  });

  it('sends a long Vietnamese summary within the hub’s header bound (cut to 1,500 characters)', async () => {
    // The worst case: every character takes 3 bytes in UTF-8 (4,000 of them would not fit in 16 KB as base64).
    const summary = 'ữ'.repeat(4000);
    const { hub, service } = await setup(2 * CHUNK, { summary });
    expect(await service.runOnce()).toMatchObject({ sent: 1 });
    const [received] = listModeration(hub.library);
    expect(received.description.description).toBe(summary.slice(0, 1500));
  });

  it('resumes a link cut at 40% from the hub’s offset and completes with the same sha256', async () => {
    const { hub, proxy, service, bytes, row } = await setup();
    proxy.setRule(once(4 * CHUNK, { kind: 'cut' }));
    expect(await service.runOnce()).toMatchObject({ sent: 1 });
    const cutAt = proxy.log.findIndex((r) => r.status === 'cut');
    expect(cutAt).toBeGreaterThan(0);
    // After the cut: a HEAD (the hub kept 40%), then the same chunk again.
    expect(proxy.log[cutAt + 1]).toMatchObject({ method: 'HEAD', status: 200 });
    const patchBytes = proxy.log.filter((r) => r.method === 'PATCH' && r.status === 204).reduce((sum, r) => sum + r.bytes, 0);
    expect(patchBytes).toBe(bytes.length);
    expect(proxy.log.filter((r) => r.method === 'POST' && r.path.startsWith('/uploads'))).toHaveLength(1);
    expect(receivedSha(hub.library).sha256).toBe(sha256(bytes));
    expect(service.item(row.id)?.state).toBe('sent');
  });

  it('case 26: a wrong offset (409) makes it HEAD again and continue from the hub’s offset', async () => {
    const { hub, proxy, service, bytes } = await setup();
    proxy.setRule(once(2 * CHUNK, { kind: 'answer', status: 409, body: 'Upload-Offset conflict' }));
    expect(await service.runOnce()).toMatchObject({ sent: 1 });
    const conflict = proxy.log.findIndex((r) => r.status === 409);
    expect(proxy.log[conflict + 1]).toMatchObject({ method: 'HEAD' });
    expect(proxy.log[conflict + 2]).toMatchObject({ method: 'PATCH', status: 204 });
    expect(receivedSha(hub.library).sha256).toBe(sha256(bytes));
  });

  it('case 26: a chunk damaged in transit is answered 460 by the hub, its offset unchanged, and the chunk is sent again', async () => {
    const { hub, proxy, service, bytes } = await setup();
    const offsets: number[] = [];
    const rule = once(3 * CHUNK, { kind: 'corrupt' });
    proxy.setRule((request) => {
      if (request.method === 'PATCH') offsets.push(offsetOf(request));
      return rule(request);
    });
    expect(await service.runOnce()).toMatchObject({ sent: 1 });
    const damaged = proxy.log.findIndex((r) => r.status === 460);
    expect(damaged).toBeGreaterThan(0);
    expect(proxy.log[damaged + 1]).toMatchObject({ method: 'HEAD', status: 200 });
    expect(offsets.filter((o) => o === 3 * CHUNK)).toHaveLength(2);
    expect(receivedSha(hub.library).sha256).toBe(sha256(bytes));
  });

  it('case 26: an upload gone from the hub (404 after it was removed, or 410) is sent again as a new upload', async () => {
    const { hub, proxy, service, bytes } = await setup();
    let removed = false;
    proxy.setRule((request) => {
      if (!removed && request.method === 'PATCH' && offsetOf(request) === 5 * CHUNK) {
        removed = true;
        const id = request.path.split('/').pop() as string;
        fs.rmSync(path.join(hubUploadsDir(hub.library), id));
        fs.rmSync(path.join(hubUploadsDir(hub.library), `${id}.json`));
      }
      return { kind: 'forward' };
    });
    expect(await service.runOnce()).toMatchObject({ sent: 1 });
    expect(proxy.log.filter((r) => r.method === 'POST' && r.path.startsWith('/uploads'))).toHaveLength(2);
    expect(proxy.log.some((r) => r.method === 'PATCH' && r.status === 404)).toBe(true);
    expect(receivedSha(hub.library).sha256).toBe(sha256(bytes));

    const second = await setup();
    let gone = '';
    second.proxy.setRule((request) => {
      if (!gone && request.method === 'PATCH' && offsetOf(request) === 2 * CHUNK) gone = request.path;
      if (gone && request.path === gone) return { kind: 'answer', status: 410, body: 'Gone' };
      return { kind: 'forward' };
    });
    expect(await second.service.runOnce()).toMatchObject({ sent: 1 });
    expect(second.proxy.log.filter((r) => r.method === 'POST' && r.path.startsWith('/uploads'))).toHaveLength(2);
    expect(receivedSha(second.hub.library).sha256).toBe(sha256(second.bytes));
    expect(listModeration(second.hub.library)).toHaveLength(1);
  });

  it.each([
    ['200 without Upload-Offset', { kind: 'answer', status: 200, headers: { 'Upload-Length': String(10 * CHUNK) } }],
    ['416', { kind: 'answer', status: 416 }],
    ['an Upload-Length that is not the file’s', { kind: 'answer', status: 200, headers: { 'Upload-Offset': String(3 * CHUNK), 'Upload-Length': String(20 * CHUNK) } }],
    ['an offset past the end', { kind: 'answer', status: 200, headers: { 'Upload-Offset': String(11 * CHUNK), 'Upload-Length': String(10 * CHUNK) } }],
  ] as [string, ProxyAction][])('case 27: a resume answered with %s starts over from zero, sha256 still enforced', async (_name, answer) => {
    const { hub, proxy, station, service, bytes, row } = await setup();
    // A first run stops mid-upload (the app closes): the upload URL stays in the outbox row.
    proxy.setRule((request) => (request.method === 'PATCH' && offsetOf(request) === 4 * CHUNK ? { kind: 'hold' } : { kind: 'forward' }));
    const held = proxy.nextHold();
    const first = service.runOnce();
    await held;
    await service.dispose();
    await first;
    proxy.release();
    const stopped = getRow(station.library.db, row.id);
    expect(stopped).toMatchObject({ state: 'waiting', bytes_sent: 4 * CHUNK });
    expect(stopped?.upload_url).toBeTruthy();

    proxy.setRule(once(0, answer, 'HEAD'));
    const after = proxy.log.length;
    const again = newService(station.library);
    expect(await again.runOnce()).toMatchObject({ sent: 1 });
    const log = proxy.log.slice(after);
    expect(log[0]).toMatchObject({ method: 'HEAD' });
    expect(log[1]).toMatchObject({ method: 'POST', status: 201 });
    expect(log.filter((r) => r.method === 'PATCH').reduce((sum, r) => sum + r.bytes, 0)).toBe(bytes.length);
    expect(getRow(station.library.db, row.id)?.upload_url).not.toBe(stopped?.upload_url);
    expect(listModeration(hub.library).map((i) => i.sha256)).toEqual([sha256(bytes)]);
  });

  it('the hub refuses a file whose bytes are not the declared sha256 (the station retries with new uploads, then waits), and nothing enters moderation', async () => {
    const { hub, station, service, row, proxy } = await setup();
    const file = station.library.files.pathOf(station.sha256);
    const damaged = fs.readFileSync(file);
    damaged[damaged.length - 10] ^= 0xff;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, damaged);
    expect(await service.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    const item = service.item(row.id);
    expect(item?.state).toBe('failed');
    expect(item?.reason).toEqual({
      key: 'outbox.newUploadsFailed',
      params: { count: 3, reason: { key: 'outbox.hubStatusReason', params: { status: 460, reason: { key: 'hub.fileDamaged' } } } },
    });
    expect(proxy.log.filter((r) => r.status === 460).length).toBeGreaterThanOrEqual(3);
    expect(listModeration(hub.library, 'all')).toEqual([]);
  });

  it('the hub rejects what is not a PDF or EPUB by its content, and what is larger than its bound; the station shows why', async () => {
    const notPdf = await setup(0, { bytes: Buffer.from('<html>không phải PDF</html>'.repeat(2000)) });
    expect(await notPdf.service.runOnce()).toMatchObject({ rejected: 1 });
    expect(notPdf.service.item(notPdf.row.id)).toMatchObject({ state: 'rejected' });
    expect(notPdf.service.item(notPdf.row.id)?.reason).toEqual({ key: 'hub.notPdf', params: { reason: { key: 'hub.pdfHeader' } } });
    expect(listModeration(notPdf.hub.library, 'all')).toEqual([]);

    const large = await setup(4 * CHUNK, { maxBytes: 2 * CHUNK });
    expect(await large.service.runOnce()).toMatchObject({ rejected: 1 });
    expect(large.proxy.log.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(large.service.item(large.row.id)?.state).toBe('rejected');
  });

  it('refuses a PATCH without a checksum and data sent with the creating POST, in the language the request asks for', async () => {
    const { hub, station } = await setup();
    // Signed by the enrolled station, as every request to the hub must be: what is refused here is the request itself.
    const signer = new HubSigner(station.library);
    const send = (path: string, init: Parameters<HubSigner['fetch']>[1]) => signer.fetch(new URL(path, hub.url).toString(), init);
    const metadata = `stationId ${Buffer.from(stationId(station.library)).toString('base64')}`;
    const created = await send('uploads', { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10', 'Upload-Metadata': metadata } });
    expect(created.status).toBe(415); // no PDF/EPUB declared
    expect(JSON.parse(await created.text()) as unknown).toMatchObject({ error: { key: 'hub.onlyPdfEpub', message: 'Chỉ nhận tệp PDF hoặc EPUB.' } });
    const options = await fetch(new URL('uploads', hub.url), { method: 'OPTIONS', headers: { 'Tus-Resumable': '1.0.0' } });
    expect(options.headers.get('tus-extension')).toContain('checksum');
    expect(options.headers.get('tus-checksum-algorithm')).toContain('sha256');
    const patch = await send('uploads/0123456789abcdef0123456789abcdef', {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      body: 'abc',
    });
    expect(patch.status).toBe(400);
    expect((await patch.json()) as unknown).toMatchObject({ ok: false, error: { key: 'hub.checksumRequired', message: 'Thiếu Upload-Checksum.' } });
    const english = await send('uploads/0123456789abcdef0123456789abcdef', {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Accept-Language': 'en' },
      body: 'abc',
    });
    expect((await english.json()) as unknown).toMatchObject({ error: { key: 'hub.checksumRequired', message: 'Upload-Checksum is required.' } });
    const post = await send('uploads', { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '3', 'Upload-Metadata': metadata }, body: 'abc' });
    expect(post.status).toBe(400);
    expect((await post.json()) as unknown).toMatchObject({ error: { key: 'hub.checksumRequired' } });
  });
});

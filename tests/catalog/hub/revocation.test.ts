/**
 * Issue 17: the officials at both ends work through the contract. At the station an official
 * enrols it with its hub and asks its state (`enrolment.*`); at the hub only officials list and
 * decide (`stations.*`, refused to anonymous callers and librarians, each decision audited). A
 * revocation drops the station's uploads waiting for moderation and unfinished — bytes and rows —
 * and leaves other stations' alone; the revoked station then holds what it would send, says why,
 * and cannot enrol again under that id.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { listModeration } from '../../../catalog/hub/moderation.js';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import type { Library } from '../../../catalog/library.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { checksumHeader } from '../../../catalog/outbox/checksum-stack.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { enqueue } from '../../../catalog/outbox/store.js';
import { enrolApproved } from '../../helpers/enrolled-station.js';
import { contractOf } from '../../helpers/staff-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { pdfBytes, startHub, stationWith } from '../outbox/fixtures.js';

/** Starts an upload of `bytes` for `library`'s station by hand and sends its first half: an unfinished upload at the hub. */
async function halfUpload(library: Library, hubUrl: string, bytes: Buffer): Promise<string> {
  const signer = new HubSigner(library);
  const metadata = {
    filename: 'ban-nhap.pdf',
    filetype: 'application/pdf',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    description: JSON.stringify({ id: 'local-ban-nhap', kind: 'legal', title: 'Bản nháp', number: null, docType: null, issuer: null, issuedDate: null, effectiveDate: null, legalStatus: 'unknown', fields: [], language: 'vi', authors: [], publisher: null, description: null }),
    stationId: stationId(library),
    stationName: 'x',
  };
  const created = await signer.fetch(new URL('uploads', hubUrl).toString(), {
    method: 'POST',
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Upload-Metadata': Object.entries(metadata).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',') },
  });
  expect(created.status).toBe(201);
  const url = new URL(created.headers.get('location') as string, hubUrl).toString();
  const half = bytes.subarray(0, bytes.length / 2);
  const patch = await signer.fetch(url, {
    method: 'PATCH',
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Checksum': checksumHeader(half) },
    body: half,
  });
  expect(patch.status).toBe(204);
  return url.split('/').pop() as string;
}

/** A document of the station's own (origin local) with `bytes` as its PDF; its id. */
async function addDocument(library: Library, bytes: Buffer): Promise<string> {
  const source = path.join(tempDir('revocation-src-'), 'doc.pdf');
  fs.writeFileSync(source, bytes);
  const stored = await library.files.putFile(source);
  const id = `local-${stored.sha256.slice(0, 12)}`;
  saveDocuments(library.db, [
    {
      publication: { id, kind: 'legal', title: `Thông báo ${id}`, origin: 'local' },
      files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
    },
  ]);
  return id;
}

const filesIn = (library: Library) => (fs.existsSync(hubUploadsDir(library)) ? fs.readdirSync(hubUploadsDir(library)).sort() : []);

describe('decisions on stations', () => {
  it('are officials’ (audited); a revocation drops the station’s uploads waiting and unfinished, and the station holds and says why', async () => {
    const hub = await startHub();
    onTestFinished(() => hub.close());
    const hubContract = await contractOf(hub.library);
    const a = await stationWith(pdfBytes(96 * 1024), { name: 'Xã An Bình' });
    const b = await stationWith(pdfBytes(80 * 1024), { name: 'Xã Bình Minh' });
    const station = await contractOf(a.library);

    // The station's official enrols it through the contract; the hub's officials see it, others may not.
    const asked = await station.call('enrolment.request', { hubUrl: hub.url, name: 'Xã An Bình', commune: 'Xã An Bình', province: 'Tỉnh Lâm Đồng' });
    expect(asked).toMatchObject({ ok: true, result: { state: 'pending', stationId: stationId(a.library) } });
    expect(await station.call('enrolment.request', { hubUrl: hub.url, name: 'x', commune: 'x', province: 'x' }, 'librarian')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const idA = stationId(a.library);
    for (const [name, input] of [
      ['stations.list', {}],
      ['stations.approve', { stationId: idA }],
      ['stations.refuse', { stationId: idA }],
      ['stations.revoke', { stationId: idA }],
    ] as const) {
      expect(await hubContract.call(name, input, 'anyone')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await hubContract.call(name, input, 'librarian')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await hubContract.call('stations.list', { state: 'pending' })).toMatchObject({ ok: true, result: { stations: [{ stationId: idA, province: 'Tỉnh Lâm Đồng', state: 'pending' }], total: 1 } });
    expect(await hubContract.call('stations.approve', { stationId: idA })).toMatchObject({ ok: true, result: { station: { state: 'approved', decidedBy: 'canbo' } } });
    expect(await station.call('enrolment.check', {})).toMatchObject({ ok: true, result: { state: 'approved' } });

    // A's document waits for moderation and another is half sent; B's waits too.
    enqueue(a.library.db, a.id);
    expect(await station.services.outbox.runOnce()).toMatchObject({ sent: 1 });
    const unfinished = await halfUpload(a.library, hub.url, pdfBytes(64 * 1024));
    await enrolApproved(b.library, hub.url, hub.library, { name: 'Xã Bình Minh' });
    const stationB = await contractOf(b.library);
    enqueue(b.library.db, b.id);
    expect(await stationB.services.outbox.runOnce()).toMatchObject({ sent: 1 });
    const [fromB] = listModeration(hub.library).filter((item) => item.stationId === stationId(b.library));
    expect(listModeration(hub.library)).toHaveLength(2);
    expect(filesIn(hub.library)).toContain(unfinished);

    const revoked = await hubContract.call('stations.revoke', { stationId: idA });
    expect(revoked).toMatchObject({ ok: true, result: { station: { state: 'revoked', pendingUploads: 0 }, droppedUploads: 2 } });
    expect(listModeration(hub.library, 'all').map((item) => item.id)).toEqual([fromB.id]);
    expect(filesIn(hub.library)).toEqual([fromB.id, `${fromB.id}.json`].sort());
    const audited = hub.library.db.prepare(`SELECT action, username FROM audit_log WHERE action LIKE 'stations.%' ORDER BY id`).all();
    expect(audited).toEqual([
      { action: 'stations.approve', username: 'canbo' },
      { action: 'stations.revoke', username: 'canbo' },
    ]);
    expect(await hubContract.call('stations.approve', { stationId: idA })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'stations.notPending' } });

    // The revoked station: what it would send waits, saying why; it cannot enrol again under its id.
    const next = enqueue(a.library.db, await addDocument(a.library, pdfBytes(70 * 1024)));
    // Its first try is refused by the hub, which says why; from then on it waits without trying.
    expect(await station.services.outbox.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    expect(station.services.outbox.item(next.id)).toMatchObject({ state: 'failed', reason: { key: 'enrolment.revoked' } });
    expect(await station.services.outbox.runOnce()).toMatchObject({ sent: 0, failed: 0 });
    expect(await station.call('enrolment.get', {})).toMatchObject({ ok: true, result: { state: 'revoked', refusal: { key: 'hub.stationRevoked' } } });
    expect(await station.call('enrolment.request', { name: 'Xã An Bình', commune: 'Xã An Bình', province: 'Tỉnh Lâm Đồng' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', params: { status: 403, reason: { key: 'hub.stationRevoked' } } },
    });
    expect(listModeration(hub.library, 'all')).toHaveLength(1);
  });
});

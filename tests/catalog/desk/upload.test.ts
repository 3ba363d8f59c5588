/**
 * Importing a file chosen in a browser: its bytes go to the station over the contract's HTTP
 * routes in chunks that each fit the API's body bound, and the file is imported exactly as one on
 * this PC (the same batch, the same draft from its header). The bounds hold: a type or size the
 * import would not take is refused before any byte is sent; bytes out of order, more bytes than
 * announced, a finish before the end, an upload idle too long or left by a restart are refused or
 * dropped in words; a broken PDF is refused as the path import refuses it. The app's open dialog
 * is not offered over HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskUploads, MAX_OPEN_UPLOADS, UPLOAD_IDLE_MS } from '../../../catalog/desk/uploads.js';
import { MAX_API_BODY_BYTES } from '../../../catalog/http/server.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import type { Contract } from '../../../shared/contract.js';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/desk.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openDesk } from './helpers.js';

const DECREE = path.join(DEMO_DIR, 'nghi-dinh-so-158-2025-nd-cp-45240.pdf');

let station: RunningStation;
let cookie = '';
const bodies: number[] = [];

interface Answer<M extends keyof Contract> {
  status: number;
  body: { ok: boolean; result: Contract[M]['output']; error?: { code: string; key: string; message: string } };
}

async function api<M extends keyof Contract>(method: M, input: unknown = {}): Promise<Answer<M>> {
  const body = JSON.stringify(input);
  bodies.push(Buffer.byteLength(body));
  const response = await fetch(`${station.server.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body });
  cookie ||= response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: response.status, body: (await response.json()) as Answer<M>['body'] };
}

/** Sends a whole file as the desk's file input does; resolves with the upload's id. */
async function upload(name: string, bytes: Buffer): Promise<string> {
  const started = await api('desk.uploadStart', { name, size: bytes.byteLength });
  expect(started.body.ok, JSON.stringify(started.body.error)).toBe(true);
  const { uploadId } = started.body.result;
  for (let offset = 0; offset < bytes.byteLength; offset += UPLOAD_CHUNK_BYTES) {
    const chunk = await api('desk.uploadChunk', { uploadId, offset, data: bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64') });
    expect(chunk.body.result).toEqual({ received: Math.min(bytes.byteLength, offset + UPLOAD_CHUNK_BYTES) });
  }
  return uploadId;
}

describe('a file uploaded from a browser to import at the desk', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    station = await startStation({ libraryDir: tempDir('desk-upload-'), host: '127.0.0.1', port: 0, demo: false, rendererDir: tempDir('ui-') });
    expect((await api('auth.setup', { username: 'thuthu', displayName: 'Thủ thư xã', password: 'mat-khau-du-dai-1' })).body.ok).toBe(true);
  });
  afterAll(() => station?.close());

  it('arrives in chunks that fit the API’s body bound, and is imported as the same file on this PC would be', async () => {
    const bytes = fs.readFileSync(DECREE);
    bodies.length = 0;
    const uploadId = await upload('C:\\fakepath\\nghi-dinh-158.pdf', bytes);
    expect(bodies.length).toBeGreaterThan(bytes.byteLength / UPLOAD_CHUNK_BYTES);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(MAX_API_BODY_BYTES);
    const finished = await api('desk.uploadFinish', { uploadId });
    expect(finished.body.result).toMatchObject({ origin: 'file', file: { name: 'nghi-dinh-158.pdf', mediaType: 'application/pdf', size: bytes.byteLength }, hasText: true });
    const draft = (await api('desk.draft', { batchId: finished.body.result.id })).body.result;
    expect(draft).toMatchObject({ kind: 'legal', number: '158/2025/NĐ-CP', docType: 'Nghị định', issuer: 'Chính phủ' });

    const desk = station.services.desk;
    const byPath = await desk.importFile(DECREE);
    expect(await desk.draft(byPath.id)).toEqual(draft);
    expect(station.library.db.prepare('SELECT count(DISTINCT file_sha256) FROM desk_batches').pluck().get()).toBe(1);
    // The partial file became the batch's copy: nothing is left in the uploads folder.
    expect(fs.readdirSync(desk.uploads.dir)).toEqual([]);
    expect(station.library.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'desk.uploadFinish'`).pluck().get()).toBe(1);
  });

  it('refuses a file the import would not take before any byte is sent', async () => {
    expect((await api('desk.uploadStart', { name: 'ghi-chu.txt', size: 10 })).body.error).toMatchObject({ code: 'bad_request', key: 'desk.fileType' });
    const large = await api('desk.uploadStart', { name: 'sach-lon.pdf', size: MAX_UPLOAD_BYTES + 1 });
    expect(large.body.error).toMatchObject({ code: 'bad_request', key: 'desk.fileTooLarge', message: 'Tệp lớn quá: chỉ nhập được tệp đến 200 MB.' });
  });

  it('refuses bytes out of order, more than announced, a finish before the end, and an upload dropped', async () => {
    const bytes = Buffer.from('%PDF-1.4 a very small file');
    const { uploadId } = (await api('desk.uploadStart', { name: 'nho.pdf', size: bytes.byteLength })).body.result;
    expect((await api('desk.uploadFinish', { uploadId })).body.error).toMatchObject({ code: 'bad_request', key: 'desk.uploadIncomplete' });
    expect((await api('desk.uploadChunk', { uploadId, offset: 5, data: bytes.toString('base64') })).body.error).toMatchObject({ code: 'conflict', key: 'desk.uploadOutOfStep' });
    expect((await api('desk.uploadChunk', { uploadId, offset: 0, data: 'không phải base64!' })).body.error).toMatchObject({ code: 'invalid_input' });
    const tooLong = await api('desk.uploadChunk', { uploadId, offset: 0, data: Buffer.concat([bytes, Buffer.from('!')]).toString('base64') });
    expect(tooLong.body.error).toMatchObject({ code: 'bad_request', key: 'desk.uploadTooLong' });
    // Refused for good: the upload is gone.
    expect((await api('desk.uploadChunk', { uploadId, offset: 0, data: bytes.toString('base64') })).body.error).toMatchObject({ code: 'not_found', key: 'desk.uploadNotFound' });
    const cancelled = (await api('desk.uploadStart', { name: 'bo.pdf', size: 3 })).body.result.uploadId;
    expect((await api('desk.uploadCancel', { uploadId: cancelled })).body.result).toEqual({ cancelled: true });
    expect((await api('desk.uploadFinish', { uploadId: cancelled })).body.error).toMatchObject({ code: 'not_found', key: 'desk.uploadNotFound' });
  });

  it('refuses a broken PDF as the path import does, and keeps no batch of it', async () => {
    const before = station.services.desk.batches().length;
    const uploadId = await upload('van-ban.pdf', Buffer.from('this is not a PDF at all'));
    const refused = await api('desk.uploadFinish', { uploadId });
    expect(refused.body.error).toMatchObject({ code: 'bad_request', key: 'desk.fileRefused', message: 'Không nhập được tệp: Không phải tệp PDF: không phải PDF hay EPUB' });
    expect(station.services.desk.batches()).toHaveLength(before);
    expect(fs.readdirSync(station.services.desk.uploads.dir)).toEqual([]);
  });

  it('does not offer the app’s open dialog over HTTP', async () => {
    const answer = await api('desk.importChosen', {});
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({ code: 'unavailable', key: 'desk.chooseInApp' });
  });
});

describe('the desk’s open uploads', () => {
  it('keeps a few at once and drops one left idle', () => {
    let now = 0;
    const uploads = new DeskUploads(tempDir('desk-uploads-'), () => now);
    const first = uploads.start('a.pdf', 10).uploadId;
    for (let i = 1; i < MAX_OPEN_UPLOADS; i++) uploads.start(`b${i}.epub`, 10);
    expect(() => uploads.start('c.pdf', 10)).toThrow(expect.objectContaining({ code: 'conflict', ref: { key: 'desk.uploadsBusy' } }));
    now += UPLOAD_IDLE_MS / 2;
    uploads.append(first, 0, Buffer.from('%PDF'));
    now += UPLOAD_IDLE_MS / 2 + 1;
    // The others idled out; the one still moving stays.
    expect(uploads.start('c.pdf', 10).uploadId).toMatch(/^u[0-9a-f]{32}$/);
    expect(uploads.append(first, 4, Buffer.from('-1.4'))).toEqual({ received: 8 });
    expect(fs.readdirSync(uploads.dir)).toHaveLength(2);
  });

  it('are dropped by a restart (an upload cannot resume after one)', async () => {
    const first = await openDesk();
    const { uploadId } = first.desk.uploadStart('dang-gui.pdf', 100);
    first.desk.uploadChunk(uploadId, 0, Buffer.from('%PDF-1.4').toString('base64'));
    first.library.close();
    const again = await openDesk({}, first.dir);
    expect(fs.existsSync(again.desk.uploads.dir)).toBe(false);
    expect(() => again.desk.uploadChunk(uploadId, 8, 'AAAA')).toThrow(expect.objectContaining({ code: 'not_found' }));
    await again.desk.dispose();
  });
});

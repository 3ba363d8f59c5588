/**
 * The desk over the contract, as the UI uses it through HTTP: every desk method refuses an
 * anonymous caller; a signed-in staff member scans from the SANE test device (its configuration
 * passed to scanimage through SANE_CONFIG_DIR), edits, saves, and finds the document; audited
 * methods land in the audit log. A refusal reaches each caller in the caller's language only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import type { Contract } from '../../../shared/contract.js';
import type { Language } from '../../../shared/messages.js';
import { deskMethods } from '../../../shared/contract/desk.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { missingTools, SANE_CONFIG_DIR } from './helpers.js';

const skip = missingTools('scanimage');
let station: RunningStation;
let cookie = '';

const api = async <M extends keyof Contract>(method: M, body: unknown = {}, lang: Language = 'vi') => {
  const response = await fetch(`${station.server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': lang, ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0];
  return { status: response.status, body: (await response.json()) as { ok: boolean; result: Contract[M]['output']; error?: { code: string; message: string } } };
};

describe.skipIf(skip)('desk contract over HTTP', () => {
  beforeAll(async () => {
    process.env.SANE_CONFIG_DIR = SANE_CONFIG_DIR;
    station = await startStation({ libraryDir: tempDir('desk-http-'), host: '127.0.0.1', port: 0, demo: false, rendererDir: tempDir('ui-') });
  });
  afterAll(() => station?.close());

  it('refuses every desk method to an anonymous caller', async () => {
    for (const method of Object.keys(deskMethods) as (keyof typeof deskMethods)[]) {
      const answer = await api(method, {});
      expect(answer.status, method).toBe(403);
      expect(answer.body.error?.code, method).toBe('forbidden');
    }
    expect(station.library.db.prepare('SELECT count(*) FROM desk_batches').pluck().get()).toBe(0);
  });

  it('lets signed-in staff scan, edit, save and find a document', async () => {
    expect((await api('auth.setup', { username: 'canbo', displayName: 'Cán bộ xã', password: 'mat-khau-du-dai-1' })).body.ok).toBe(true);
    const { scanners } = (await api('desk.scanners')).body.result;
    expect(scanners.map((s) => s.id)).toContain('sane:test:0');
    const batch = (await api('desk.createBatch')).body.result;
    const job = await api('desk.scan', { batchId: batch.id, scanner: 'sane:test:0', source: 'feeder', pages: 3, resolution: 75 });
    expect(job.body.result).toMatchObject({ kind: 'scan', state: 'running' });
    await station.services.desk.idle(batch.id);
    const scanned = (await api('desk.batch', { batchId: batch.id })).body.result;
    expect(scanned.job).toMatchObject({ state: 'done', done: 3 });
    const [first, second] = scanned.pages;
    expect((await api('desk.movePage', { batchId: batch.id, pageId: second.id, to: 0 })).body.result.pages[0].id).toBe(second.id);
    expect((await api('desk.rotatePage', { batchId: batch.id, pageId: first.id, by: 45 })).body.error?.code).toBe('invalid_input');
    const saved = await api('desk.save', {
      batchId: batch.id,
      description: { kind: 'guide', title: 'Sổ tay tuyên truyền pháp luật xã Tân Lập', fields: ['Phổ biến pháp luật'] },
    });
    expect(saved.body).toMatchObject({ ok: true, result: { publicationId: expect.stringMatching(/^local-/), duplicates: { byNumber: [], byHash: [] } } });
    const found = await api('search', { q: 'so tay tuyen truyen Tan Lap' });
    expect(found.body.result.items[0].publication).toMatchObject({ id: saved.body.result.publicationId, available: true });
    const actions = station.library.db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all();
    expect(actions).toEqual(expect.arrayContaining(['desk.createBatch', 'desk.scan', 'desk.save']));
    expect((await api('desk.batches')).body.result).toEqual([]);
  });

  it('words a refused file in the language of each caller, never both', async () => {
    const file = path.join(tempDir('desk-http-file-'), 'van-ban.pdf');
    fs.writeFileSync(file, 'this is not a PDF at all');
    const vi = await api('desk.importFile', { path: file }, 'vi');
    const en = await api('desk.importFile', { path: file }, 'en');
    expect(vi.body.error).toMatchObject({ code: 'bad_request', message: 'Không nhập được tệp: Không phải tệp PDF: không phải PDF hay EPUB', key: 'desk.fileRefused' });
    expect(en.body.error).toMatchObject({ code: 'bad_request', message: 'The file cannot be imported: not a PDF: neither a PDF nor an EPUB', key: 'desk.fileRefused' });
    for (const answer of [vi, en]) expect(answer.body.error?.message).not.toContain(' / ');
    const missing = await api('desk.batch', { batchId: 'b-gone' }, 'en');
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: 'This batch of pages was not found. It may have been saved or discarded.' });
    expect((await api('desk.batches')).body.result).toEqual([]);
  });
});

/**
 * Issue 6, the hub's side: an approved upload enters the hub's library with its text read from
 * the PDF, the next publish carries it, and another station syncs and finds it, down to its
 * article; the station that sent it gets it back as the hub's; the moderation CLI; the contract's
 * access rules for the outbox and moderation methods.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { runModerate } from '../../../catalog/cli/moderate.js';
import { createHandlers } from '../../../catalog/engine.js';
import { storedText } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { approveUpload, listModeration } from '../../../catalog/hub/moderation.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { enqueue } from '../../../catalog/outbox/store.js';
import { getPublication } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import { createServices, disposeServices } from '../../../catalog/services.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { HttpSource } from '../../../catalog/sync/source.js';
import { addSource } from '../../../catalog/sync/sources.js';
import { callMethod } from '../../../shared/call.js';
import { contract } from '../../../shared/contract.js';
import { enrolApproved } from '../../helpers/enrolled-station.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { keys } from '../feed/fixtures.js';
import { pdfBytes, startHub, stationWith } from './fixtures.js';

async function sentUpload(bytes = pdfBytes(200 * 1024)) {
  const hub = await startHub();
  const station = await stationWith(bytes, { name: 'Xã Hòa Bình' });
  await enrolApproved(station.library, hub.url, hub.library, { name: 'Xã Hòa Bình' });
  const row = enqueue(station.library.db, station.id);
  const service = new OutboxService(station.library, { background: false, retryDelays: [0], backoffMs: () => 0 });
  onTestFinished(() => hub.close());
  onTestFinished(() => service.dispose());
  expect(await service.runOnce()).toMatchObject({ sent: 1 });
  const [upload] = listModeration(hub.library);
  return { hub, station, row, service, upload, bytes };
}

describe('moderation at the hub', () => {
  it('approve → publish → a second station syncs the document and finds it; the sender learns it was accepted and gets it back as the hub’s', async () => {
    const { hub, station, row, service, upload } = await sentUpload();
    const approved = await approveUpload(hub.library, upload.id, 'chuyen-vien');
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'chuyen-vien' });
    const published = getPublication(hub.library.db, station.id);
    expect(published).toMatchObject({ origin: 'national', title: `Công văn ${station.id}`, number: '12/UBND' });
    expect(published?.files[0]).toMatchObject({ sha256: station.sha256, state: 'present' });
    await expect(approveUpload(hub.library, upload.id, 'x')).rejects.toMatchObject({ code: 'conflict' });

    expect(await service.runOnce()).toMatchObject({ decided: 1 });
    expect(service.item(row.id)).toMatchObject({ state: 'accepted', reason: null });

    const key = keys();
    await publish(hub.library, { outDir: hub.feedDir, privateKey: key.privateKey });
    const second = await tempLibrary('outbox-second-');
    const source = addSource(second, { location: hub.url, publicKeys: [fs.readFileSync(key.publicKeyPath, 'utf8')] });
    expect(await syncOnce(second, source, new HttpSource(hub.url))).toMatchObject({ status: 'applied', added: 1 });
    expect(await downloadPending(second, new HttpSource(hub.url))).toMatchObject({ downloaded: 1 });
    expect(getPublication(second.db, station.id)?.files[0]).toMatchObject({ sha256: station.sha256, state: 'present' });
    const found = search(second.db, { q: 'Công văn', offset: 0, limit: 10, filters: {}, facets: false });
    expect(found.items.map((hit) => hit.publication.id)).toContain(station.id);

    // The sender syncs the same feed: its record is the hub's from now on (national, maintained
    // there, never sent upstream again), one row, not a duplicate.
    const own = addSource(station.library, { location: hub.url, publicKeys: [fs.readFileSync(key.publicKeyPath, 'utf8')] });
    expect(await syncOnce(station.library, own, new HttpSource(hub.url))).toMatchObject({ status: 'applied', added: 0, updated: 1, merged: 0 });
    expect(getPublication(station.library.db, station.id)?.origin).toBe('national');
    expect(station.library.db.prepare('SELECT count(*) FROM publications').pluck().get()).toBe(1);
  });

  it('an approved upload’s text is read at the hub and reaches every station searchable, with its articles', async () => {
    // A real gazette PDF with a text layer, as a librarian's searchable scan would be (a comment makes its bytes its own).
    const pdf = Buffer.concat([fs.readFileSync(path.join(DEMO_DIR, 'quyet-dinh-so-28-2021-qd-ttg-34546.pdf')), Buffer.from('\n%scan xa Hoa Binh\n')]);
    const { hub, station, upload } = await sentUpload(pdf);
    await approveUpload(hub.library, upload.id, 'chuyen-vien');
    const text = storedText(hub.library.db, station.id);
    expect(text?.text.text).toContain('Thời gian đóng bảo hiểm thất nghiệp dưới 12 tháng');
    expect(text?.sections.filter((s) => s.level === 'article').length).toBeGreaterThan(3);

    const key = keys();
    expect(await publish(hub.library, { outDir: hub.feedDir, privateKey: key.privateKey })).toMatchObject({ texts: 1 });
    const second = await tempLibrary('outbox-second-');
    const source = addSource(second, { location: hub.url, publicKeys: [fs.readFileSync(key.publicKeyPath, 'utf8')] });
    expect(await syncOnce(second, source, new HttpSource(hub.url))).toMatchObject({ added: 1, texts: 1 });
    const hit = search(second.db, { q: 'dong bao hiem that nghiep duoi 12 thang', offset: 0, limit: 5, filters: {}, facets: false }).items[0];
    expect(hit?.publication.id).toBe(station.id);
    expect(hit?.hits[0].label).toMatch(/^Điều \d+$/);
  });

  it('`bookshelf moderate` lists, rejects with a reason and approves; usage errors are clear', async () => {
    const { hub, service, row } = await sentUpload();
    const out: string[] = [];
    const write = (text: string) => void out.push(text);
    const flags = { libraryDir: hub.library.dir, all: false, usage: false, json: true };
    expect(await runModerate(flags, write)).toBe(0);
    const [listed] = JSON.parse(out.pop() as string) as { id: string; state: string }[];
    expect(listed.state).toBe('pending');
    await expect(runModerate({ ...flags, reject: listed.id }, write)).rejects.toThrow('--reason');
    expect(await runModerate({ ...flags, reject: listed.id, reason: 'Trùng với văn bản đã có' }, write)).toBe(0);
    expect(JSON.parse(out.pop() as string)).toMatchObject({ state: 'rejected', reason: 'Trùng với văn bản đã có' });
    await expect(runModerate({ ...flags, approve: listed.id }, write)).rejects.toThrow(/đã được duyệt hoặc từ chối/);
    expect(await runModerate({ ...flags, all: true, json: false }, write)).toBe(0);
    expect(out.pop()).toContain('rejected');
    expect(await service.runOnce()).toMatchObject({ decided: 1 });
    expect(service.item(row.id)).toMatchObject({ state: 'rejected', reason: { key: 'message.written', params: { text: 'Trùng với văn bản đã có' } } });
    expect(fs.existsSync(path.join(hub.library.dir, 'hub-uploads', listed.id))).toBe(false);
  });

  it('`bookshelf moderate --list` prints no terminal escape a station sent in a title or its name', async () => {
    const { hub } = await sentUpload();
    hub.library.db.prepare("UPDATE hub_uploads SET title = 'Sổ tay\u001b[2J\u001b[31m đỏ\u009b1m', station_name = 'Xã\u001b]0;pwned\u0007 Hoà Bình\u202e'").run();
    const out: string[] = [];
    expect(await runModerate({ libraryDir: hub.library.dir, all: true, usage: false, json: false }, (text) => void out.push(text))).toBe(0);
    const printed = out.join('');
    expect(printed).toContain('Sổ tay');
    expect(printed).toContain('Hoà Bình');
    // eslint-disable-next-line no-control-regex -- control characters are what must not be printed
    expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('refuses anonymous callers on librarian and official methods, and librarians on the official ones', async () => {
    const library = await tempLibrary('outbox-contract-');
    const services = createServices(library, { outbox: { background: false } });
    onTestFinished(() => disposeServices(services));
    const handlers = createHandlers(services);
    const staff = {
      librarian: await services.accounts.create({ username: 'thuthu', displayName: 'Thủ thư', role: 'librarian', password: 'mat-khau-dai-1' }),
      official: await services.accounts.create({ username: 'canbo', displayName: 'Cán bộ', role: 'official', password: 'mat-khau-dai-2' }),
    };
    const call = (name: string, input: unknown, role: 'anyone' | 'librarian' | 'official') =>
      callMethod(contract, handlers, name, input, { role, transport: 'http', lang: 'vi', user: role === 'anyone' ? null : { ...staff[role], role } }, vi.fn());
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    for (const [name, input] of [
      ['outbox.list', {}],
      ['outbox.enqueue', { publicationId: 'x' }],
      ['outbox.retry', { id: 1 }],
      ['outbox.remove', { id: 1 }],
      ['outbox.settings', {}],
      ['outbox.updateSettings', { hubUrl: null }],
      ['moderation.list', {}],
      ['moderation.approve', { id: '0123456789abcdef0123456789abcdef' }],
      ['moderation.reject', { id: '0123456789abcdef0123456789abcdef', reason: 'x' }],
      ['moderation.usage', {}],
    ] as const) {
      expect(await call(name, input, 'anyone')).toMatchObject(forbidden);
      if (name.startsWith('moderation.') || name.startsWith('outbox.settings') || name === 'outbox.updateSettings') {
        expect(await call(name, input, 'librarian')).toMatchObject(forbidden);
      }
    }
    expect(await call('outbox.list', {}, 'librarian')).toEqual({ ok: true, result: [] });
    expect(await call('outbox.enqueue', { publicationId: 'khong-co' }, 'librarian')).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('khong-co') } });
    expect(await call('outbox.updateSettings', { hubUrl: 'ftp://x' }, 'official')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('outbox.updateSettings', { hubUrl: 'https://hub.example.vn/feed' }, 'official')).toMatchObject({
      ok: true,
      result: { hubUrl: 'https://hub.example.vn/feed/', effectiveHubUrl: 'https://hub.example.vn/feed/' },
    });
    expect(await call('moderation.list', { state: 'all' }, 'official')).toEqual({ ok: true, result: [] });
  });
});

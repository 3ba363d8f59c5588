/**
 * Sync from the app (contract methods sync.*, catalog/sync/service.ts): officials add a source
 * with its key, start, watch progress, stop and resume, read the history in each language, and set
 * a schedule and a bandwidth cap; residents cannot call any of it. Real hub folders and a real
 * slow HTTP server on 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../../shared/call.js';
import type { Envelope } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { MessageRef } from '../../../shared/messages.js';
import { contract } from '../../../shared/contract.js';
import type { SyncProgressInfo, SyncStatus } from '../../../shared/sync-status.js';
import { createHandlers } from '../../../catalog/engine.js';
import { createServices } from '../../../catalog/services.js';
import { createHttpApp, listen } from '../../../catalog/http/server.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { publish } from '../../../catalog/feed/publish.js';
import { addDocument, copyFeed, hubWith, keys } from './fixtures.js';

const servers: http.Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** Serves a feed folder, files slowly (16 KB every 10 ms) and with Range; counts file bytes sent. */
async function slowFeedServer(feedDir: string) {
  const sent = { bytes: 0 };
  const server = http.createServer((request, response) => {
    const file = path.join(feedDir, ...decodeURIComponent(new URL(request.url!, 'http://x').pathname).slice(1).split('/'));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return void response.writeHead(404).end();
    const bytes = fs.readFileSync(file);
    if (!request.url!.startsWith('/files/')) return void response.writeHead(200).end(bytes);
    const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
    response.writeHead(start ? 206 : 200, { 'Content-Length': bytes.length - start, ...(start ? { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}) });
    let at = start;
    const timer = setInterval(() => {
      if (response.destroyed) return void clearInterval(timer);
      const chunk = bytes.subarray(at, at + 16 * 1024);
      at += chunk.length;
      sent.bytes += chunk.length;
      if (at >= bytes.length) {
        clearInterval(timer);
        response.end(chunk);
      } else response.write(chunk);
    }, 10);
    response.on('close', () => clearInterval(timer));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, sent };
}

async function station(options: ConstructorParameters<typeof SyncService>[1] = {}) {
  const library = await tempLibrary('service-station-');
  const services = createServices(library, { sync: { download: { baseDelayMs: 1 }, ...options } });
  const service = services.sync;
  const handlers = createHandlers(services);
  const call = async <T>(method: string, input: unknown, role: 'official' | 'anyone' = 'official') =>
    (await callMethod(contract, handlers, method, input, { role, transport: 'ipc', lang: 'vi' }, (error) => {
      throw error; // an internal error is a bug here
    })) as Envelope<T>;
  const result = async <T>(method: string, input: unknown = {}) => {
    const envelope = await call<T>(method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.result;
  };
  return { library, service, handlers, call, result };
}

const waitFor = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('sync from the app', () => {
  it('adds a source with its key, syncs in the background with progress, and records the run', async () => {
    const hub = await hubWith(['luat-1', 'luat-2', 'luat-3'], 40_000);
    const seen: SyncProgressInfo[] = [];
    const { library, service, result, call } = await station({ onChange: (status) => status.progress && seen.push(status.progress) });
    const pem = fs.readFileSync(hub.key.publicKeyPath, 'utf8');

    const refused = await call('sync.addSource', { location: hub.feedDir, publicKeys: [] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Nguồn mới cần khóa công khai tin cậy/); // the caller's language
    const badKey = await call('sync.addSource', { location: hub.feedDir, publicKeys: ['-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----'] });
    expect(!badKey.ok && badKey.error.message).toMatch(/không đọc được/);

    const source = await result<{ id: number; keyIds: string[]; location: string }>('sync.addSource', { location: hub.feedDir, label: 'Bộ Tư pháp', publicKeys: [pem] });
    expect(source).toMatchObject({ location: hub.feedDir, label: 'Bộ Tư pháp', lastSequence: null });
    expect(source.keyIds).toHaveLength(1);

    const started = await result<SyncStatus>('sync.start');
    expect(started).toMatchObject({ running: true, sourceId: source.id, trigger: 'manual' });
    const { run } = await service.start('manual').done; // the same run: one at a time
    expect(run).toMatchObject({ status: 'ok', trigger: 'manual', added: 3, files: 3, bytes: expect.any(Number), filesFailed: 0, message: null, sequence: 1 });
    expect(library.info()).toMatchObject({ publications: 3, filesPresent: 3, filesPending: 0 });

    // Progress went through the catalog, then the files, to their totals.
    expect(seen.some((p) => p.phase === 'pages' || p.phase === 'snapshot')).toBe(true);
    const last = seen.filter((p) => p.phase === 'files').at(-1)!;
    expect(last).toMatchObject({ filesDone: 3, filesTotal: 3, bytesDone: last.bytesTotal });

    const status = await result<SyncStatus>('sync.status');
    expect(status).toMatchObject({ running: false, progress: null, lastRun: { id: run.id, status: 'ok' } });
    const history = await result<{ total: number; items: { status: string }[] }>('sync.history');
    expect(history).toMatchObject({ total: 1, items: [{ status: 'ok' }] });
    const [listed] = await result<{ lastSyncAt: string | null; lastError: MessageRef | null; lastSequence: number }[]>('sync.sources');
    expect(listed).toMatchObject({ lastSequence: 1, lastError: null });
    expect(listed.lastSyncAt).not.toBeNull();

    // Nothing new: 'unchanged'.
    expect((await service.start('manual').done).run.status).toBe('unchanged');
    await service.dispose();
  });

  it('is for officials only, over IPC and over HTTP', async () => {
    const { library, service, handlers, call } = await station();
    for (const method of ['sync.sources', 'sync.status', 'sync.start', 'sync.stop', 'sync.history', 'sync.updateSettings']) {
      expect(await call(method, {}, 'anyone'), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const app = createHttpApp({ contract, handlers, files: async () => new Response(null, { status: 404 }), ui: async () => new Response(null, { status: 404 }), allowedHostnames: ['127.0.0.1'] });
    const server = await listen(app, '127.0.0.1', 0);
    const response = await fetch(`${server.url}/api/sync.start`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    expect(library.db.prepare('SELECT count(*) FROM sync_runs').pluck().get()).toBe(0);
    await server.close();
    await service.dispose();
  });

  it('stops mid-download keeping the partial file, and the next run resumes it', async () => {
    const hub = await hubWith(['luat-1'], 600_000);
    const { url, sent } = await slowFeedServer(hub.feedDir);
    const { library, service, result } = await station();
    await result('sync.addSource', { location: url, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    const { done } = service.start('manual');
    await waitFor(() => (service.status().progress?.bytesDone ?? 0) > 100_000);
    const stopping = await result<SyncStatus>('sync.stop');
    expect(stopping.stopping).toBe(true);
    const stopped = (await done).run;
    expect(stopped.status).toBe('stopped');
    expect(stopped.message).toEqual({ key: 'feed.stopped' });
    const partial = fs.readdirSync(path.join(library.dir, 'files', 'partial'));
    expect(partial).toHaveLength(1);
    const kept = fs.statSync(path.join(library.dir, 'files', 'partial', partial[0])).size;
    expect(kept).toBeGreaterThan(0);
    expect(library.info()).toMatchObject({ filesPresent: 0, filesPending: 1 });

    const before = sent.bytes;
    const resumed = (await service.start('manual').done).run;
    expect(resumed).toMatchObject({ status: 'ok', files: 1 });
    const size = (library.db.prepare('SELECT size FROM files').get() as { size: number }).size;
    expect(sent.bytes - before).toBe(size - kept);
    expect(library.info()).toMatchObject({ filesPresent: 1, filesPending: 0 });
    await service.dispose();
  });

  it("applies the officials' selection after the catalog and before any download", async () => {
    const hub = await tempLibrary('service-selection-hub-');
    await addDocument(hub, 'dat-1', 'Luật đất đai', '%PDF-1.4 dat', { fields: ['Đất đai'] });
    await addDocument(hub, 'thue-1', 'Luật thuế', '%PDF-1.4 thue', { fields: ['Thuế'] });
    const key = keys();
    const feedDir = path.join(tempDir('service-selection-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey });
    const { library, service, result } = await station();
    await result('sync.addSource', { location: feedDir, publicKeys: [fs.readFileSync(key.publicKeyPath, 'utf8')] });
    await result('sync.setSelection', { fields: ['Đất đai'], docTypes: null, kinds: null, maxBytes: null });
    const { run } = await service.start('manual').done;
    expect(run).toMatchObject({ status: 'ok', added: 2, files: 1 });
    const chosen = await result<{ selection: { fields: string[] }; counts: { keptFiles: number; presentFiles: number; excludedFiles: number } }>('sync.selection');
    expect(chosen).toMatchObject({ selection: { fields: ['Đất đai'] }, counts: { keptFiles: 1, presentFiles: 1, excludedFiles: 1 } });
    expect(library.info().publications).toBe(2); // metadata complete
    await service.dispose();
  });

  it('records a refused feed by reference, said in each language, and keeps the catalog', async () => {
    const hub = await hubWith(['luat-1']);
    const forged = copyFeed(hub.feedDir);
    const other = keys();
    const { library, service, result } = await station();
    await result('sync.addSource', { location: forged, publicKeys: [fs.readFileSync(other.publicKeyPath, 'utf8')] });
    const { run } = await service.start('manual').done;
    expect(run).toMatchObject({ status: 'refused', added: 0 });
    // Read back from the history as a reference, not as words…
    const [recorded] = (await result<{ items: { message: MessageRef | null }[] }>('sync.history')).items;
    expect(recorded.message).toEqual({ key: 'feed.refused', params: { code: 'unknown_key', reason: { key: 'feed.keyUntrusted', params: { keyId: expect.any(String) } } } });
    // …which each screen says in its own language only.
    expect(say('vi', recorded.message!)).toMatch(/^Từ chối nguồn cấp \(unknown_key\): Khóa ký không được tin cậy \([0-9a-f]{64}\)$/);
    expect(say('en', recorded.message!)).toMatch(/^Feed refused \(unknown_key\): The signing key is not trusted \([0-9a-f]{64}\)$/);
    expect(run.message).toEqual(recorded.message);
    expect((await result<{ lastError: MessageRef }[]>('sync.sources'))[0].lastError).toEqual(recorded.message);
    expect(library.info().publications).toBe(0);
    await service.dispose();
  });

  it('runs on the schedule, caps the bandwidth, and marks a run cut by a crash as interrupted', async () => {
    const hub = await hubWith(['luat-1', 'luat-2'], 150_000);
    const { library, service, result } = await station({ minuteMs: 20 });
    await result('sync.addSource', { location: hub.feedDir, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    const settings = await result('sync.updateSettings', { intervalMinutes: 5, maxBytesPerSecond: 200_000 });
    expect(settings).toEqual({ intervalMinutes: 5, maxBytesPerSecond: 200_000 });
    service.schedule();
    expect((await result<SyncStatus>('sync.status')).nextRunAt).not.toBeNull();
    const started = Date.now();
    await waitFor(() => service.status().lastRun?.status === 'ok');
    const run = service.history().items[0];
    expect(run).toMatchObject({ trigger: 'schedule', files: 2 });
    // ~300 KB at 200 KB/s with a small burst: well over a second.
    expect(Date.parse(run.finishedAt!) - Date.parse(run.startedAt)).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(await result('sync.updateSettings', { intervalMinutes: null })).toEqual({ intervalMinutes: null, maxBytesPerSecond: 200_000 });
    expect(service.status().nextRunAt).toBeNull();
    await service.dispose();

    library.db.prepare("INSERT INTO sync_runs (source_id, trigger, started_at, status) VALUES (1, 'manual', ?, 'running')").run(new Date().toISOString());
    const restarted = new SyncService(library);
    expect(restarted.history().items[0]).toMatchObject({ status: 'interrupted', message: { key: 'sync.interrupted' } });
  });
});

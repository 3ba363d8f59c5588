/**
 * Security.md case 25 and issue 6's restarts, with real processes killed by SIGKILL: the station
 * (`bookshelf outbox --send`) killed while a chunk at 40% is in flight resumes from the hub's
 * HEAD offset in a new process, with no second upload; the hub (`bookshelf serve --hub`) killed
 * mid-upload and started again on the same port keeps what it had, and the station resumes.
 */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listModeration } from '../../../catalog/hub/moderation.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { enqueue, getRow } from '../../../catalog/outbox/store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { offsetOf, pdfBytes, sha256, startHub, startProxy, stationWith } from './fixtures.js';
import { startCli } from '../../helpers/cli.js';
import { enrolApproved } from '../../helpers/enrolled-station.js';

const CHUNK = 64 * 1024;

function run(args: string[]): { child: ChildProcess; exit: Promise<number | null>; output: () => string; waitFor: (text: string) => Promise<void> } {
  const child = startCli(args);
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (data: Buffer) => {
    output += data.toString();
    for (const waiter of waiters.filter((w) => output.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    exit,
    output: () => output,
    waitFor: (text) => (output.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const uploadPosts = (log: { method: string; path: string }[]) => log.filter((r) => r.method === 'POST' && r.path.startsWith('/uploads'));

// Each test starts `bookshelf` (tsx) two or three times: generous on a slow shared CI machine.
describe('restarts in the middle of an upload', { timeout: 120_000 }, () => {
  it('case 25: the station killed at 40% resumes in a new process from the hub’s offset; same sha256, no duplicate upload', async () => {
    const hub = await startHub();
    const proxy = await startProxy(() => hub.url);
    const bytes = pdfBytes(10 * CHUNK);
    const station = await stationWith(bytes);
    await enrolApproved(station.library, proxy.url, hub.library);
    const row = enqueue(station.library.db, station.id);
    onTestFinished(() => hub.close());
    onTestFinished(() => proxy.close());

    proxy.setRule((request) => (request.method === 'PATCH' && offsetOf(request) === 4 * CHUNK ? { kind: 'hold' } : { kind: 'forward' }));
    const held = proxy.nextHold();
    const first = run(['outbox', '--send', '--chunk-kb', '64', '--library', station.library.dir]);
    await held;
    first.child.kill('SIGKILL');
    await first.exit;
    proxy.release();
    const killed = getRow(station.library.db, row.id);
    expect(killed).toMatchObject({ state: 'sending', bytes_sent: 4 * CHUNK });

    proxy.setRule(() => ({ kind: 'forward' }));
    const before = proxy.log.length;
    const second = run(['outbox', '--send', '--chunk-kb', '64', '--json', '--library', station.library.dir]);
    expect(await second.exit).toBe(0);
    const after = proxy.log.slice(before);
    expect(after.filter((r) => r.method === 'PATCH').map((r) => r.bytes).reduce((a, b) => a + b, 0)).toBe(6 * CHUNK);
    expect(after.find((r) => r.method === 'PATCH')).toMatchObject({ status: 204 });
    expect(uploadPosts(proxy.log)).toHaveLength(1);
    expect(getRow(station.library.db, row.id)).toMatchObject({ state: 'sent', upload_url: killed?.upload_url });
    expect(listModeration(hub.library).map((item) => item.sha256)).toEqual([sha256(bytes)]);
  });

  it('the hub killed mid-upload and started again on the same port keeps the bytes it had; the station resumes there', async () => {
    const port = await freePort();
    const hubDir = tempDir('outbox-hub-');
    const feedDir = tempDir('outbox-feed-');
    const hubArgs = ['serve', '--hub', '--feed', feedDir, '--library', hubDir, '--port', String(port), '--no-open'];
    let hub = run(hubArgs);
    await hub.waitFor('/uploads/');
    const proxy = await startProxy(() => `http://127.0.0.1:${port}/`);
    const bytes = pdfBytes(10 * CHUNK);
    const station = await stationWith(bytes);
    // The hub's library is held by its process: its official approves the station there.
    await enrolApproved(station.library, proxy.url, hubDir);
    const row = enqueue(station.library.db, station.id);
    const service = new OutboxService(station.library, { background: false, chunkSize: CHUNK, retryDelays: [0, 0], backoffMs: () => 0 });
    onTestFinished(() => proxy.close());
    onTestFinished(() => service.dispose());

    proxy.setRule((request) => (request.method === 'PATCH' && offsetOf(request) === 4 * CHUNK ? { kind: 'hold' } : { kind: 'forward' }));
    const held = proxy.nextHold();
    const first = service.runOnce();
    await held;
    hub.child.kill('SIGKILL');
    await hub.exit;
    proxy.setRule(() => ({ kind: 'forward' }));
    proxy.release();
    expect(await first).toMatchObject({ sent: 0, failed: 1 });
    expect(service.item(row.id)).toMatchObject({ state: 'failed', bytesSent: 4 * CHUNK });

    hub = run(hubArgs);
    await hub.waitFor('/uploads/');
    const before = proxy.log.length;
    expect(await service.runOnce()).toMatchObject({ sent: 1 });
    const after = proxy.log.slice(before);
    expect(after.filter((r) => r.method === 'PATCH').reduce((sum, r) => sum + r.bytes, 0)).toBe(6 * CHUNK);
    expect(uploadPosts(proxy.log)).toHaveLength(1);
    hub.child.kill('SIGTERM');
    await hub.exit;
    const hubLibrary = await openTestLibrary(hubDir);
    expect(listModeration(hubLibrary).map((item) => item.sha256)).toEqual([sha256(bytes)]);
  });
});

/**
 * Security.md case 25 and issue 6's restarts, with real processes killed by SIGKILL: the station
 * (`bookshelf outbox --send`) killed while a chunk at 40% is in flight resumes from the hub's
 * HEAD offset in a new process, with no second upload; the hub (`bookshelf serve --hub`) killed
 * mid-upload and started again at the same address keeps what it had, and the station resumes.
 * Every port is one the OS gave and its holder keeps; every wait has a time limit that says what
 * did not happen.
 */
import type { ChildProcess } from 'node:child_process';
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
/** Starting `bookshelf` (tsx) and getting an answer from it, on a slow shared machine. */
const START_MS = 60_000;

/** `promise`, or a failure saying `what` did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** `bookshelf args…` as a child process: its exit and what it prints, each awaited within START_MS. */
function run(args: string[]): { child: ChildProcess; exit: () => Promise<number | null>; waitFor: (pattern: RegExp) => Promise<RegExpMatchArray> } {
  const child = startCli(args);
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const onData = (data: Buffer) => {
    output += data.toString();
    for (const waiter of [...waiters]) {
      const match = output.match(waiter.pattern);
      if (!match) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(match);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const said = (what: string) => `bookshelf ${args[0]} ${what} (its output: ${JSON.stringify(output.slice(-2_000))})`;
  return {
    child,
    exit: () => within(exited, START_MS, said('did not exit')),
    waitFor: (pattern) => {
      const match = output.match(pattern);
      return match ? Promise.resolve(match) : within(new Promise((resolve) => waiters.push({ pattern, resolve })), START_MS, said(`did not print ${pattern}`));
    },
  };
}

/** The address a hub started with `--port 0` says it receives uploads at. */
const UPLOADS_AT = /(http:\/\/127\.0\.0\.1:\d+\/)uploads\//;

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
    await within(held, START_MS, 'the station never sent the chunk at 40%');
    first.child.kill('SIGKILL');
    await first.exit();
    proxy.release();
    const killed = getRow(station.library.db, row.id);
    expect(killed).toMatchObject({ state: 'sending', bytes_sent: 4 * CHUNK });

    proxy.setRule(() => ({ kind: 'forward' }));
    const before = proxy.log.length;
    const second = run(['outbox', '--send', '--chunk-kb', '64', '--json', '--library', station.library.dir]);
    expect(await second.exit()).toBe(0);
    const after = proxy.log.slice(before);
    expect(after.filter((r) => r.method === 'PATCH').map((r) => r.bytes).reduce((a, b) => a + b, 0)).toBe(6 * CHUNK);
    expect(after.find((r) => r.method === 'PATCH')).toMatchObject({ status: 204 });
    expect(uploadPosts(proxy.log)).toHaveLength(1);
    expect(getRow(station.library.db, row.id)).toMatchObject({ state: 'sent', upload_url: killed?.upload_url });
    expect(listModeration(hub.library).map((item) => item.sha256)).toEqual([sha256(bytes)]);
  });

  it('the hub killed mid-upload and started again at the same address keeps the bytes it had; the station resumes there', async () => {
    const hubDir = tempDir('outbox-hub-');
    const feedDir = tempDir('outbox-feed-');
    // The hub takes a port from the OS each time it starts (--port 0) and says which; the station
    // knows the hub by the proxy's address, which this process holds throughout, so the hub
    // comes back at the same address without a port being released and taken again.
    const hubArgs = ['serve', '--hub', '--feed', feedDir, '--library', hubDir, '--port', '0', '--no-open'];
    let hub = run(hubArgs);
    let hubUrl = (await hub.waitFor(UPLOADS_AT))[1];
    const proxy = await startProxy(() => hubUrl);
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
    await within(held, START_MS, 'the station never sent the chunk at 40%');
    hub.child.kill('SIGKILL');
    await hub.exit();
    proxy.setRule(() => ({ kind: 'forward' }));
    proxy.release();
    expect(await within(first, START_MS, 'the send cut by the hub’s death did not end')).toMatchObject({ sent: 0, failed: 1 });
    expect(service.item(row.id)).toMatchObject({ state: 'failed', bytesSent: 4 * CHUNK });

    hub = run(hubArgs);
    hubUrl = (await hub.waitFor(UPLOADS_AT))[1];
    const before = proxy.log.length;
    expect(await within(service.runOnce(), START_MS, 'the resumed send did not end')).toMatchObject({ sent: 1 });
    const after = proxy.log.slice(before);
    expect(after.filter((r) => r.method === 'PATCH').reduce((sum, r) => sum + r.bytes, 0)).toBe(6 * CHUNK);
    expect(uploadPosts(proxy.log)).toHaveLength(1);
    hub.child.kill('SIGTERM');
    await hub.exit();
    const hubLibrary = await openTestLibrary(hubDir);
    expect(listModeration(hubLibrary).map((item) => item.sha256)).toEqual([sha256(bytes)]);
  });
});

/**
 * Resuming a cut download exactly (issue 20): every byte a station received before a cut is in
 * its .part, so the next Range request asks from there and nothing is fetched twice beyond one
 * chunk (64 KiB) per cut. A real HTTP server on 127.0.0.1 serves a 4 MiB file and cuts the
 * connection at eight seeded offsets (some mid-chunk, some exactly on a chunk boundary); the
 * station writes over a slow disk, so its body is paused, with bytes in hand, when the cut comes.
 * The same for a cut followed by kill -9 of the downloading process before its retry. The file
 * stored at the end has the right sha256; so has a snapshot staged across cuts.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadPending } from '../../../catalog/sync/download.js';
import { HttpSource } from '../../../catalog/sync/source.js';
import { stage } from '../../../catalog/sync/stage.js';
import { cuttingServer } from '../../helpers/cutting-server.js';
import type { CuttingServer } from '../../helpers/cutting-server.js';
import { slowDisk, stationWithPending } from '../../helpers/pending-files.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { prng } from './fixtures.js';

const CHUNK = 64 * 1024;
const SIZE = 4 * 1024 * 1024 + 12_345;
const SEED = Number(process.env.RESUME_TEST_SEED ?? 20_261_207);
const CHILD = fileURLToPath(new URL('../../fixtures/sync/download-child.mjs', import.meta.url));

const bytes = randomBytes(SIZE);
const sha256 = createHash('sha256').update(bytes).digest('hex');

/** Eight ascending cut offsets in a file of `size`: five seeded anywhere (mid-chunk), three exactly on chunk boundaries. */
function cutOffsets(random: () => number, size = SIZE): number[] {
  const cuts = new Set<number>();
  while (cuts.size < 5) cuts.add(1 + Math.floor(random() * (size - 2)));
  while (cuts.size < 8) cuts.add(CHUNK * (1 + Math.floor(random() * (Math.floor(size / CHUNK) - 1))));
  return [...cuts].sort((a, b) => a - b);
}

/** What each resume fetched again: the bytes sent before cut i that request i + 1 asked for once more. */
const refetchedPerCut = (server: CuttingServer, cuts: number[]) => cuts.map((cut, i) => cut - server.log.starts[i + 1]);

const servers: CuttingServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('resuming a cut download', () => {
  it(`fetches at most one chunk again per cut, at 8 seeded offsets (seed ${SEED}), and stores the right file`, async () => {
    const cuts = cutOffsets(prng(SEED));
    expect(cuts.filter((cut) => cut % CHUNK === 0).length).toBeGreaterThanOrEqual(3);
    expect(cuts.filter((cut) => cut % CHUNK !== 0).length).toBeGreaterThanOrEqual(3);
    const server = await cuttingServer(bytes, cuts);
    servers.push(server);
    const station = await stationWithPending(path.join(tempDir('resume-'), 'library'), [{ sha256, size: SIZE }]);
    const part = path.join(station.layout.partial, `${sha256}.part`);
    for (const cut of cuts) {
      const run = await downloadPending(station, new HttpSource(server.url), { attempts: 1, createWriteStream: slowDisk(2) });
      expect(run.downloaded).toBe(0);
      expect(fs.statSync(part).size).toBe(cut); // every byte sent before the cut is in the .part
    }
    const last = await downloadPending(station, new HttpSource(server.url), { createWriteStream: slowDisk(2) });
    expect(last.downloaded).toBe(1);
    station.close();

    expect(server.log.starts).toHaveLength(cuts.length + 1);
    for (const refetched of refetchedPerCut(server, cuts)) expect(refetched).toBeLessThanOrEqual(CHUNK);
    expect(server.log.sent - SIZE).toBeLessThanOrEqual(CHUNK * cuts.length);
    const stored = fs.readFileSync(station.files.pathOf(sha256));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256);
    expect(fs.existsSync(part)).toBe(false);
  });

  it('after a cut and kill -9 of the downloading process, a new process fetches at most one chunk again', async () => {
    const cut = 1_000_000 + Math.floor(prng(SEED + 1)() * 2_000_000);
    const server = await cuttingServer(bytes, [cut]);
    servers.push(server);
    const dir = path.join(tempDir('resume-kill-'), 'library');
    (await stationWithPending(dir, [{ sha256, size: SIZE }])).close();

    // The child downloads, is cut, and is killed while it waits to retry.
    const child = spawn(process.execPath, [CHILD, dir, server.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => text.includes('waiting') && resolve());
      child.once('exit', (code) => reject(new Error(`the download child exited (${code}) before it was cut`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const station = await stationWithPending(dir, []);
    const run = await downloadPending(station, new HttpSource(server.url));
    expect(run.downloaded).toBe(1);
    const stored = fs.readFileSync(station.files.pathOf(sha256));
    station.close();
    expect(server.log.starts).toHaveLength(2);
    expect(cut - server.log.starts[1]).toBeLessThanOrEqual(CHUNK);
    expect(cut - server.log.starts[1]).toBeGreaterThanOrEqual(0);
    expect(server.log.sent - SIZE).toBeLessThanOrEqual(CHUNK);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256);
  });

  it('a snapshot staged across cuts resumes from every byte received, and is the signed one', async () => {
    // Larger than a page (8 MiB), so it streams to a .part instead of being read whole.
    const snapshot = randomBytes(9 * 1024 * 1024 + 777);
    const digest = createHash('sha256').update(snapshot).digest('hex');
    const cuts = cutOffsets(prng(SEED + 2), snapshot.length).filter((_, i) => i % 3 === 0);
    const server = await cuttingServer(snapshot, cuts);
    servers.push(server);
    const cacheDir = tempDir('resume-stage-');
    const ref = { path: `snapshots/${digest}.jsonl`, sha256: digest, size: snapshot.length };
    const source = new HttpSource(server.url);
    for (const cut of cuts) {
      await expect(stage(source, cacheDir, ref, 'bad_snapshot', slowDisk(2))).rejects.toThrow();
      expect(fs.statSync(path.join(cacheDir, 'snapshots', `${digest}.jsonl.part`)).size).toBe(cut);
    }
    const file = await stage(source, cacheDir, ref, 'bad_snapshot', slowDisk(2));
    for (const refetched of refetchedPerCut(server, cuts)) expect(refetched).toBeLessThanOrEqual(CHUNK);
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(digest);
  });
});

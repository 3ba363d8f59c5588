/**
 * Sync download benchmark (part of `npm run bench`): a feed folder of 40 files of random bytes
 * (BENCH_SYNC_MB in all, 200 by default) served by `bookshelf serve --hub` in its own process
 * on 127.0.0.1, fetched by `downloadPending` (concurrency 2, into a fresh station library:
 * written, hashed, fsynced, renamed, marked present) and, as the baseline in the same run, by
 * curl with the same concurrency. Second figure: the bytes fetched again after a cut — a
 * node:http server with Range support cuts the connection part-way through a large file on
 * the first request; a second run finishes it; everything sent beyond the file's size was
 * fetched twice.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../catalog/library.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { downloadPending } from '../../catalog/sync/download.js';
import { HttpSource } from '../../catalog/sync/source.js';

const FILES = 40;
const ROUNDS = 2;
const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

export interface SyncDownloadBench {
  rows: [string, string, string][];
  json: Record<string, unknown>;
}

interface FeedFile {
  sha256: string;
  size: number;
  feedPath: string;
}

/** Writes `count` files of random bytes, `total` bytes in all, in a feed's `files/xx/<sha256>` layout. */
function writeFeed(feedDir: string, count: number, total: number): FeedFile[] {
  const files: FeedFile[] = [];
  for (let i = 0; i < count; i += 1) {
    const bytes = randomBytes(Math.floor(total / count) + (i < total % count ? 1 : 0));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const feedPath = `files/${sha256.slice(0, 2)}/${sha256}`;
    fs.mkdirSync(path.join(feedDir, 'files', sha256.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(feedDir, feedPath), bytes);
    files.push({ sha256, size: bytes.length, feedPath });
  }
  return files;
}

/** A fresh station library with `files` registered as pending downloads. */
async function stationWith(dir: string, files: FeedFile[]): Promise<Library> {
  const library = await Library.open(dir);
  const insert = library.db.prepare("INSERT INTO files (sha256, size, media_type, state, created_at) VALUES (?, ?, 'application/pdf', 'pending', ?)");
  library.db.transaction(() => {
    for (const file of files) insert.run(file.sha256, file.size, new Date().toISOString());
  })();
  return library;
}

/** `bookshelf serve --hub --feed DIR` in a child process; resolves with its URL and a way to stop it. */
async function startHub(feedDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/bookshelf.mjs'), 'serve', '--hub', '--feed', feedDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      out += text;
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/root\.json/.exec(out);
      if (match) resolve(`${match[1]}/`);
    });
    child.once('exit', (code) => reject(new Error(`Máy chủ nguồn cấp đã dừng / The hub server exited (${code}): ${out}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function curlVersion(): string | null {
  try {
    return execFileSync('curl', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return null;
  }
}

/** curl fetching every file into `dir`, two transfers at a time; resolves with the seconds it took. */
async function curlAll(url: string, files: FeedFile[], dir: string): Promise<number> {
  const args = ['--silent', '--show-error', '--no-progress-meter', '--fail', '--parallel', '--parallel-max', '2'];
  for (const file of files) args.push('-o', path.join(dir, file.sha256), `${url}${file.feedPath}`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited with ${code}`))));
  });
  return (performance.now() - started) / 1000;
}

/**
 * A server for one file, with Range support, that cuts the connection after `cutAfter` bytes of
 * the first request; counts the body bytes it sends.
 */
async function cuttingServer(file: string, cutAfter: number) {
  const bytes = fs.readFileSync(file);
  const log = { requests: 0, sent: 0, ranges: [] as (string | undefined)[] };
  const server = http.createServer((req, res) => {
    log.requests += 1;
    log.ranges.push(req.headers.range);
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const partial = start > 0;
    res.writeHead(partial ? 206 : 200, {
      'Content-Length': bytes.length - start,
      ...(partial ? { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
    });
    if (log.requests === 1) {
      log.sent += cutAfter;
      res.write(bytes.subarray(0, cutAfter), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    log.sent += bytes.length - start;
    res.end(bytes.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, log, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const mbps = (bytes: number, seconds: number) => bytes / MiB / seconds;

export async function benchSyncDownload(megabytes: number): Promise<SyncDownloadBench> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-sync-'));
  try {
    const feedDir = path.join(root, 'feed');
    const files = writeFeed(feedDir, FILES, Math.round(megabytes * MiB));
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const hub = await startHub(feedDir);
    const curl = curlVersion();
    if (!curl) console.log('⚠ Mốc so sánh curl bị bỏ qua: chưa cài curl / curl baseline skipped: install the Debian package `curl`');
    const ours: number[] = [];
    const theirs: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        if (curl) {
          const dir = fs.mkdtempSync(path.join(root, 'curl-'));
          theirs.push(await curlAll(hub.url, files, dir));
          fs.rmSync(dir, { recursive: true, force: true });
        }
        const dir = path.join(root, `station-${round}`);
        const station = await stationWith(dir, files);
        const started = performance.now();
        const result = await downloadPending(station, new HttpSource(hub.url), { concurrency: 2 });
        ours.push((performance.now() - started) / 1000);
        station.close();
        if (result.downloaded !== files.length) throw new Error(`downloadPending: ${result.downloaded} of ${files.length} (${JSON.stringify(result.failed[0])})`);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await hub.stop();
    }
    const oursBest = mbps(total, Math.min(...ours));
    const curlBest = theirs.length ? mbps(total, Math.min(...theirs)) : null;
    const ratio = curlBest ? oursBest / curlBest : null;

    // The bytes fetched twice after a cut, on the largest file there is (at least 1 MiB).
    const big = path.join(root, 'big');
    const bigSize = Math.max(MiB, Math.min(total, 64 * MiB));
    fs.writeFileSync(big, randomBytes(bigSize));
    const sha256 = createHash('sha256').update(fs.readFileSync(big)).digest('hex');
    const cutAfter = Math.floor(bigSize * 0.4) + 12_345;
    const server = await cuttingServer(big, cutAfter);
    const stationDir = path.join(root, 'station-cut');
    const station = await stationWith(stationDir, [{ sha256, size: bigSize, feedPath: '' }]);
    const first = await downloadPending(station, new HttpSource(server.url), { attempts: 1 });
    const kept = fs.statSync(path.join(station.layout.partial, `${sha256}.part`)).size;
    const second = await downloadPending(station, new HttpSource(server.url));
    station.close();
    await server.close();
    if (first.downloaded !== 0 || second.downloaded !== 1) throw new Error(`cut run: ${JSON.stringify({ first, second })}`);
    const refetched = server.log.sent - bigSize;

    const rows: [string, string, string][] = [
      [
        `sync download, ${FILES} files, ${(total / MiB).toFixed(0)} MiB, concurrency 2`,
        `${oursBest.toFixed(0)} MiB/s (best of ${ROUNDS}: ${ours.map((s) => s.toFixed(2)).join(', ')} s)`,
        curlBest
          ? `curl --parallel-max 2: ${curlBest.toFixed(0)} MiB/s (${theirs.map((s) => s.toFixed(2)).join(', ')} s), ratio ${ratio!.toFixed(2)}× (target ≥ 0.9×)`
          : 'curl missing (Debian package `curl`): skipped',
      ],
      [
        `bytes fetched again after a cut at ${cutAfter} of ${bigSize}`,
        `${refetched} bytes (.part kept: ${kept}, resumed with ${server.log.ranges[1] ?? 'no Range'})`,
        `one chunk: ${CHUNK} bytes (target ≤ one chunk)`,
      ],
    ];
    const json = {
      files: FILES,
      bytes: total,
      concurrency: 2,
      downloadSeconds: ours,
      downloadMiBps: oursBest,
      curl,
      curlSeconds: theirs,
      curlMiBps: curlBest,
      ratio,
      cut: { fileBytes: bigSize, cutAfter, kept, sentInAll: server.log.sent, refetched, ranges: server.log.ranges },
    };
    return { rows, json };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

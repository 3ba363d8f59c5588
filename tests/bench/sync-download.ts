/**
 * Sync download benchmark (part of `npm run bench`): a feed folder of 40 files of random bytes
 * (BENCH_SYNC_MB in all, 200 by default) served by `bookshelf serve --hub` in its own process
 * on 127.0.0.1, fetched by `downloadPending` (concurrency 2, into a fresh station library:
 * written, hashed, fsynced, renamed, marked present) and, as the baseline in the same run, by
 * curl with the same concurrency into the same disk, in alternating rounds (BENCH_SYNC_ROUNDS, 3
 * by default, curl first in even rounds, downloadPending first in odd ones; best and median).
 * curl leaves its files in the page cache (they are deleted before they reach the disk) while
 * downloadPending makes each one durable, so curl is also timed with an fsync of each of its
 * files and their folder afterwards (the same durability), printed beside. Second figure: the same over a 10 MB/s link — a throttling TCP proxy in a child
 * process on 127.0.0.1 (this module run as a script) shapes everything the hub sends to one
 * shared 10 MB/s, so both clients are link-bound and the ratio says whether the downloader keeps
 * a real link busy. Third: the bytes fetched again after a cut — a node:http server with Range
 * support (tests/helpers/cutting-server.ts) cuts the connection part-way through a large file on
 * the first request; a second run finishes it; everything sent beyond the file's size was
 * fetched twice (the target: at most one chunk, 64 KiB).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadPending } from '../../catalog/sync/download.js';
import { HttpSource } from '../../catalog/sync/source.js';
import { TokenBucket } from '../../catalog/sync/throttle.js';
import { BOOKSHELF_BIN } from '../helpers/cli.js';
import { cuttingServer } from '../helpers/cutting-server.js';
import { stationWithPending } from '../helpers/pending-files.js';

const FILES = 40;
const ROUNDS = Math.max(1, Number(process.env.BENCH_SYNC_ROUNDS ?? 3));
const MiB = 1024 * 1024;
/** The link of the second figure, in bytes per second, and about how much is fetched over it. */
const LINK = 10_000_000;
const LINK_BYTES = 30 * MiB;
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

/** A child process that prints `http://127.0.0.1:PORT/…` once it listens; resolves with that URL and a way to stop it. */
async function startChild(args: string[], url: RegExp): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const found = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      out += text;
      const match = url.exec(out);
      if (match) resolve(`${match[1]}/`);
    });
    child.once('exit', (code) => reject(new Error(`Tiến trình con đã dừng / The child process exited (${code}): ${out}`)));
  });
  return {
    url: found,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `bookshelf serve --hub --feed DIR` in a child process. */
const startHub = (feedDir: string) =>
  startChild([BOOKSHELF_BIN, 'serve', '--hub', '--feed', feedDir, '--port', '0'], /(http:\/\/127\.0\.0\.1:\d+)\/root\.json/);

/** This module run as a script: a throttling proxy in front of `target`, in its own process. */
const startLink = (target: string, bytesPerSecond: number) =>
  startChild(['--import', 'tsx', fileURLToPath(import.meta.url), 'link', target, String(bytesPerSecond)], /(http:\/\/127\.0\.0\.1:\d+)/);

/**
 * A TCP proxy on 127.0.0.1 to `target` whose downstream is one link of `bytesPerSecond`, shared
 * by all its connections (a token bucket); requests go upstream unshaped. Prints its URL.
 */
async function runLink(target: URL, bytesPerSecond: number): Promise<void> {
  const bucket = new TokenBucket(bytesPerSecond);
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause();
      void bucket.take(chunk.length).then(() => {
        if (client.write(chunk)) upstream.resume();
        else client.once('drain', () => upstream.resume());
      });
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

function curlVersion(): string | null {
  try {
    return execFileSync('curl', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return null;
  }
}

/** fsyncs each of `files` and then `dir`. */
async function fsyncAll(files: string[], dir: string): Promise<void> {
  for (const file of [...files, dir]) {
    const handle = await fs.promises.open(file, 'r');
    await handle.sync();
    await handle.close();
  }
}

/** curl fetching every file into `dir`, two transfers at a time; resolves with the seconds it took, and with an fsync of its files after. */
async function curlAll(url: string, files: FeedFile[], dir: string): Promise<{ seconds: number; durable: number }> {
  const args = ['--silent', '--show-error', '--no-progress-meter', '--fail', '--parallel', '--parallel-max', '2'];
  for (const file of files) args.push('-o', path.join(dir, file.sha256), `${url}${file.feedPath}`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited with ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  await fsyncAll(files.map((file) => path.join(dir, file.sha256)), dir);
  return { seconds, durable: (performance.now() - started) / 1000 };
}

const mbps = (bytes: number, seconds: number) => bytes / MiB / seconds;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface Rounds {
  /** Seconds per round: downloadPending's, curl's, and curl's with the fsyncs after. */
  ours: number[];
  theirs: number[];
  theirsDurable: number[];
}

/** `count` rounds from `url` of curl and of downloadPending into a fresh station, which goes first alternating. */
async function rounds(root: string, url: string, files: FeedFile[], withCurl: boolean, count: number): Promise<Rounds> {
  const all: Rounds = { ours: [], theirs: [], theirsDurable: [] };
  const curlRound = async () => {
    const dir = fs.mkdtempSync(path.join(root, 'curl-'));
    const { seconds, durable } = await curlAll(url, files, dir);
    all.theirs.push(seconds);
    all.theirsDurable.push(durable);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const ourRound = async () => {
    const dir = fs.mkdtempSync(path.join(root, 'station-'));
    const station = await stationWithPending(dir, files);
    const started = performance.now();
    const result = await downloadPending(station, new HttpSource(url), { concurrency: 2 });
    all.ours.push((performance.now() - started) / 1000);
    station.close();
    if (result.downloaded !== files.length) throw new Error(`downloadPending: ${result.downloaded} of ${files.length} (${JSON.stringify(result.failed[0])})`);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let round = 0; round < count; round += 1) {
    if (withCurl && round % 2 === 0) await curlRound();
    await ourRound();
    if (withCurl && round % 2 === 1) await curlRound();
  }
  return all;
}

/** MiB/s, best and median, of `theirs` and the ratios of `ours` to them (best to best, median to median). */
function against(ours: number[], theirs: number[], bytes: number) {
  const best = mbps(bytes, Math.min(...theirs));
  const middle = mbps(bytes, median(theirs));
  return { best, median: middle, ratioBest: mbps(bytes, Math.min(...ours)) / best, ratioMedian: mbps(bytes, median(ours)) / middle };
}

/** MiB/s, best and median, and the ratios to curl's and to curl's with the fsyncs after. */
function figures({ ours, theirs, theirsDurable }: Rounds, bytes: number) {
  const oursBest = mbps(bytes, Math.min(...ours));
  const oursMedian = mbps(bytes, median(ours));
  if (!theirs.length) return { oursBest, oursMedian, curl: null, curlDurable: null };
  return { oursBest, oursMedian, curl: against(ours, theirs, bytes), curlDurable: against(ours, theirsDurable, bytes) };
}

export async function benchSyncDownload(megabytes: number): Promise<SyncDownloadBench> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-sync-'));
  try {
    const feedDir = path.join(root, 'feed');
    const files = writeFeed(feedDir, FILES, Math.round(megabytes * MiB));
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const hub = await startHub(feedDir);
    const curl = curlVersion();
    if (!curl) console.log('⚠ Mốc so sánh curl bị bỏ qua: chưa cài curl / curl baseline skipped: install the Debian package `curl`');
    const linkFiles: FeedFile[] = [];
    for (const file of files) if (linkFiles.length < 2 || linkFiles.reduce((sum, f) => sum + f.size, file.size) <= LINK_BYTES) linkFiles.push(file);
    const linkTotal = linkFiles.reduce((sum, file) => sum + file.size, 0);
    let fast: Rounds;
    let slow: Rounds;
    try {
      fast = await rounds(root, hub.url, files, curl !== null, ROUNDS);
      const link = await startLink(hub.url, LINK);
      try {
        slow = await rounds(root, link.url, linkFiles, curl !== null, 1);
      } finally {
        await link.stop();
      }
    } finally {
      await hub.stop();
    }
    const fastFigures = figures(fast, total);
    const slowFigures = figures(slow, linkTotal);

    // The bytes fetched twice after a cut, on the largest file there is (at least 1 MiB).
    const big = path.join(root, 'big');
    const bigSize = Math.max(MiB, Math.min(total, 64 * MiB));
    fs.writeFileSync(big, randomBytes(bigSize));
    const sha256 = createHash('sha256').update(fs.readFileSync(big)).digest('hex');
    const cutAfter = Math.floor(bigSize * 0.4) + 12_345;
    const server = await cuttingServer(fs.readFileSync(big), [cutAfter]);
    const stationDir = path.join(root, 'station-cut');
    const station = await stationWithPending(stationDir, [{ sha256, size: bigSize }]);
    const first = await downloadPending(station, new HttpSource(server.url), { attempts: 1 });
    const kept = fs.statSync(path.join(station.layout.partial, `${sha256}.part`)).size;
    const second = await downloadPending(station, new HttpSource(server.url));
    station.close();
    await server.close();
    if (first.downloaded !== 0 || second.downloaded !== 1) throw new Error(`cut run: ${JSON.stringify({ first, second })}`);
    const refetched = server.log.sent - bigSize;

    const MB = 1_000_000;
    const rows: [string, string, string][] = [
      [
        `sync download, ${FILES} files, ${(total / MiB).toFixed(0)} MiB, concurrency 2`,
        `best ${fastFigures.oursBest.toFixed(0)} MiB/s, median ${fastFigures.oursMedian.toFixed(0)} MiB/s (${fast.ours.map((t) => t.toFixed(2)).join(', ')} s)`,
        fastFigures.curl
          ? `curl --parallel-max 2: best ${fastFigures.curl.best.toFixed(0)} MiB/s, median ${fastFigures.curl.median.toFixed(0)} MiB/s (${fast.theirs.map((t) => t.toFixed(2)).join(', ')} s), ratio best ${fastFigures.curl.ratioBest.toFixed(2)}×, median ${fastFigures.curl.ratioMedian.toFixed(2)}× (target ≥ 0.9×); ` +
            `with an fsync of its files after (durable, like ours): median ${fastFigures.curlDurable!.median.toFixed(0)} MiB/s (${fast.theirsDurable.map((t) => t.toFixed(2)).join(', ')} s), ratio best ${fastFigures.curlDurable!.ratioBest.toFixed(2)}×, median ${fastFigures.curlDurable!.ratioMedian.toFixed(2)}×`
          : 'curl missing (Debian package `curl`): skipped',
      ],
      [
        `sync download over a ${LINK / MB} MB/s link (shared), ${linkFiles.length} files, ${(linkTotal / MiB).toFixed(0)} MiB, concurrency 2`,
        `${((slowFigures.oursBest * MiB) / MB).toFixed(2)} MB/s (${slow.ours.map((t) => t.toFixed(2)).join(', ')} s)`,
        slowFigures.curl
          ? `curl --parallel-max 2: ${((slowFigures.curl.best * MiB) / MB).toFixed(2)} MB/s (${slow.theirs.map((t) => t.toFixed(2)).join(', ')} s), ratio ${slowFigures.curl.ratioBest.toFixed(2)}× (target ≥ 0.9×)`
          : 'curl missing (Debian package `curl`): skipped',
      ],
      [
        `bytes fetched again after a cut at ${cutAfter} of ${bigSize}`,
        `${refetched} bytes (.part kept: ${kept}, resumed with ${server.log.ranges[1] ?? 'no Range'})${refetched <= CHUNK ? ' ✓' : ' ✗'}`,
        `one chunk: ${CHUNK} bytes (target ≤ one chunk)`,
      ],
    ];
    const json = {
      files: FILES,
      bytes: total,
      concurrency: 2,
      rounds: ROUNDS,
      downloadSeconds: fast.ours,
      downloadMiBps: fastFigures.oursBest,
      downloadMedianMiBps: fastFigures.oursMedian,
      curl,
      curlSeconds: fast.theirs,
      curlMiBps: fastFigures.curl?.best ?? null,
      curlMedianMiBps: fastFigures.curl?.median ?? null,
      ratio: fastFigures.curl?.ratioBest ?? null,
      ratioMedian: fastFigures.curl?.ratioMedian ?? null,
      curlDurableSeconds: fast.theirsDurable,
      ratioDurable: fastFigures.curlDurable?.ratioBest ?? null,
      ratioDurableMedian: fastFigures.curlDurable?.ratioMedian ?? null,
      link: {
        bytesPerSecond: LINK,
        files: linkFiles.length,
        bytes: linkTotal,
        downloadSeconds: slow.ours,
        curlSeconds: slow.theirs,
        ratio: slowFigures.curl?.ratioBest ?? null,
      },
      cut: { fileBytes: bigSize, cutAfter, kept, sentInAll: server.log.sent, refetched, ranges: server.log.ranges },
    };
    return { rows, json };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'link') await runLink(new URL(process.argv[3]), Number(process.argv[4]));

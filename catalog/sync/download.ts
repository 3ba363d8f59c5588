/**
 * Downloading a station's pending files from a feed source: the files with state 'pending' and
 * wanted = 1 (selective sync leaves the others alone). Each file is written to
 * `<library>/files/partial/<sha256>.part` (kept across restarts); after a cut the next attempt asks for the rest with a
 * Range request, and starts over when the source answers with the whole file (200), a 416 or a
 * Content-Range that does not continue the bytes on disk. Bytes are hashed as they arrive (the
 * bytes already on disk first), and every byte received before a cut or a stop — those the body
 * still held included (body-copy.ts) — is written to the .part, which is then fsynced: the next
 * Range request asks from that durable length, so a cut costs no byte fetched twice. Only a file
 * whose sha256 and size match is renamed into the store and marked 'present' — a bad one is
 * deleted and stays 'pending', and one that selective sync left out while it downloaded is
 * deleted from the store and stays pending with wanted = 0. Bodies flow into the .part through
 * one 'data' handler (hash, count, write).
 * Bounded concurrency; retries back off exponentially; an optional bandwidth cap shared by the
 * whole run; progress reports; an AbortSignal stops the run and keeps the .part files. Why a
 * file failed, and a full disk, are said by reference.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { Library } from '../library.js';
import type { MessageRef } from '../../shared/messages.js';
import { moveIntoPlace } from '../store/atomic-write.js';
import { hashFileInto } from '../store/hash.js';
import { copyBody, endWrite, fsyncPart } from './body-copy.js';
import { SyncError, isDiskFull, refOf } from './errors.js';
import { RangeMismatchError, SourceError } from './source.js';
import type { FeedSource } from './source.js';
import { TokenBucket } from './throttle.js';

export interface DownloadProgress {
  filesDone: number;
  filesFailed: number;
  filesTotal: number;
  /** Bytes of this run's files that are on disk (a resumed file's earlier bytes count from the start); never goes down. */
  bytesDone: number;
  bytesTotal: number;
  /** Bytes received per second over the last few seconds. */
  bytesPerSecond: number;
  /** Estimated; 0 when nothing is left, null when unknown (no rate yet, or the run is over). */
  secondsLeft: number | null;
  /** The sha256 of the files being fetched. */
  current: string[];
}

export interface DownloadOptions {
  concurrency?: number;
  /** Attempts per file (a restart after a range mismatch counts as one). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The backoff between attempts; a stop does not wait for it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Opens a .part for writing (flags 'w' or 'a'); node:fs by default, replaced in the fault tests. */
  createWriteStream?: (file: string, flags: 'w' | 'a') => Writable;
  /** A cap on the bytes received per second by all the run's downloads together; undefined or 0 for none. */
  maxBytesPerSecond?: number;
  /** Called every PROGRESS_INTERVAL_MS while the run lasts, and once at its start and at its end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Stops the run: requests in flight end, their .part files are kept for the next run, no new file starts. */
  signal?: AbortSignal;
}

export interface DownloadResult {
  downloaded: number;
  /** Bytes received for the files downloaded. */
  bytes: number;
  failed: { sha256: string; reason: MessageRef }[];
  /** The signal stopped the run before every file was tried. */
  stopped: boolean;
  /** Set when the run stopped early because the disk is full. */
  error?: MessageRef;
}

const PROGRESS_INTERVAL_MS = 250;
const RATE_WINDOW_MS = 5_000;

/** A failure retrying cannot fix within this run (the .part is already deleted). */
class Rejected extends SyncError {}

/** The disk is full: the .part is deleted and this run stops (retried on a later run). */
class DiskFull extends Rejected {
  constructor() {
    super({ key: 'sync.downloadDiskFull' });
  }
}

/** The delay before retry `i` (0-based): exponential, never below 1 ms, capped at `maxDelayMs`. */
export function backoffDelay(i: number, baseDelayMs: number, maxDelayMs: number): number {
  const cap = Math.max(1, maxDelayMs);
  return Math.min(cap, Math.max(1, baseDelayMs) * 2 ** i);
}

const defaultSleep = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);

type PendingFile = { sha256: string; size: number };

/** The run's counters and the progress reports made from them. */
class Progress {
  filesDone = 0;
  filesFailed = 0;
  bytesDone = 0;
  received = 0;
  readonly current = new Set<string>();
  private readonly credited = new Map<string, number>();
  private readonly samples: { at: number; received: number }[] = [{ at: performance.now(), received: 0 }];

  constructor(
    readonly filesTotal: number,
    readonly bytesTotal: number,
  ) {}

  /** `file` has its first `position` bytes on disk: counted once, so a file that starts over does not count twice. */
  reach(sha256: string, position: number): void {
    const before = this.credited.get(sha256) ?? 0;
    if (position <= before) return;
    this.bytesDone += position - before;
    this.credited.set(sha256, position);
  }

  snapshot(final: boolean): DownloadProgress {
    const now = performance.now();
    this.samples.push({ at: now, received: this.received });
    while (this.samples.length > 2 && this.samples[1].at <= now - RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const bytesPerSecond = now > first.at ? ((this.received - first.received) * 1000) / (now - first.at) : 0;
    const left = this.bytesTotal - this.bytesDone;
    const secondsLeft = left === 0 ? 0 : !final && bytesPerSecond > 0 ? left / bytesPerSecond : null;
    const { filesDone, filesFailed, filesTotal, bytesDone, bytesTotal } = this;
    return { filesDone, filesFailed, filesTotal, bytesDone, bytesTotal, bytesPerSecond, secondsLeft, current: [...this.current] };
  }
}

interface Run {
  library: Library;
  source: FeedSource;
  openWrite: (file: string, flags: 'w' | 'a') => Writable;
  bucket: TokenBucket | null;
  progress: Progress;
  signal?: AbortSignal;
}

/**
 * One attempt: continue (or start) the .part, hashing the bytes on disk and then those that
 * arrive, and check its size and sha256. Returns the bytes received.
 */
async function receive(run: Run, file: PendingFile, part: string): Promise<number> {
  let have = (await fs.stat(part).catch(() => null))?.size ?? 0;
  if (have > file.size) {
    await fs.rm(part, { force: true });
    have = 0;
  }
  let hash = createHash('sha256');
  await hashFileInto(hash, part, have);
  let received = 0;
  if (have < file.size || file.size === 0) {
    const read = await run.source.readRange(`files/${file.sha256.slice(0, 2)}/${file.sha256}`, have, run.signal);
    if (read.start === 0 && have > 0) hash = createHash('sha256');
    let written = read.start;
    const out = run.openWrite(part, read.start === 0 ? 'w' : 'a');
    out.on('error', () => undefined); // kept in out.errored, checked below
    const take = (chunk: Uint8Array) => {
      written += chunk.length;
      received += chunk.length;
      if (written > file.size) throw new Rejected({ key: 'sync.moreBytesThanDeclared', params: { size: file.size } });
      hash.update(chunk);
      run.progress.received += chunk.length;
      run.progress.reach(file.sha256, written);
    };
    let failure: unknown = null;
    await copyBody(read.body, out, take, run.bucket, run.signal).catch((error: unknown) => (failure = error));
    if (failure instanceof Rejected) out.destroy();
    failure = failure instanceof Rejected ? failure : await endWrite(out, failure);
    if (isDiskFull(failure)) {
      await fs.rm(part, { force: true });
      throw new DiskFull();
    }
    if (failure instanceof Rejected) await fs.rm(part, { force: true });
    else if (failure) await fsyncPart(part); // the next attempt asks from this length
    if (failure) throw failure;
  }
  const size = (await fs.stat(part)).size;
  if (size !== file.size || hash.digest('hex') !== file.sha256) {
    await fs.rm(part, { force: true });
    throw new Rejected(size === file.size ? { key: 'sync.hashMismatch' } : { key: 'sync.truncated', params: { size, expected: file.size } });
  }
  run.progress.reach(file.sha256, file.size);
  return received;
}

/**
 * Makes a verified .part durable, moves it into the store and marks the file present. Runs while
 * the worker fetches its next file; on a failure other than a full disk the .part stays, and the
 * next run finishes it without fetching it again. The file is marked present only when it is
 * still wanted: if selective sync left it out while it downloaded (wanted = 0), the stored copy
 * is deleted and the row stays pending with wanted = 0, as selective sync leaves the files it
 * excludes. Returns whether the file was kept.
 */
async function store(library: Library, sha256: string, part: string): Promise<boolean> {
  try {
    await moveIntoPlace(part, library.files.pathOf(sha256));
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    await fs.rm(part, { force: true });
    throw new DiskFull();
  }
  // One statement, so no change of `wanted` can fall between the check and the mark.
  const marked = library.db.prepare("UPDATE files SET state = 'present' WHERE sha256 = ? AND state = 'pending' AND wanted = 1").run(sha256).changes > 0;
  if (marked) return true;
  const excluded = library.db.prepare("SELECT 1 FROM files WHERE sha256 = ? AND state = 'pending' AND wanted = 0").get(sha256) !== undefined;
  if (excluded) await fs.rm(library.files.pathOf(sha256), { force: true });
  return !excluded;
}

/** The sizes of the .part files already on disk for `pending`, capped at each file's size. */
async function partSizes(dir: string, pending: PendingFile[]): Promise<Map<string, number>> {
  const sizes = new Map(pending.map((file) => [`${file.sha256}.part`, file.size]));
  const found = new Map<string, number>();
  for (const name of await fs.readdir(dir)) {
    const size = sizes.get(name);
    if (size === undefined) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat) found.set(name.slice(0, -'.part'.length), Math.min(stat.size, size));
  }
  return found;
}

export async function downloadPending(library: Library, source: FeedSource, options: DownloadOptions = {}): Promise<DownloadResult> {
  const { concurrency = 2, attempts = 5, baseDelayMs = 1000, maxDelayMs = 60_000, sleep = defaultSleep, signal, onProgress } = options;
  const openWrite = options.createWriteStream ?? ((file: string, flags: 'w' | 'a') => createWriteStream(file, { flags, highWaterMark: 1 << 20 }));
  const pending = library.db.prepare("SELECT sha256, size FROM files WHERE state = 'pending' AND wanted = 1 ORDER BY sha256").all() as PendingFile[];
  const result: DownloadResult = { downloaded: 0, bytes: 0, failed: [], stopped: false };
  await fs.mkdir(library.layout.partial, { recursive: true });

  const progress = new Progress(pending.length, pending.reduce((sum, file) => sum + file.size, 0));
  for (const [sha256, size] of await partSizes(library.layout.partial, pending)) progress.reach(sha256, size);
  const run: Run = { library, source, openWrite, progress, signal, bucket: options.maxBytesPerSecond ? new TokenBucket(options.maxBytesPerSecond) : null };
  let wake!: () => void;
  const stopping = new Promise<void>((resolve) => (wake = resolve));
  signal?.addEventListener('abort', wake, { once: true });

  let diskFull = false;
  const fail = (sha256: string, reason: MessageRef) => {
    result.failed.push({ sha256, reason });
    progress.filesFailed += 1;
  };
  /** Fetches and verifies one file, with retries; returns the bytes received, or null when it failed or the run stopped. */
  const fetchOne = async (file: PendingFile, part: string): Promise<number | null> => {
    let lastError: unknown = null;
    for (let i = 0; i < Math.max(1, attempts); i += 1) {
      if (signal?.aborted) return null;
      if (diskFull) {
        lastError = new DiskFull();
        break;
      }
      try {
        return await receive(run, file, part);
      } catch (error) {
        if (signal?.aborted) return null; // a stop, not a failure: the .part stays for the next run
        lastError = error;
        if (error instanceof DiskFull) diskFull = true;
        if (error instanceof Rejected || (error instanceof SourceError && error.notFound)) break;
        if (error instanceof RangeMismatchError) {
          await fs.rm(part, { force: true }); // start over at once; the hash still decides
          continue;
        }
        if (i < attempts - 1) await Promise.race([sleep(backoffDelay(i, baseDelayMs, maxDelayMs), signal), stopping]);
      }
    }
    fail(file.sha256, refOf(lastError));
    return null;
  };
  const storeOne = async (file: PendingFile, part: string, received: number) => {
    try {
      if (await store(library, file.sha256, part)) {
        result.bytes += received;
        result.downloaded += 1;
      }
      progress.filesDone += 1; // finished either way: stored, or left out by selective sync meanwhile
    } catch (error) {
      if (error instanceof DiskFull) diskFull = true;
      fail(file.sha256, refOf(error));
    }
  };

  let next = 0;
  /** Fetches files one after another; each verified file is stored while the next one is fetched. */
  const worker = async () => {
    let storing = Promise.resolve();
    while (next < pending.length && !signal?.aborted) {
      const file = pending[next++];
      const part = path.join(library.layout.partial, `${file.sha256}.part`);
      progress.current.add(file.sha256);
      const received = await fetchOne(file, part).finally(() => progress.current.delete(file.sha256));
      await storing;
      if (received !== null) storing = storeOne(file, part, received);
    }
    await storing;
  };
  onProgress?.(progress.snapshot(false));
  const timer = onProgress ? setInterval(() => onProgress(progress.snapshot(false)), PROGRESS_INTERVAL_MS) : undefined;
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pending.length)) }, worker));
  } finally {
    clearInterval(timer);
    signal?.removeEventListener('abort', wake);
  }
  result.stopped = Boolean(signal?.aborted) && progress.filesDone + result.failed.length < pending.length;
  if (diskFull) result.error = new DiskFull().ref;
  onProgress?.(progress.snapshot(true));
  return result;
}

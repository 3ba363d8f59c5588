/**
 * Downloading a station's pending files from a feed source. Each file is written to
 * `<library>/files/partial/<sha256>.part` (kept across restarts); after a cut the next attempt asks for the rest with a
 * Range request, and starts over when the source answers with the whole file (200), a 416 or a
 * Content-Range that does not continue the bytes on disk. The finished .part is hashed, and
 * only a file whose sha256 and size match is renamed into the store and marked 'present' — a
 * bad one is deleted and stays 'pending'. Bounded concurrency; retries back off exponentially.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Library } from '../library.js';
import { RangeMismatchError, SourceError } from './source.js';
import type { FeedSource } from './source.js';

export interface DownloadOptions {
  concurrency?: number;
  /** Attempts per file (a restart after a range mismatch counts as one). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Opens a .part for writing (flags 'w' or 'a'); node:fs by default, replaced in the fault tests. */
  createWriteStream?: (file: string, flags: 'w' | 'a') => Writable;
}

export interface DownloadResult {
  downloaded: number;
  bytes: number;
  failed: { sha256: string; reason: string }[];
  /** Set when the run stopped early because the disk is full (bilingual). */
  error?: string;
}

/** A failure retrying cannot fix within this run (the .part is already deleted). */
class Rejected extends Error {}

/** The disk is full: the .part is deleted and this run stops (retried on a later run). */
class DiskFull extends Rejected {}

export const DISK_FULL_MESSAGE = 'Đĩa đầy, tạm dừng tải tệp; sẽ thử lại sau / The disk is full; downloads stopped and will be retried later';

const isDiskFull = (error: unknown) => ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException | null)?.code ?? '');

/** The delay before retry `i` (0-based): exponential, never below 1 ms, capped at `maxDelayMs`. */
export function backoffDelay(i: number, baseDelayMs: number, maxDelayMs: number): number {
  const cap = Math.max(1, maxDelayMs);
  return Math.min(cap, Math.max(1, baseDelayMs) * 2 ** i);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function syncPath(file: string): Promise<void> {
  if (process.platform === 'win32' && (await fs.stat(file)).isDirectory()) return;
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One attempt: continue (or start) the .part, then verify and move it into the store. Returns the bytes received. */
async function attempt(
  library: Library,
  source: FeedSource,
  file: { sha256: string; size: number },
  part: string,
  openWrite: (file: string, flags: 'w' | 'a') => Writable,
): Promise<number> {
  let have = (await fs.stat(part).catch(() => null))?.size ?? 0;
  if (have > file.size) {
    await fs.rm(part, { force: true });
    have = 0;
  }
  let received = 0;
  if (have < file.size || file.size === 0) {
    const read = await source.readRange(`files/${file.sha256.slice(0, 2)}/${file.sha256}`, have);
    let written = read.start;
    await pipeline(
      Readable.from(read.body),
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          written += chunk.length;
          received += chunk.length;
          if (written > file.size) throw new Rejected(`nhiều byte hơn khai báo / more bytes than the declared ${file.size}`);
          yield chunk;
        }
      },
      openWrite(part, read.start === 0 ? 'w' : 'a'),
    ).catch(async (error: unknown) => {
      if (isDiskFull(error)) {
        await fs.rm(part, { force: true });
        throw new DiskFull(DISK_FULL_MESSAGE);
      }
      if (error instanceof Rejected) await fs.rm(part, { force: true });
      throw error;
    });
  }
  const size = (await fs.stat(part)).size;
  const sha256 = size === file.size ? await hashFile(part) : null;
  if (sha256 !== file.sha256) {
    await fs.rm(part, { force: true });
    throw new Rejected(size === file.size ? 'mã băm không khớp / sha256 mismatch' : `thiếu byte / truncated (${size} of ${file.size})`);
  }
  try {
    await syncPath(part);
    const target = library.files.pathOf(file.sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(part, target);
    await syncPath(path.dirname(target));
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    await fs.rm(part, { force: true });
    throw new DiskFull(DISK_FULL_MESSAGE);
  }
  library.db.transaction(() => {
    library.db.prepare("UPDATE files SET state = 'present' WHERE sha256 = ? AND state = 'pending'").run(file.sha256);
  })();
  return received;
}

export async function downloadPending(library: Library, source: FeedSource, options: DownloadOptions = {}): Promise<DownloadResult> {
  const { concurrency = 2, attempts = 5, baseDelayMs = 1000, maxDelayMs = 60_000, sleep = defaultSleep } = options;
  const openWrite = options.createWriteStream ?? ((file: string, flags: 'w' | 'a') => createWriteStream(file, { flags }));
  const pending = library.db.prepare("SELECT sha256, size FROM files WHERE state = 'pending' ORDER BY sha256").all() as { sha256: string; size: number }[];
  const result: DownloadResult = { downloaded: 0, bytes: 0, failed: [] };
  await fs.mkdir(library.layout.partial, { recursive: true });

  let diskFull = false;
  const one = async (file: { sha256: string; size: number }) => {
    const part = path.join(library.layout.partial, `${file.sha256}.part`);
    let lastError = '';
    for (let i = 0; i < Math.max(1, attempts); i += 1) {
      if (diskFull) {
        lastError = DISK_FULL_MESSAGE;
        break;
      }
      try {
        result.bytes += await attempt(library, source, file, part, openWrite);
        result.downloaded += 1;
        return;
      } catch (error) {
        lastError = (error as Error).message;
        if (error instanceof DiskFull) diskFull = true;
        if (error instanceof Rejected || (error instanceof SourceError && error.notFound)) break;
        if (error instanceof RangeMismatchError) {
          await fs.rm(part, { force: true }); // start over at once; the hash still decides
          continue;
        }
        if (i < attempts - 1) await sleep(backoffDelay(i, baseDelayMs, maxDelayMs));
      }
    }
    result.failed.push({ sha256: file.sha256, reason: lastError });
  };

  let next = 0;
  const worker = async () => {
    while (next < pending.length) await one(pending[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pending.length)) }, worker));
  if (diskFull) result.error = DISK_FULL_MESSAGE;
  return result;
}

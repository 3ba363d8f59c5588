/**
 * sha256, hex-encoded, in one place: of bytes or text in memory, and of a file on disk read as a
 * stream (any size, bounded memory) — whole, or its first bytes fed into a hash the caller goes on
 * feeding (a resumed download).
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Feeds the first `length` bytes of a file (all of them when no length is given) into `hash`; returns how many were read. */
export async function hashFileInto(hash: Hash, file: string, length?: number): Promise<number> {
  if (length === 0) return 0;
  let read = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20, end: length === undefined ? undefined : length - 1 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    read += chunk.length;
  }
  return read;
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const size = await hashFileInto(hash, file);
  return { sha256: hash.digest('hex'), size };
}

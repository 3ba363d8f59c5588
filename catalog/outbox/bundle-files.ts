/**
 * Files of a USB bundle written for good, at both ends: a file copied while its bytes are hashed
 * (so what is checked is what was written, not what was read before), and small files written
 * whole; each fsynced before it is closed, as a drive may be pulled the moment a copy says it is
 * done.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';

export interface Copied {
  sha256: string;
  size: number;
}

/** Copies `from` to a new file `to` (never over one), hashing the bytes; at most `maxBytes` (then the copy stops: size is past it). */
export async function copyHashed(from: string, to: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Copied> {
  const hash = createHash('sha256');
  const out = await fs.open(to, 'wx');
  let size = 0;
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) break;
      hash.update(chunk);
      await out.write(chunk);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/** Writes `data` as a new file and fsyncs it. */
export async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const out = await fs.open(file, 'wx');
  try {
    await out.writeFile(data);
    await out.sync();
  } finally {
    await out.close();
  }
}

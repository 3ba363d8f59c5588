/**
 * Files put in place whole: the new bytes go to a temporary name beside the target and are renamed
 * over it, so a reader finds the old file or the new one, never half of one; on failure the
 * temporary file is removed and the target is as it was. A `durable` write (the default) also
 * fsyncs the file and its folder, so it survives a power cut. A `checked` write skips the fsyncs:
 * only for content-addressed copies whose hash is checked on every read (a sync's text objects),
 * where a copy a power cut tore is found and fetched again — two fsyncs per object cost a station
 * taking in 10,000 texts about a sixth of its sync time.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const TEMP_SUFFIX = '.tmp';

/** Whether a file name is one of the temporary names below (a write in progress, or one a crash cut off). */
export const isTempName = (name: string) => name.endsWith(TEMP_SUFFIX);

export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync on Windows
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** How sure a write must be (see above). */
export type Durability = 'durable' | 'checked';

/** Moves a complete file over `file`: renames it (creating the folder), fsyncing it and the folder when durable. */
export async function moveIntoPlace(from: string, file: string, durability: Durability = 'durable'): Promise<void> {
  if (durability === 'durable') await fsyncFile(from);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.rename(from, file);
  if (durability === 'durable') await fsyncDirectory(path.dirname(file));
}

/** Puts `file` in place whole: `fill` writes (or copies, or links) a temporary file beside it, which is then moved into place. */
export async function replaceFileAtomic(file: string, fill: (temp: string) => Promise<void>, durability: Durability = 'durable'): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await fill(temp);
    await moveIntoPlace(temp, file, durability);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Opens a file for writing: node:fs unless a caller passes its own (the sync's fault tests fill the disk). */
type OpenWrite = (file: string, flags: 'w') => Writable;

const openWriteDefault: OpenWrite = (file, flags) => createWriteStream(file, { flags });

/** Writes `data` as the whole content of `file`. */
export function writeFileAtomic(file: string, data: Uint8Array, openWrite: OpenWrite = openWriteDefault, durability: Durability = 'durable'): Promise<void> {
  return replaceFileAtomic(file, (temp) => pipeline(Readable.from([data]), openWrite(temp, 'w')), durability);
}

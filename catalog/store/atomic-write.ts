/**
 * Files put in place whole, all with the same durability: the new bytes go to a temporary name
 * beside the target, are fsynced, renamed over it, and the folder is fsynced. A reader — or a
 * crash — finds the old file or the new one, never half of one, and a finished write survives a
 * power cut. On failure the temporary file is removed and the target is as it was.
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

async function fsyncFile(file: string): Promise<void> {
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

/** Moves a complete file over `file` durably: fsyncs it, renames it (creating the folder) and fsyncs the folder. */
export async function moveIntoPlace(from: string, file: string): Promise<void> {
  await fsyncFile(from);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.rename(from, file);
  await fsyncDirectory(path.dirname(file));
}

/** Puts `file` in place whole: `fill` writes (or copies, or links) a temporary file beside it, which is then moved into place. */
export async function replaceFileAtomic(file: string, fill: (temp: string) => Promise<void>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await fill(temp);
    await moveIntoPlace(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Opens a file for writing: node:fs unless a caller passes its own (the sync's fault tests fill the disk). */
type OpenWrite = (file: string, flags: 'w') => Writable;

const openWriteDefault: OpenWrite = (file, flags) => createWriteStream(file, { flags });

/** Writes `data` as the whole content of `file`. */
export function writeFileAtomic(file: string, data: Uint8Array, openWrite: OpenWrite = openWriteDefault): Promise<void> {
  return replaceFileAtomic(file, (temp) => pipeline(Readable.from([data]), openWrite(temp, 'w')));
}

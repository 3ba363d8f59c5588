/**
 * catalog/store/atomic-write.ts: a file is replaced whole or not at all, and no temporary file is
 * left beside it, whether the write succeeds or fails.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { isTempName, replaceFileAtomic, writeFileAtomic } from '../../../catalog/store/atomic-write.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** A writer that takes a few bytes and then fails like a full disk. */
const fullDisk = (file: string) => {
  const real = fs.createWriteStream(file);
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      real.write(chunk.subarray(0, 4), () => real.end(() => callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))));
    },
  });
};

describe('writing a file atomically', () => {
  it('replaces the whole content, creating the folder, and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pages', 'root.json');
    await writeFileAtomic(file, Buffer.from('{"sequence": 1, "pages": ["a", "b", "c"]}'));
    await writeFileAtomic(file, Buffer.from('{"sequence": 2}'));
    expect(fs.readFileSync(file, 'utf8')).toBe('{"sequence": 2}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['root.json']);
  });

  it('keeps the old file intact and removes the temporary one when the write fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'root.json');
    fs.writeFileSync(file, 'the old root');
    await expect(writeFileAtomic(file, Buffer.from('a new root, longer than four bytes'), fullDisk)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(fs.readFileSync(file, 'utf8')).toBe('the old root');
    expect(fs.readdirSync(dir)).toEqual(['root.json']);
  });

  it('puts nothing in place when filling the temporary file fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'blob');
    fs.writeFileSync(file, 'kept');
    let temp = '';
    const failing = replaceFileAtomic(file, async (name) => {
      temp = name;
      fs.writeFileSync(name, 'copied, then found to be the wrong size');
      throw new Error('wrong size');
    });
    await expect(failing).rejects.toThrow('wrong size');
    expect(path.dirname(temp)).toBe(dir);
    expect(isTempName(path.basename(temp))).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('kept');
    expect(fs.readdirSync(dir)).toEqual(['blob']);
  });

  it('a durable write fsyncs the file and its folder; a checked one (a copy verified on every read) fsyncs nothing', async () => {
    const synced: string[] = [];
    const open = fsp.open.bind(fsp);
    const spy = vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        synced.push(String(args[0]));
        return sync();
      };
      return handle;
    });
    try {
      const dir = tempDir();
      await writeFileAtomic(path.join(dir, 'root.json'), Buffer.from('{}'));
      expect(synced.map((name) => (name === dir ? 'folder' : isTempName(path.basename(name)) ? 'temporary file' : name))).toEqual(['temporary file', 'folder']);
      synced.length = 0;
      await writeFileAtomic(path.join(dir, 'text-object'), Buffer.from('checked when read'), undefined, 'checked');
      expect(synced).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'text-object'), 'utf8')).toBe('checked when read');
    } finally {
      spy.mockRestore();
    }
  });
});

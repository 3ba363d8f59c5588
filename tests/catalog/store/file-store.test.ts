import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../../catalog/store/file-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const sha = (data: string) => createHash('sha256').update(data).digest('hex');

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe('content-addressed file store', () => {
  it('stores a file under its sha256 and reports its size', async () => {
    const store = new FileStore(tempDir());
    const stored = await store.put(Readable.from([Buffer.from('xin chào')]));
    expect(stored).toEqual({ sha256: sha('xin chào'), size: Buffer.byteLength('xin chào') });
    expect(fs.readFileSync(store.pathOf(stored.sha256), 'utf8')).toBe('xin chào');
    expect(store.pathOf(stored.sha256)).toContain(path.join(stored.sha256.slice(0, 2), stored.sha256));
    expect(await store.has(stored.sha256)).toBe(true);
  });

  it('keeps one copy of the same content', async () => {
    const root = tempDir();
    const store = new FileStore(root);
    await store.put(Readable.from([Buffer.from('same')]));
    await store.put(Readable.from([Buffer.from('sa'), Buffer.from('me')]));
    expect(allFiles(root)).toEqual([sha('same')]);
  });

  it('discards a file whose hash or size differs from what was expected, leaving nothing', async () => {
    const root = tempDir();
    const store = new FileStore(root);
    await expect(store.put(Readable.from([Buffer.from('tampered')]), { sha256: sha('original') })).rejects.toThrow(/sha256 mismatch/);
    await expect(store.put(Readable.from([Buffer.from('too long')]), { size: 3 })).rejects.toThrow(/more bytes/);
    await expect(store.put(Readable.from([Buffer.from('short')]), { size: 50 })).rejects.toThrow(/size mismatch/);
    expect(allFiles(root)).toEqual([]);
  });

  it('removes temporary files left by an interrupted write', async () => {
    const root = tempDir();
    const store = new FileStore(root);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('part of a file');
        throw new Error('connection cut');
      })(),
    );
    await expect(store.put(failing)).rejects.toThrow('connection cut');
    expect(allFiles(root)).toEqual([]);
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', 'crash.part'), 'left by a crash');
    await store.clearTemp();
    expect(allFiles(root)).toEqual([]);
  });

  it("never removes another command's work in progress, only what a process that is gone left", async () => {
    const root = tempDir();
    const importing = new FileStore(root);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = Readable.from(
      (async function* () {
        yield Buffer.from('first half, ');
        await held; // still writing when another command opens the library
        yield Buffer.from('second half');
      })(),
    );
    const writing = importing.put(slow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A folder of a process that has exited (its id taken from a child that ran and ended).
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.mkdirSync(path.join(root, 'tmp', `${gone}-0badc0de`), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', `${gone}-0badc0de`, 'crash.part'), 'left by a crash');
    await new FileStore(root).clearTemp(); // what Library.open does
    expect(fs.readdirSync(path.join(root, 'tmp')).filter((name) => name.startsWith(`${gone}-`))).toEqual([]);
    release();
    expect(await writing).toEqual({ sha256: sha('first half, second half'), size: 23 });
    expect(fs.readFileSync(importing.pathOf(sha('first half, second half')), 'utf8')).toBe('first half, second half');
  });

  it('refuses a name that is not a sha256', () => {
    const store = new FileStore(tempDir());
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    expect(() => store.pathOf('A'.repeat(64))).toThrow();
  });
});

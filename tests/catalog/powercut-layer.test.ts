/**
 * The power-cut layer itself (tests/helpers/powercut-fs), before anything is judged with it: a
 * write that was not fsynced is gone after the cut and one that was survives; a file renamed into
 * place without an fsync of its own comes back empty (ext4's delayed allocation), while the store's
 * durable write (catalog/store/atomic-write.ts) comes back whole; after the cut nothing reaches
 * the disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../catalog/store/atomic-write.js';
import { mountPowercut, powercutMissing } from '../helpers/powercut-mount.js';
import { tempDir } from '../helpers/temp-dir.js';

const missing = powercutMissing();

function writeFile(file: string, text: string, sync: boolean): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, text);
    if (sync) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

describe.skipIf(missing)('the power-cut layer', () => {
  it('keeps what was fsynced and drops what was not', async () => {
    const scratch = tempDir('powercut-layer-');
    const disk = path.join(scratch, 'disk');
    fs.mkdirSync(disk);
    fs.writeFileSync(path.join(disk, 'before.txt'), 'on the disk before');
    const mount = await mountPowercut(disk, scratch);
    try {
      const on = (name: string) => path.join(mount.dir, name);
      expect(fs.readFileSync(on('before.txt'), 'utf8')).toBe('on the disk before');
      writeFile(on('before.txt'), 'overwritten, not synced', false);
      writeFile(on('synced.txt'), 'synced', true);
      writeFile(on('unsynced.txt'), 'never synced', false);
      fs.mkdirSync(on('store'));
      writeFile(on('store/.temp'), 'renamed without an fsync', false);
      fs.renameSync(on('store/.temp'), on('store/renamed.txt'));
      await writeFileAtomic(on('store/durable.txt'), Buffer.from('written durably'));
      // Programs read back what they wrote, as from a page cache.
      expect(fs.readFileSync(on('before.txt'), 'utf8')).toBe('overwritten, not synced');
      expect(fs.readFileSync(on('unsynced.txt'), 'utf8')).toBe('never synced');
      fsyncDir(mount.dir);
      writeFile(on('after-last-sync.txt'), 'created after the last fsync', false);
      mount.cut();
      expect(() => fs.writeFileSync(on('late.txt'), 'after the cut')).toThrow(/EIO/);
    } finally {
      await mount.unmount();
    }
    const read = (name: string) => fs.readFileSync(path.join(disk, name), 'utf8');
    expect(read('synced.txt')).toBe('synced');
    expect(read('before.txt')).toBe('on the disk before');
    // Its name reached the disk with the directory's fsync, its data never did.
    expect(read('unsynced.txt')).toBe('');
    expect(read('store/renamed.txt')).toBe('');
    expect(fs.existsSync(path.join(disk, 'store/.temp'))).toBe(false);
    expect(read('store/durable.txt')).toBe('written durably');
    expect(fs.existsSync(path.join(disk, 'after-last-sync.txt'))).toBe(false);
    expect(fs.existsSync(path.join(disk, 'late.txt'))).toBe(false);
    expect(fs.readdirSync(disk).sort()).toEqual(['before.txt', 'store', 'synced.txt', 'unsynced.txt']);
  });
});

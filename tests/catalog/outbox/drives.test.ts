/**
 * The drives the USB screens offer (catalog/outbox/drives.ts, `outbox.drives`): on Linux the file
 * systems mounted where desktops mount a USB drive, read from /proc/mounts' own format (a space
 * in a label written \040), each with its real free and total space; other mounts, and a mount
 * point that cannot be read, left out. Real folders on disk stand in for the mounted drives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivesFromMounts } from '../../../catalog/outbox/drives.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { contractOf } from '../../helpers/staff-contract.js';

describe('the drives plugged in', () => {
  it('are the mounts under the removable roots, with their space; others and unreadable ones left out', () => {
    const root = `${tempDir('drives-')}/media/`;
    const usb = path.join(root, 'thuthu', 'USB XA');
    const card = path.join(root, 'thuthu', 'THE-NHO');
    fs.mkdirSync(usb, { recursive: true });
    fs.mkdirSync(card, { recursive: true });
    const mounts = [
      'sysfs /sys sysfs rw,nosuid 0 0',
      '/dev/sda1 / ext4 rw,relatime 0 0',
      `/dev/sdb1 ${usb.replace(' ', '\\040')} vfat rw,nosuid,nodev 0 0`,
      `/dev/mmcblk0p1 ${card} exfat rw 0 0`,
      `/dev/sdc1 ${path.join(root, 'thuthu', 'DA-RUT')} vfat rw 0 0`,
      `/dev/sdb1 ${usb.replace(' ', '\\040')} vfat rw,nosuid,nodev 0 0`,
    ].join('\n');
    const drives = drivesFromMounts(mounts, [root]);
    expect(drives.map((drive) => [drive.label, drive.path])).toEqual([
      ['THE-NHO', card],
      ['USB XA', usb],
    ]);
    for (const drive of drives) {
      expect(drive.totalBytes).toBeGreaterThan(0);
      expect(drive.freeBytes).toBeGreaterThan(0);
      expect(drive.freeBytes).toBeLessThanOrEqual(drive.totalBytes);
    }
    expect(drivesFromMounts(mounts)).toEqual([]);
  });

  it('are a librarian’s to see, not anyone’s', async () => {
    const library = await tempLibrary();
    const { call } = await contractOf(library);
    expect(await call('outbox.drives', {}, 'librarian')).toMatchObject({ ok: true, result: expect.any(Array) });
    expect(await call('outbox.drives', {}, 'anyone')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

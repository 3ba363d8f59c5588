/**
 * The drives plugged into this computer, for the USB screens to offer (outbox.drives): a
 * librarian picks the drive instead of typing its path. On Linux, the file systems mounted
 * under /media, /run/media or /mnt (where desktops and udisks mount a USB drive), read from
 * /proc/mounts; on Windows, every drive letter but the system's (C:) that answers. Each with its
 * free and total space; a drive that cannot be read, or smaller than 1 MB, is left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Drive } from '../../shared/contract/outbox.js';

/** Smaller than this is no drive to carry documents on (a file bound into place, a pseudo file system). */
const MIN_DRIVE_BYTES = 1024 * 1024;

/** Where Linux desktops mount removable drives. */
export const LINUX_MOUNT_ROOTS = ['/media/', '/run/media/', '/mnt/'];

function driveAt(mountPoint: string): Drive | null {
  try {
    const stats = fs.statfsSync(mountPoint);
    if (stats.blocks * stats.bsize < MIN_DRIVE_BYTES) return null;
    return { path: mountPoint, label: path.basename(mountPoint) || mountPoint, freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}

/** /proc/mounts' text → the mount points under `roots` (octal escapes such as \040 for a space undone), as drives. */
export function drivesFromMounts(mounts: string, roots: readonly string[] = LINUX_MOUNT_ROOTS): Drive[] {
  const points = mounts
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))))
    .filter((point): point is string => point !== undefined && roots.some((root) => point.startsWith(root)));
  return [...new Set(points)].sort((a, b) => a.localeCompare(b)).flatMap((point) => driveAt(point) ?? []);
}

export function listDrives(platform: NodeJS.Platform = process.platform): Drive[] {
  if (platform === 'win32') {
    const system = (process.env.SystemDrive ?? 'C:').toUpperCase();
    return 'DEFGHIJKLMNOPQRSTUVWXYZ'
      .split('')
      .map((letter) => `${letter}:`)
      .filter((letter) => letter !== system)
      .flatMap((letter) => driveAt(`${letter}\\`) ?? []);
  }
  try {
    return drivesFromMounts(fs.readFileSync('/proc/mounts', 'utf8'));
  } catch {
    return [];
  }
}

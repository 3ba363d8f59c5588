/**
 * Room for uploads at a hub (docs/uploads.md § Quotas): what the unfinished tus uploads under
 * hub-uploads/ hold and still need, the free space on the hub's disk (statfs, or a reading a test
 * gives), and the space kept free — the setting hub.quota.min_free_bytes, else 2 GiB or 5 % of
 * the disk, the larger. Unfinished uploads are reserved: the disk is *low* when its free space,
 * less what the unfinished uploads still have to write, is under the space kept free. A new
 * upload must fit with that reserve (else 507 Insufficient Storage, Retry-After an hour), beside
 * its station's other unfinished ones (bytes in flight, ./quotas.ts), and its station must not
 * have used up its uploads of the day. Unfinished uploads expire 7 days after they were created;
 * while the disk is low, 24 hours after their last byte arrived. They are swept when the hub
 * starts and, at most once a minute, when a station asks to create one. A finished upload (every
 * byte there, waiting for moderation) is never swept: an official decides on it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting } from '../db/settings.js';
import type { Refusal } from './station-auth.js';
import { inFlightRefusal, uploadsTodayRefusal } from './quotas.js';

const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;
export const UPLOAD_EXPIRY_MS = 7 * DAY_MS;
/** While the disk is low: how long an unfinished upload may go without a byte. */
export const LOW_DISK_IDLE_MS = DAY_MS;
/** Space kept free when the setting is unset: this much, or this share of the disk if more. */
export const DEFAULT_FREE_BYTES = 2 * GIB;
export const DEFAULT_FREE_SHARE = 0.05;
/** How long a station refused for want of disk waits. */
export const DISK_RETRY_SECONDS = 3600;
const SWEEP_EVERY_MS = 60_000;

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/** Reads the free and total space of the disk the hub's uploads are on. */
export type DiskReader = () => Promise<DiskSpace>;

export function statfsReader(dir: string): DiskReader {
  return async () => {
    const stats = await fs.statfs(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  };
}

/** The space the hub keeps free on a disk of `totalBytes`: the setting, else the default rule. */
export function keptFree(db: Db, totalBytes: number): number {
  return getSetting(db, SETTINGS.hubMinFreeBytes) ?? Math.max(DEFAULT_FREE_BYTES, Math.round(totalBytes * DEFAULT_FREE_SHARE));
}

interface Unfinished {
  id: string;
  stationId: string | null;
  /** Declared length, and the bytes written so far. */
  size: number;
  offset: number;
  createdAt: number;
  /** When its last byte was written. */
  touchedAt: number;
}

/** The tus uploads in `dir` that are not whole yet: a record with a declared length and a file shorter than it. */
async function unfinishedIn(dir: string): Promise<Unfinished[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: Unfinished[] = [];
  for (const name of names) {
    const id = /^([0-9a-f]{32})\.json$/.exec(name)?.[1];
    if (!id) continue;
    try {
      const record = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as { size?: number; creation_date?: string; metadata?: { stationId?: string } };
      const file = await fs.stat(path.join(dir, id));
      if (typeof record.size !== 'number' || file.size >= record.size) continue;
      const createdAt = Date.parse(record.creation_date ?? '') || file.birthtimeMs;
      found.push({ id, stationId: record.metadata?.stationId ?? null, size: record.size, offset: file.size, createdAt, touchedAt: file.mtimeMs });
    } catch {
      // removed meanwhile, or half written: not an upload to count
    }
  }
  return found;
}

interface Survey {
  uploads: Unfinished[];
  disk: DiskSpace;
  /** What the unfinished uploads still have to write. */
  owed: number;
  /** Free space less what is owed, and the space kept free: the disk is low when headroom < keep. */
  headroom: number;
  keep: number;
}

/** The unfinished uploads under `dir` and the disk, as the hub reckons its room. */
export async function surveyRoom(db: Db, dir: string, disk: DiskReader): Promise<Survey> {
  const [uploads, space] = await Promise.all([unfinishedIn(dir), disk()]);
  const owed = uploads.reduce((sum, upload) => sum + (upload.size - upload.offset), 0);
  return { uploads, disk: space, owed, headroom: space.freeBytes - owed, keep: keptFree(db, space.totalBytes) };
}

export interface UploadRoomOptions {
  db: Db;
  dir: string;
  disk: DiskReader;
  now: () => Date;
  /** Removes an upload's bytes and record. */
  remove: (id: string) => Promise<void>;
}

export class UploadRoom {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: UploadRoomOptions) {}

  private survey(): Promise<Survey> {
    return surveyRoom(this.options.db, this.options.dir, this.options.disk);
  }

  /** Whether an unfinished upload has expired now: a week after it was created, or a day without a byte while the disk is low. */
  private expired(upload: Unfinished, low: boolean): boolean {
    const now = this.options.now().getTime();
    return now - upload.createdAt > UPLOAD_EXPIRY_MS || (low && now - upload.touchedAt > LOW_DISK_IDLE_MS);
  }

  /** Removes the unfinished uploads that expired; returns how many. */
  async sweep(): Promise<number> {
    this.lastSweep = this.options.now().getTime();
    const survey = await this.survey();
    const low = survey.headroom < survey.keep;
    const gone = survey.uploads.filter((upload) => this.expired(upload, low));
    for (const upload of gone) await this.options.remove(upload.id);
    return gone.length;
  }

  /** Whether `stationId` may create an upload of `declared` bytes now; the refusal when it may not. */
  async admit(stationId: string, declared: number): Promise<Refusal | null> {
    const { db, now } = this.options;
    const daily = uploadsTodayRefusal(db, stationId, now());
    if (daily) return daily;
    if (now().getTime() - this.lastSweep >= SWEEP_EVERY_MS) await this.sweep();
    const survey = await this.survey();
    const inFlight = survey.uploads.filter((upload) => upload.stationId === stationId).reduce((sum, upload) => sum + upload.size, 0);
    const crowded = inFlightRefusal(db, inFlight, declared);
    if (crowded) return crowded;
    if (survey.headroom - declared < survey.keep) {
      return { status: 507, ref: { key: 'hub.diskFull', params: { megabytes: Math.round(survey.keep / 1024 / 1024) } }, headers: { 'Retry-After': String(DISK_RETRY_SECONDS) } };
    }
    return null;
  }
}

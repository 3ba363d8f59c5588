/**
 * `bookshelf moderate --quotas [--set NAME=VALUE]`: a hub's quotas from a terminal (docs/uploads.md
 * § Quotas) — each limit with its value (or that it is the default), and the disk as the hub
 * reckons its room now: free space, what unfinished uploads still owe, the space kept free and
 * whether new uploads are refused. `--set hub.quota.uploads_per_day=300` changes one (a whole
 * number; `default` goes back to the default), audited; the running hub reads it at the next
 * request.
 */
import os from 'node:os';
import { recordAudit } from '../accounts/audit.js';
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import type { Setting } from '../db/settings.js';
import { Library } from '../library.js';
import { hubUploadsDir } from '../hub/uploads.js';
import { statfsReader, surveyRoom } from '../hub/upload-room.js';
import { bilingual } from '../../shared/messages.js';
import { UsageError, notOneOf } from './usage.js';
import { labelled } from './words.js';

const QUOTAS: Setting<number | null>[] = [SETTINGS.hubUploadsPerDay, SETTINGS.hubInFlightBytes, SETTINGS.hubUsageRowsPerDay, SETTINGS.hubPendingPerAddress, SETTINGS.hubMinFreeBytes];

export interface QuotaFlags {
  libraryDir: string;
  set?: string;
  json: boolean;
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The quota and value `NAME=VALUE` names; null for `default`. */
function parseSet(text: string): [Setting<number | null>, number | null] {
  const [name, value = ''] = text.split('=', 2);
  const quota = QUOTAS.find((setting) => setting.key === name);
  if (!quota) throw notOneOf('--set', name, QUOTAS.map((setting) => setting.key));
  if (value === 'default') return [quota, null];
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(`--set ${name}: "${value}" ${bilingual({ key: 'cli.moderate.quotaValue' })}`);
  return [quota, Number(value)];
}

export async function runModerateQuotas(flags: QuotaFlags, write: (text: string) => void): Promise<number> {
  const change = flags.set === undefined ? null : parseSet(flags.set);
  const library = await Library.open(flags.libraryDir);
  try {
    if (change) {
      const [quota, value] = change;
      if (value === null) deleteSetting(library.db, quota);
      else setSetting(library.db, quota, value);
      recordAudit(library.db, null, 'cli.quota.set', JSON.stringify({ quota: quota.key, value, by: `cli:${os.userInfo().username}` }));
      write(`${labelled('cli.moderate.quotaSet', `${quota.key} = ${value ?? bilingual({ key: 'cli.moderate.quotaDefault' })}`)}\n`);
    }
    const room = await surveyRoom(library.db, hubUploadsDir(library), statfsReader(library.dir));
    const quotas = QUOTAS.map((quota) => ({ key: quota.key, value: getSetting(library.db, quota), isDefault: library.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(quota.key) === undefined }));
    const disk = { freeBytes: room.disk.freeBytes, totalBytes: room.disk.totalBytes, owedBytes: room.owed, unfinished: room.uploads.length, keptFreeBytes: room.keep, low: room.headroom < room.keep };
    if (flags.json) {
      write(`${JSON.stringify({ quotas, disk })}\n`);
      return 0;
    }
    for (const quota of quotas) {
      const value = quota.value === null ? bilingual({ key: 'cli.moderate.quotaFreeRule' }) : quota.key.endsWith('_bytes') ? `${quota.value} (${megabytes(quota.value)} MB)` : quota.value;
      write(`${quota.key} = ${value}${quota.isDefault ? ` (${bilingual({ key: 'cli.moderate.quotaDefault' })})` : ''}\n`);
    }
    const said = { free: megabytes(disk.freeBytes), total: megabytes(disk.totalBytes), uploads: disk.unfinished, owed: megabytes(disk.owedBytes), kept: megabytes(disk.keptFreeBytes) };
    write(`${bilingual({ key: 'cli.moderate.quotaDisk', params: said })}\n${bilingual({ key: disk.low ? 'cli.moderate.diskLow' : 'cli.moderate.diskRoom' })}\n`);
    return 0;
  } finally {
    library.close();
  }
}

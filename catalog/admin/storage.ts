/**
 * What the library holds on its disk, for the officials' storage screen (`admin.storage`): the
 * disk's total and free space (statfs of the library folder) with a warning level before it
 * fills, the database's size, the catalog's files by state and, for the files present, per
 * field, document type and kind; and what selective sync keeps.
 */
import fs from 'node:fs';
import type { Library } from '../library.js';
import { readSelection, selectionCounts } from '../sync/selection.js';
import type { DiskLevel, StorageGroup, StorageReport } from '../../shared/contract/admin.js';
import type { PublicationKind } from '../../shared/domain.js';

const GIB = 1024 ** 3;

/**
 * Free space under which the screen warns ('low': a tenth of the disk, at most 5 GiB, at least
 * 1 GiB) and under which downloads will soon fail ('critical': a quarter of that, or less than
 * what is still to download).
 */
export function diskLevel(totalBytes: number, freeBytes: number, pendingBytes: number): { level: DiskLevel; lowBytes: number; criticalBytes: number } {
  const lowBytes = Math.min(5 * GIB, Math.max(GIB, Math.round(totalBytes / 10)));
  const criticalBytes = Math.max(Math.round(lowBytes / 4), pendingBytes);
  const level: DiskLevel = freeBytes < criticalBytes ? 'critical' : freeBytes < lowBytes ? 'low' : 'ok';
  return { level, lowBytes, criticalBytes };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Files present, grouped by `group` (an SQL expression over p, with `je` the publication's fields). */
function groups<K>(library: Library, group: string, joinFields = false): StorageGroup<K>[] {
  return library.db
    .prepare(
      `SELECT key, count(*) AS files, coalesce(sum(size), 0) AS bytes FROM (
         SELECT DISTINCT ${group} AS key, f.sha256, f.size
         FROM files f JOIN publication_files pf ON pf.sha256 = f.sha256 JOIN publications p ON p.id = pf.publication_id
         ${joinFields ? 'LEFT JOIN json_each(p.fields) je' : ''}
         WHERE f.state = 'present')
       GROUP BY key ORDER BY bytes DESC, key`,
    )
    .all() as StorageGroup<K>[];
}

export function storageReport(library: Library): StorageReport {
  const stats = fs.statfsSync(library.dir);
  const totalBytes = stats.blocks * stats.bsize;
  const freeBytes = stats.bavail * stats.bsize;
  const files = library.db
    .prepare(
      `SELECT count(*) FILTER (WHERE state = 'present') AS presentFiles,
              coalesce(sum(size) FILTER (WHERE state = 'present'), 0) AS presentBytes,
              count(*) FILTER (WHERE state = 'pending' AND wanted = 1) AS pendingFiles,
              coalesce(sum(size) FILTER (WHERE state = 'pending' AND wanted = 1), 0) AS pendingBytes,
              count(*) FILTER (WHERE state = 'pending' AND wanted = 0) AS notKeptFiles,
              coalesce(sum(size) FILTER (WHERE state = 'pending' AND wanted = 0), 0) AS notKeptBytes,
              count(*) FILTER (WHERE state = 'corrupt') AS corruptFiles
       FROM files`,
    )
    .get() as StorageReport['files'];
  const database = library.layout.database;
  return {
    disk: { totalBytes, freeBytes, ...diskLevel(totalBytes, freeBytes, files.pendingBytes) },
    databaseBytes: sizeOf(database) + sizeOf(`${database}-wal`),
    files,
    byField: groups<string | null>(library, 'je.value', true),
    byType: groups<string | null>(library, 'p.doc_type'),
    byKind: groups<PublicationKind>(library, 'p.kind'),
    selection: readSelection(library),
    counts: selectionCounts(library),
  };
}

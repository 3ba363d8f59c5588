/**
 * Disk full during sync (issue 4 § Faults; security.md case 22): an injected ENOSPC while a file
 * downloads, and SQLITE_FULL while pages are applied. Each time: a clear bilingual error, the
 * previous catalog intact and searchable, no partial file left, and a later run completes.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { getPublication } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { SyncDiskFullError } from '../../../catalog/sync/errors.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { addDocument, diskFull, hubWith, snapshotOf, stationWithSource } from './fixtures.js';
import { integrityOf } from '../../helpers/integrity.js';

const ids = (library: Library) => library.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[];
const found = (library: Library, q: string) => search(library.db, { q, offset: 0, limit: 10 }).items.map((item) => item.publication.id);

describe('disk full during sync', () => {
  it('while downloading: a clear error, files stay pending, no .part left, catalog intact; a later run completes', async () => {
    const hub = await hubWith(['luat-1', 'luat-2', 'luat-3'], 300_000);
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    const source = new FolderSource(hub.feedDir);
    await syncOnce(station, row(), source);
    const before = snapshotOf(station);
    const cursorBefore = row();
    const delays: number[] = [];

    const full = diskFull(100_000);
    const opened = full.opened;
    const result = await downloadPending(station, source, { baseDelayMs: 5, sleep: async (ms) => void delays.push(ms), createWriteStream: full.openWrite });
    expect(result.downloaded).toBe(0);
    expect(result.error).toEqual({ key: 'sync.downloadDiskFull' });
    expect(result.failed).toHaveLength(3);
    for (const failure of result.failed) expect(failure.reason).toEqual(result.error);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.length).toBeLessThanOrEqual(2); // the run stops at the first full disk, no retry storm
    expect(delays).toEqual([]);
    expect(fs.readdirSync(station.layout.partial)).toEqual([]);
    expect(station.db.prepare("SELECT DISTINCT state FROM files").pluck().all()).toEqual(['pending']);
    expect(getPublication(station.db, 'luat-1')?.available).toBe(false);
    expect(snapshotOf(station)).toEqual(before);
    expect(row()).toEqual(cursorBefore);
    expect(found(station, 'luat-2')).toContain('luat-2');
    expect(integrityOf(station)).toBe('ok');

    const retry = await downloadPending(station, source, { baseDelayMs: 5, sleep: async (ms) => void delays.push(ms) });
    expect(retry).toMatchObject({ downloaded: 3, failed: [] });
    expect(retry.error).toBeUndefined();
    expect(station.info()).toMatchObject({ publications: 3, filesPresent: 3, filesPending: 0 });
    expect(fs.readdirSync(station.layout.partial)).toEqual([]);
  });

  it('while applying pages (SQLITE_FULL): a clear error, integrity ok, cursor and catalog as before; a later sync completes', async () => {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    const source = new FolderSource(hub.feedDir);
    await syncOnce(station, row(), source);
    for (let i = 3; i <= 60; i += 1) await addDocument(hub.library, `luat-${i}`, `Luật luat-${i} ${'về quản lý đất đai '.repeat(20)}`, `%PDF-1.4 ${i}`);
    await hub.publishNow();
    for (let i = 61; i <= 80; i += 1) await addDocument(hub.library, `luat-${i}`, `Luật luat-${i} ${'về quản lý đất đai '.repeat(20)}`, `%PDF-1.4 ${i}`);
    await hub.publishNow();

    const before = snapshotOf(station);
    const cursorBefore = row();
    const idsBefore = ids(station);
    station.db.pragma(`max_page_count = ${station.db.pragma('page_count', { simple: true }) as number}`);

    const error = await syncOnce(station, row(), source).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SyncDiskFullError);
    expect((error as Error).message).toMatch(/Đĩa đầy/);
    expect((error as Error).message).toMatch(/disk is full/);
    expect(integrityOf(station)).toBe('ok');
    expect(snapshotOf(station)).toEqual(before);
    expect(row()).toEqual(cursorBefore);
    expect(ids(station)).toEqual(idsBefore);
    expect(found(station, 'luat-1')).toContain('luat-1');

    station.db.pragma('max_page_count = 1073741823');
    expect(await syncOnce(station, row(), source)).toMatchObject({ status: 'applied', added: 78 });
    expect(ids(station)).toEqual(hub.library.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all());
    expect(row().last_change).toBe(hub.library.db.prepare('SELECT max(seq) FROM changes').pluck().get());
    expect(integrityOf(station)).toBe('ok');
  });
});

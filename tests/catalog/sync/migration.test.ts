/**
 * Migration 11 on a station that synced before it (issue 11): the trust and cursor kept per
 * location move to the hub's key; rows a synced feed carries, stored as 'local' by the old
 * origin rule, become national; the demo set's rows are marked; the next sync continues from the
 * cursor, and an old root from any location is refused. The migration that keeps sync messages
 * by reference (issue 14): a history and a last error written as sentences read back as
 * references whose words are those sentences.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../catalog/db/open.js';
import { MIGRATIONS } from '../../../catalog/db/migrations.js';
import { keyIdOf } from '../../../catalog/feed/keys.js';
import { rootSchema } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { SyncRefusedError } from '../../../catalog/sync/errors.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { getSource, listSources, sourceInfo } from '../../../catalog/sync/sources.js';
import { say } from '../../../shared/messages.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { addDocument, copyFeed, hubWith } from './fixtures.js';

describe('migration 11: trust per key, origin, demo marks', () => {
  it('moves a source’s state to its key, makes national what the feed carries, marks the demo set, and syncs on from the cursor', async () => {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const old = copyFeed(hub.feedDir);
    const pem = fs.readFileSync(hub.key.publicKeyPath, 'utf8');
    const rootBytes = fs.readFileSync(path.join(hub.feedDir, 'root.json'));
    const root = rootSchema.parse(JSON.parse(rootBytes.toString('utf8')));
    const lastChange = Math.max(...root.pages.map((p) => p.lastChange));

    // A station at schema 10 that synced sequence 1 (the feed's rows stored as 'local', as a hub's imports arrived).
    const dir = tempDir('migrate-station-');
    const db = new Database(path.join(dir, 'catalog.sqlite'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    db.prepare('INSERT INTO sync_sources (id, location, trusted_keys, last_sequence, last_root_sha256, last_change) VALUES (1, ?, ?, 1, ?, ?)').run(hub.feedDir, JSON.stringify([pem]), sha256Hex(rootBytes), lastChange);
    const insert = db.prepare("INSERT INTO publications (id, kind, title, title_sort, origin, created_at, updated_at) VALUES (?, 'legal', ?, ?, ?, '2026-01-01', '2026-01-01')");
    for (const [id, origin] of [['luat-1', 'local'], ['luat-2', 'local'], ['cong-van-cua-xa', 'local'], ['truyen-kieu', 'national']]) insert.run(id, id, id, origin);
    db.close();
    fs.cpSync(hub.feedDir, path.join(dir, 'feed-cache', '1'), { recursive: true });

    const station = await openTestLibrary(dir);
    expect(station.db.prepare('SELECT key_id, last_sequence, last_root_sha256, last_change FROM sync_keys').all()).toEqual([
      { key_id: keyIdOf(hub.key.publicKey), last_sequence: 1, last_root_sha256: sha256Hex(rootBytes), last_change: lastChange },
    ]);
    expect(getSource(station, 1)).toMatchObject({ key_id: keyIdOf(hub.key.publicKey), last_sequence: 1, last_change: lastChange });
    expect(station.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('sync_sources')).not.toContain('last_change');
    expect(Object.fromEntries(station.db.prepare('SELECT id, origin FROM publications').raw().all() as [string, string][])).toEqual({
      'luat-1': 'national', 'luat-2': 'national', 'cong-van-cua-xa': 'local', 'truyen-kieu': 'national',
    });
    expect(station.db.prepare('SELECT publication_id FROM demo_publications').pluck().all()).toEqual(['truyen-kieu']);

    // The next publish reaches it as pages after its cursor; an old root from another folder is refused.
    await addDocument(hub.library, 'luat-3', 'Luật 3', '%PDF-1.4 luật 3');
    await hub.publishNow();
    expect(await syncOnce(station, getSource(station, 1), new FolderSource(hub.feedDir))).toMatchObject({ status: 'applied', sequence: 2, added: 1, updated: 0 });
    const usb = station.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(old, JSON.stringify([pem])).lastInsertRowid;
    await expect(syncOnce(station, getSource(station, Number(usb)), new FolderSource(old))).rejects.toBeInstanceOf(SyncRefusedError);
  });
});

describe('migration: sync messages by reference', () => {
  it('keeps the sentences of an older history and last error as written, read back as references', async () => {
    const byReference = MIGRATIONS.find((m) => m.name === 'sync messages by reference')!.version;
    const refused = 'Từ chối nguồn cấp (unknown_key): Khóa ký không được tin cậy / Feed refused (unknown_key): The signing key is not trusted';
    const dir = tempDir('migrate-messages-');
    const db = new Database(path.join(dir, 'catalog.sqlite'));
    migrate(db, MIGRATIONS.filter((m) => m.version < byReference));
    db.prepare("INSERT INTO sync_sources (id, location, last_error) VALUES (1, '/media/usb/feed', ?)").run(refused);
    const run = db.prepare("INSERT INTO sync_runs (source_id, trigger, started_at, finished_at, status, message) VALUES (1, 'manual', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', ?, ?)");
    run.run('refused', refused);
    run.run('ok', null);
    db.close();

    const station = await openTestLibrary(dir);
    const service = new SyncService(station);
    const [ok, old] = service.history().items;
    expect(ok.message).toBeNull();
    expect(old.message).toEqual({ key: 'message.written', params: { text: refused } });
    for (const lang of ['vi', 'en'] as const) expect(say(lang, old.message!)).toBe(refused);
    expect(sourceInfo(listSources(station)[0]).lastError).toEqual(old.message);
    await service.dispose();
  });
});

/**
 * docs/feed.md § The station side and § Sync from the app, promises no other test held: removing
 * a source (`sync.removeSource`) deletes its feed cache and keeps the catalog it brought; a
 * source's keys can be added later, never silently replaced; the schedule takes 5 minutes or
 * more (or none). A hub's published feed in a folder, a station calling the contract as an official.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../catalog/library.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { feedCacheDir } from '../../catalog/sync/feed-cache.js';
import { getSource } from '../../catalog/sync/sources.js';
import { FolderSource } from '../../catalog/sync/source.js';
import type { SyncSourceInfo } from '../../shared/sync-status.js';
import { contractOf } from '../helpers/staff-contract.js';
import { tempLibrary } from '../helpers/temp-library.js';
import { hubWith, keys } from '../catalog/sync/fixtures.js';

const publications = (library: Library) => library.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all();

describe('the sources of a station', () => {
  it('removing one deletes its feed cache; the publications it brought stay', async () => {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const station = await tempLibrary('sources-station-');
    const { call } = await contractOf(station);
    const added = await call('sync.addSource', { location: hub.feedDir, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
    expect(added).toMatchObject({ ok: true });
    const { id } = (added as { result: SyncSourceInfo }).result;
    await syncOnce(station, getSource(station, id), new FolderSource(hub.feedDir));
    expect(publications(station)).toEqual(['luat-1', 'luat-2']);
    const cache = feedCacheDir(station, id);
    expect(fs.readdirSync(cache)).toContain('root.json');

    expect(await call('sync.removeSource', { id })).toMatchObject({ ok: true, result: [] });
    expect(fs.existsSync(cache)).toBe(false);
    expect(publications(station)).toEqual(['luat-1', 'luat-2']);
    expect(await call('sync.removeSource', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('takes a new key beside the ones it has, never in their place', async () => {
    const station = await tempLibrary('sources-keys-');
    const { call } = await contractOf(station);
    const [first, second] = [keys(), keys()];
    const location = 'https://hub.example.vn/feed/';
    const pem = (key: ReturnType<typeof keys>) => fs.readFileSync(key.publicKeyPath, 'utf8');
    expect(await call('sync.addSource', { location, publicKeys: [] })).toMatchObject({ ok: false });
    const once = (await call('sync.addSource', { location, publicKeys: [pem(first)] })) as { result: SyncSourceInfo };
    const twice = (await call('sync.addSource', { location, publicKeys: [pem(second)] })) as { result: SyncSourceInfo };
    expect(twice.result.id).toBe(once.result.id);
    expect(twice.result.keyIds).toHaveLength(2);
    expect(twice.result.keyIds).toEqual(expect.arrayContaining(once.result.keyIds));
  });

  it('runs on a schedule of 5 minutes or more, or none', async () => {
    const { call } = await contractOf(await tempLibrary('sources-schedule-'));
    for (const intervalMinutes of [0, 4, 4.5, -5]) {
      expect(await call('sync.updateSettings', { intervalMinutes }), String(intervalMinutes)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await call('sync.updateSettings', { intervalMinutes: 5 })).toMatchObject({ ok: true, result: { intervalMinutes: 5 } });
    expect(await call('sync.updateSettings', { intervalMinutes: null })).toMatchObject({ ok: true, result: { intervalMinutes: null } });
  });
});

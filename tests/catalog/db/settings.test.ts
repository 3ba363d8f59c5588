/**
 * catalog/db/settings.ts: every setting reads its default while unset, reads what earlier versions
 * stored (the keys and the stored text below are the on-disk format: a library made by an older
 * version must read the same), and writes back exactly that text.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../catalog/db/open.js';
import type { Db } from '../../../catalog/db/open.js';
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../../../catalog/db/settings.js';
import type { Setting } from '../../../catalog/db/settings.js';
import { KEEP_EVERYTHING } from '../../../shared/sync.js';
import { tempDir } from '../../helpers/temp-dir.js';

const database = () => openDatabase(path.join(tempDir(), 'catalog.sqlite'));
const stored = (db: Db, key: string) => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key);

/** Each setting, as a library written by an earlier version holds it, and what it reads as. */
const ON_DISK: [Setting<unknown>, string, string, unknown][] = [
  [SETTINGS.libraryName, 'library.name', 'Xã Hòa Bình', 'Xã Hòa Bình'],
  [SETTINGS.reportHead, 'report.head_name', 'Nguyễn Văn A', 'Nguyễn Văn A'],
  [SETTINGS.displayLargeText, 'display.large_text', '1', true],
  [SETTINGS.displayLanguage, 'display.language', 'en', 'en'],
  [SETTINGS.displayPrintingAllowed, 'display.printing_allowed', '0', false],
  [SETTINGS.kioskEnabled, 'kiosk.enabled', '1', true],
  [SETTINGS.kioskIdleSeconds, 'kiosk.idle_seconds', '90', 90],
  [SETTINGS.kioskPrinter, 'kiosk.printer', 'HP LaserJet P1102 (tầng 1)', 'HP LaserJet P1102 (tầng 1)'],
  [SETTINGS.lanEnabled, 'lan.enabled', '1', true],
  [SETTINGS.updateUrl, 'update.url', 'https://hub.example.vn/updates', 'https://hub.example.vn/updates'],
  [SETTINGS.updateChannel, 'update.channel', 'beta', 'beta'],
  [SETTINGS.hubUrl, 'outbox.hub_url', 'https://hub.example.vn/', 'https://hub.example.vn/'],
  [SETTINGS.stationId, 'outbox.station_id', '0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef'],
  [SETTINGS.usageSentAt, 'outbox.usage_sent_at', '2025-03-01T08:00:00.000Z', '2025-03-01T08:00:00.000Z'],
  [SETTINGS.syncIntervalMinutes, 'sync.interval_minutes', '60', 60],
  [SETTINGS.syncMaxBytesPerSecond, 'sync.max_bytes_per_second', '500000', 500_000],
  [SETTINGS.syncSelection, 'sync.selection', '{"fields":["Đất đai"],"docTypes":null,"kinds":null,"maxBytes":1000}', { fields: ['Đất đai'], docTypes: null, kinds: null, maxBytes: 1000 }],
  [SETTINGS.scanFolders, 'desk.scanFolders', '["/home/thu-vien/scans"]', ['/home/thu-vien/scans']],
  [SETTINGS.demoMerged, 'demo.merged', '2', 2],
  [SETTINGS.demoRetired, 'demo.retired', '{"at":"2025-03-01T08:00:00.000Z","merged":2,"removed":5}', { at: '2025-03-01T08:00:00.000Z', merged: 2, removed: 5 }],
  [SETTINGS.thesaurus, 'search.thesaurus', 'gà qué => chăn nuôi\n', 'gà qué => chăn nuôi\n'],
  [SETTINGS.thesaurusKeyId, 'search.thesaurus.key', 'ab'.repeat(32), 'ab'.repeat(32)],
  [SETTINGS.passageTermRows, 'term_stats.passage.rows', '12345', 12345],
  [SETTINGS.metaTermRows, 'term_stats.meta.rows', '678', 678],
  [SETTINGS.relationsUnread, 'relations.unread', '3', 3],
  [SETTINGS.relationsRead, 'relations.read', '{"reader":1,"unread":3}', { reader: 1, unread: 3 }],
  [SETTINGS.publishSequence, 'publish.sequence', '7', 7],
  [SETTINGS.publishLastChange, 'publish.last_change_seq', '42', 42],
  [SETTINGS.hubInFlightBytes, 'hub.quota.in_flight_bytes', '104857600', 104_857_600],
  [SETTINGS.hubUploadsPerDay, 'hub.quota.uploads_per_day', '50', 50],
  [SETTINGS.hubUsageRowsPerDay, 'hub.quota.usage_rows_per_day', '10000', 10_000],
  [SETTINGS.hubPendingPerAddress, 'hub.quota.pending_enrolments_per_address', '5', 5],
  [SETTINGS.hubMinFreeBytes, 'hub.quota.min_free_bytes', '1073741824', 1_073_741_824],
];

describe('settings', () => {
  it('lists every setting once, under its own key', () => {
    const all = Object.values(SETTINGS);
    expect(new Set(all.map((setting) => setting.key)).size).toBe(all.length);
    expect(ON_DISK.map(([setting]) => setting)).toEqual(all);
  });

  it('reads what earlier versions stored, and writes back the same text', () => {
    const db = database();
    for (const [setting, key, text, value] of ON_DISK) {
      expect(setting.key).toBe(key);
      // A new library notes at creation that it has no text to read (relations.read).
      db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, text);
      expect(getSetting(db, setting), key).toEqual(value);
      deleteSetting(db, setting);
      expect(stored(db, key), key).toBeUndefined();
      setSetting(db, setting, value as NonNullable<unknown>);
      expect(stored(db, key), key).toBe(text);
    }
    db.close();
  });

  it('reads the default while unset', () => {
    const db = database();
    expect(getSetting(db, SETTINGS.libraryName)).toBeNull();
    expect(getSetting(db, SETTINGS.displayLanguage)).toBe('vi');
    expect(getSetting(db, SETTINGS.displayPrintingAllowed)).toBe(true);
    expect(getSetting(db, SETTINGS.kioskEnabled)).toBe(false);
    expect(getSetting(db, SETTINGS.kioskIdleSeconds)).toBe(180);
    expect(getSetting(db, SETTINGS.syncIntervalMinutes)).toBeNull();
    expect(getSetting(db, SETTINGS.syncSelection)).toEqual(KEEP_EVERYTHING);
    expect(getSetting(db, SETTINGS.scanFolders)).toEqual([]);
    expect(getSetting(db, SETTINGS.demoRetired)).toBeNull();
    expect(getSetting(db, SETTINGS.passageTermRows)).toBe(-1);
    expect(getSetting(db, SETTINGS.publishSequence)).toBe(0);
    expect(getSetting(db, SETTINGS.hubInFlightBytes)).toBe(600 * 1024 * 1024);
    expect(getSetting(db, SETTINGS.hubUploadsPerDay)).toBe(200);
    expect(getSetting(db, SETTINGS.hubUsageRowsPerDay)).toBe(50_000);
    expect(getSetting(db, SETTINGS.hubPendingPerAddress)).toBe(20);
    expect(getSetting(db, SETTINGS.hubMinFreeBytes)).toBeNull();
    db.close();
  });

  it('reads a hand-edited value as the default where one makes sense, and refuses a damaged selection', () => {
    const db = database();
    const write = (setting: Setting<unknown>, text: string) => db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(setting.key, text);
    write(SETTINGS.displayLanguage, 'fr');
    expect(getSetting(db, SETTINGS.displayLanguage)).toBe('vi');
    write(SETTINGS.scanFolders, 'not json');
    expect(getSetting(db, SETTINGS.scanFolders)).toEqual([]);
    write(SETTINGS.scanFolders, '["/a", 3, "/b"]');
    expect(getSetting(db, SETTINGS.scanFolders)).toEqual(['/a', '/b']);
    write(SETTINGS.syncSelection, '{"fields": 3}');
    expect(() => getSetting(db, SETTINGS.syncSelection)).toThrow();
    db.close();
  });
});

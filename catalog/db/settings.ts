/**
 * The `settings` table, and the one list of what it holds: every key a library keeps, the value
 * it reads as while no row holds it, and how its value is stored (text as is, a flag as '1' or
 * '0', a number in decimal, JSON). Nothing else names a key or touches the table: the engine reads
 * and writes a setting by its entry in SETTINGS, typed.
 */
import { z } from 'zod';
import type { Db } from './open.js';
import { statement } from './statements.js';
import { DEFAULT_DISPLAY, DEFAULT_KIOSK_IDLE_SECONDS } from '../../shared/domain.js';
import type { DisplayDefaults } from '../../shared/domain.js';
import { KEEP_EVERYTHING, syncSelectionSchema } from '../../shared/sync.js';
import { UPDATE_CHANNEL_KEY, UPDATE_URL_KEY } from '../../shared/update-settings.js';

export interface Setting<T> {
  readonly key: string;
  /** What the setting reads as while the table has no row for it. */
  readonly fallback: T;
  parse(stored: string): T;
  serialise(value: NonNullable<T>): string;
}

/** Text kept as is; null while unset. */
const text = (key: string): Setting<string | null> => ({ key, fallback: null, parse: (stored) => stored, serialise: (value) => value });

const flag = (key: string, fallback: boolean): Setting<boolean> => ({
  key,
  fallback,
  parse: (stored) => stored === '1',
  serialise: (value) => (value ? '1' : '0'),
});

const number = <T extends number | null>(key: string, fallback: T): Setting<number | T> => ({
  key,
  fallback,
  parse: (stored) => Number(stored),
  serialise: (value) => String(value),
});

/** JSON checked by `schema` on the way in; a value that is not JSON reaches the schema as undefined. */
const json = <T>(key: string, fallback: T, schema: z.ZodType<T>): Setting<T> => ({
  key,
  fallback,
  parse: (stored) => {
    let value: unknown;
    try {
      value = JSON.parse(stored);
    } catch {
      value = undefined;
    }
    return schema.parse(value);
  },
  serialise: (value) => JSON.stringify(value),
});

const displayLanguage: Setting<DisplayDefaults['language']> = {
  key: 'display.language',
  fallback: DEFAULT_DISPLAY.language,
  parse: (stored) => (stored === 'en' ? 'en' : 'vi'),
  serialise: (value) => value,
};

const relationsRead = z.object({ reader: z.number(), unread: z.number() }).nullable().catch(null);

const retiredDemo = z.object({ at: z.string(), merged: z.number(), removed: z.number() }).nullable().catch(null);

/** Folders given by hand may hold anything: what is not a list of paths reads as none. */
const folders = z
  .array(z.unknown())
  .transform((values) => values.filter((value): value is string => typeof value === 'string'))
  .catch([]);

export const SETTINGS = {
  /** The commune's name, set by officials (the report's "Đơn vị", the feed's title); null until set: the report says it is missing, other uses fall back to a default name. */
  libraryName: text('library.name'),
  /** The name of the unit's head, who signs the yearly report under "Thủ trưởng đơn vị"; null: a line to write it on. */
  reportHead: text('report.head_name'),
  /** The resident screens' defaults (catalog/admin/settings.ts). */
  displayLargeText: flag('display.large_text', DEFAULT_DISPLAY.largeText),
  displayLanguage,
  displayPrintingAllowed: flag('display.printing_allowed', DEFAULT_DISPLAY.printingAllowed),
  kioskEnabled: flag('kiosk.enabled', false),
  kioskIdleSeconds: number('kiosk.idle_seconds', DEFAULT_KIOSK_IDLE_SECONDS),
  /** The printer a kiosk prints to without a dialog (electron/kiosk-print.ts); null: the default printer. */
  kioskPrinter: text('kiosk.printer'),
  /** Serve the LAN at the next start. */
  lanEnabled: flag('lan.enabled', false),
  /** The update server (null: the installer's own) and release line, read raw: the updater refuses a typo. */
  updateUrl: text(UPDATE_URL_KEY),
  updateChannel: text(UPDATE_CHANNEL_KEY),
  /** The hub uploads and counts go to (null: the first http(s) sync source), this station's id, the last count sent (ISO time). */
  hubUrl: text('outbox.hub_url'),
  stationId: text('outbox.station_id'),
  usageSentAt: text('outbox.usage_sent_at'),
  /** The sync schedule and bandwidth cap; null: none. */
  syncIntervalMinutes: number('sync.interval_minutes', null),
  syncMaxBytesPerSecond: number('sync.max_bytes_per_second', null),
  /** What of the national catalog this station keeps (a stored value the schema refuses throws). */
  syncSelection: json('sync.selection', KEEP_EVERYTHING, syncSelectionSchema),
  /** Folders the desk watches for scanned files, besides the environment's. */
  scanFolders: json<string[]>('desk.scanFolders', [], folders),
  /** Demo rows a feed merged into its own record so far, and what became of the demo set once a feed retired it. */
  demoMerged: number('demo.merged', 0),
  demoRetired: json('demo.retired', null, retiredDemo),
  /** Thesaurus additions (catalog/search/lexicon.ts), and the key of the feed that sent them. */
  thesaurus: text('search.thesaurus'),
  thesaurusKeyId: text('search.thesaurus.key'),
  /** Rows in each search index when its common terms were counted (catalog/search/term-stats.ts); -1: never. */
  passageTermRows: number('term_stats.passage.rows', -1),
  metaTermRows: number('term_stats.meta.rows', -1),
  /**
   * Texts left unread so far (bumped each time one is, catalog/relations/readings.ts), and where
   * the last complete background reading stood (its reader, that count when it started): while
   * they agree, every text has been read (catalog/relations/service.ts asks for no reading).
   */
  relationsUnread: number('relations.unread', 0),
  relationsRead: json('relations.read', null, relationsRead),
  /** The hub's last published root sequence, and the last change it carried. */
  publishSequence: number('publish.sequence', 0),
  publishLastChange: number('publish.last_change_seq', null),
  /**
   * A hub's quotas (catalog/hub/quotas.ts; docs/uploads.md § Quotas says why each default fits a
   * province hub). Per station: bytes of its unfinished uploads (three of the largest uploads),
   * uploads created a day, usage rows written a day. Pending enrolment requests from one source
   * address. Free space kept on the hub's disk (null: 2 GiB or 5 % of the disk, the larger).
   */
  hubInFlightBytes: number('hub.quota.in_flight_bytes', 600 * 1024 * 1024),
  hubUploadsPerDay: number('hub.quota.uploads_per_day', 200),
  hubUsageRowsPerDay: number('hub.quota.usage_rows_per_day', 50_000),
  hubPendingPerAddress: number('hub.quota.pending_enrolments_per_address', 20),
  hubMinFreeBytes: number('hub.quota.min_free_bytes', null),
} as const;

export function getSetting<T>(db: Db, setting: Setting<T>): T {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(setting.key) as { value: string } | undefined;
  return row === undefined ? setting.fallback : setting.parse(row.value);
}

export function setSetting<T>(db: Db, setting: Setting<T>, value: NonNullable<T>): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(setting.key, setting.serialise(value));
}

/** Removes the row: the setting reads as its fallback again. */
export function deleteSetting<T>(db: Db, setting: Setting<T>): void {
  statement(db, 'DELETE FROM settings WHERE key = ?').run(setting.key);
}

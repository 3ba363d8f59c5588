/**
 * A library: one data directory holding the catalog database and the file store. Opening it
 * creates what is missing, migrates the schema and clears temporary files left by a crash.
 */
import fs from 'node:fs';
import { openDatabase, schemaVersion } from './db/open.js';
import type { Db } from './db/open.js';
import { readSetting, writeSetting } from './db/settings.js';
import { libraryLayout } from './paths.js';
import type { LibraryLayout } from './paths.js';
import { FileStore } from './store/file-store.js';
import { countPublications } from './publications.js';
import { demoState } from './demo.js';
import { APP_VERSION } from './package-root.js';
import { DEFAULT_DISPLAY, DEFAULT_KIOSK_IDLE_SECONDS } from '../shared/domain.js';
import type { DisplayDefaults, KioskSettings, LibraryInfo } from '../shared/domain.js';

const KIOSK_IDLE_KEY = 'kiosk.idle_seconds';
const KIOSK_ENABLED_KEY = 'kiosk.enabled';
/** Display defaults of the resident screens (officials' station settings, catalog/admin/settings.ts). */
export const DISPLAY_KEYS = { largeText: 'display.large_text', language: 'display.language', printingAllowed: 'display.printing_allowed' } as const;
export const LIBRARY_NAME_KEY = 'library.name';

export const DEFAULT_LIBRARY_NAME = 'Tủ sách pháp luật';

export class Library {
  private constructor(
    readonly layout: LibraryLayout,
    readonly db: Db,
    readonly files: FileStore,
    /** Text objects of the feed (catalog/feed/text-object.ts) a station holds. */
    readonly texts: FileStore,
  ) {}

  /** Where phones on the LAN reach this library while it is served with LAN serving on (set by catalog/station.ts). */
  lanUrl: string | null = null;

  static async open(dir: string): Promise<Library> {
    const layout = libraryLayout(dir);
    fs.mkdirSync(layout.files, { recursive: true });
    const db = openDatabase(layout.database);
    const files = new FileStore(layout.files, layout.temp);
    const texts = new FileStore(layout.texts, layout.textsTemp);
    await files.clearTemp();
    await texts.clearTemp();
    return new Library(layout, db, files, texts);
  }

  get dir(): string {
    return this.layout.dir;
  }

  getSetting(key: string): string | null {
    return readSetting(this.db, key);
  }

  setSetting(key: string, value: string): void {
    writeSetting(this.db, key, value);
  }

  info(): LibraryInfo {
    const files = this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE state = 'present') AS present,
                count(*) FILTER (WHERE state = 'pending' AND wanted = 1) AS pending,
                count(*) FILTER (WHERE state = 'pending' AND wanted = 0) AS excluded,
                coalesce(sum(size) FILTER (WHERE state = 'present'), 0) AS bytes
         FROM files`,
      )
      .get() as { present: number; pending: number; excluded: number; bytes: number };
    return {
      name: this.getSetting(LIBRARY_NAME_KEY) ?? DEFAULT_LIBRARY_NAME,
      appVersion: APP_VERSION,
      schemaVersion: schemaVersion(this.db),
      publications: countPublications(this.db),
      filesPresent: files.present,
      filesPending: files.pending,
      filesNotKept: files.excluded,
      bytesPresent: files.bytes,
      kiosk: this.kioskSettings(),
      display: this.displayDefaults(),
      lanUrl: this.lanUrl,
      demo: demoState(this),
    };
  }

  displayDefaults(): DisplayDefaults {
    const flag = (key: string, fallback: boolean) => {
      const value = this.getSetting(key);
      return value === null ? fallback : value === '1';
    };
    return {
      largeText: flag(DISPLAY_KEYS.largeText, DEFAULT_DISPLAY.largeText),
      language: this.getSetting(DISPLAY_KEYS.language) === 'en' ? 'en' : 'vi',
      printingAllowed: flag(DISPLAY_KEYS.printingAllowed, DEFAULT_DISPLAY.printingAllowed),
    };
  }

  kioskSettings(): KioskSettings {
    return {
      enabled: this.getSetting(KIOSK_ENABLED_KEY) === '1',
      idleSeconds: Number(this.getSetting(KIOSK_IDLE_KEY) ?? DEFAULT_KIOSK_IDLE_SECONDS),
    };
  }

  /** Changes what is given; the rest stays. */
  updateKioskSettings(settings: Partial<KioskSettings>): KioskSettings {
    this.db.transaction(() => {
      if (settings.enabled !== undefined) this.setSetting(KIOSK_ENABLED_KEY, settings.enabled ? '1' : '0');
      if (settings.idleSeconds !== undefined) this.setSetting(KIOSK_IDLE_KEY, String(settings.idleSeconds));
    })();
    return this.kioskSettings();
  }

  close(): void {
    this.db.close();
  }
}

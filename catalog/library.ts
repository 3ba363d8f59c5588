/**
 * A library: one data directory holding the catalog database and the file store. Opening it
 * creates what is missing, migrates the schema and clears temporary files left by a crash. A
 * program that writes to it for as long as it runs (the app, `bookshelf serve`, `sync`) opens it
 * as that `writer`, which takes the folder's lock first (library-lock.ts) and refuses a second one.
 */
import fs from 'node:fs';
import { openDatabase, schemaVersion } from './db/open.js';
import type { Db } from './db/open.js';
import { SETTINGS, getSetting, setSetting } from './db/settings.js';
import { acquireLibraryLock } from './library-lock.js';
import type { LibraryLock } from './library-lock.js';
import { libraryLayout } from './paths.js';
import type { LibraryLayout } from './paths.js';
import { FileStore } from './store/file-store.js';
import { countPublications } from './publications.js';
import { demoState } from './demo.js';
import { actsAsHub } from './hub/role.js';
import { APP_VERSION } from './package-root.js';
import { translate } from '../shared/messages.js';
import type { DisplayDefaults, KioskSettings, LibraryInfo } from '../shared/domain.js';

/**
 * The library's name until the officials give it one. A name is data — the hub receives it with
 * uploads, a hub's feed carries it as its title — so it is in Vietnamese, whatever a screen's language.
 */
export const DEFAULT_LIBRARY_NAME = translate('vi', 'feed.defaultLibraryName');

export interface OpenOptions {
  /** The program opening the library to run on it ('app', 'serve', 'sync'): takes the folder's writer lock. */
  writer?: string;
}

export class Library {
  /** The writer lock, for a library opened as a writer. */
  private lock: LibraryLock | null = null;

  private constructor(
    readonly layout: LibraryLayout,
    readonly db: Db,
    readonly files: FileStore,
    /** Text objects of the feed (catalog/feed/text-object.ts) a station holds. */
    readonly texts: FileStore,
  ) {}

  /** Where phones on the LAN reach this library while it is served with LAN serving on (set by catalog/station.ts). */
  lanUrl: string | null = null;

  static async open(dir: string, options: OpenOptions = {}): Promise<Library> {
    const layout = libraryLayout(dir);
    fs.mkdirSync(layout.files, { recursive: true });
    const lock = options.writer ? acquireLibraryLock(layout.dir, options.writer) : null;
    try {
      const db = openDatabase(layout.database);
      const files = new FileStore(layout.files, layout.temp);
      const texts = new FileStore(layout.texts, layout.textsTemp);
      const library = new Library(layout, db, files, texts);
      library.lock = lock;
      await files.clearTemp();
      await texts.clearTemp();
      return library;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  get dir(): string {
    return this.layout.dir;
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
      name: getSetting(this.db, SETTINGS.libraryName) ?? DEFAULT_LIBRARY_NAME,
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
      hub: actsAsHub(this.db),
    };
  }

  /** What the resident screens start with (officials' station settings, catalog/admin/settings.ts). */
  displayDefaults(): DisplayDefaults {
    return {
      largeText: getSetting(this.db, SETTINGS.displayLargeText),
      language: getSetting(this.db, SETTINGS.displayLanguage),
      printingAllowed: getSetting(this.db, SETTINGS.displayPrintingAllowed),
    };
  }

  kioskSettings(): KioskSettings {
    return {
      enabled: getSetting(this.db, SETTINGS.kioskEnabled),
      idleSeconds: getSetting(this.db, SETTINGS.kioskIdleSeconds),
    };
  }

  /** Changes what is given; the rest stays. */
  updateKioskSettings(settings: Partial<KioskSettings>): KioskSettings {
    this.db.transaction(() => {
      if (settings.enabled !== undefined) setSetting(this.db, SETTINGS.kioskEnabled, settings.enabled);
      if (settings.idleSeconds !== undefined) setSetting(this.db, SETTINGS.kioskIdleSeconds, settings.idleSeconds);
    })();
    return this.kioskSettings();
  }

  close(): void {
    this.db.close();
    this.lock?.release();
    this.lock = null;
  }
}

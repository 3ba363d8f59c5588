/**
 * The station settings officials keep on the settings screen (`admin.settings`,
 * `admin.updateSettings`), stored in the library's settings table: the commune's name (the
 * report's "Đơn vị"; null until set, so the screens can ask for it) and the name of the unit's
 * head who signs the report, the resident screens' defaults (catalog/library.ts reads them into
 * LibraryInfo) and LAN serving at the next start (`bookshelf serve` reads `lan.enabled`).
 */
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import type { Library } from '../library.js';
import type { StationSettings } from '../../shared/contract/admin.js';

export interface StationSettingsChange {
  communeName?: string;
  /** '' clears it. */
  headName?: string;
  largeText?: boolean;
  language?: 'vi' | 'en';
  printingAllowed?: boolean;
  lanEnabled?: boolean;
}

export function stationSettings(library: Library): StationSettings {
  return {
    communeName: getSetting(library.db, SETTINGS.libraryName),
    headName: getSetting(library.db, SETTINGS.reportHead),
    display: library.displayDefaults(),
    lan: { enabled: lanEnabled(library), currentUrl: library.lanUrl },
  };
}

/** Whether the station should serve the LAN when it starts (off unless an official turned it on). */
export function lanEnabled(library: Library): boolean {
  return getSetting(library.db, SETTINGS.lanEnabled);
}

/** Changes what is given (already validated by the contract), in one transaction; the rest stays. */
export function updateStationSettings(library: Library, change: StationSettingsChange): StationSettings {
  const db = library.db;
  db.transaction(() => {
    if (change.communeName !== undefined) setSetting(db, SETTINGS.libraryName, change.communeName);
    if (change.headName === '') deleteSetting(db, SETTINGS.reportHead);
    else if (change.headName !== undefined) setSetting(db, SETTINGS.reportHead, change.headName);
    if (change.largeText !== undefined) setSetting(db, SETTINGS.displayLargeText, change.largeText);
    if (change.language !== undefined) setSetting(db, SETTINGS.displayLanguage, change.language);
    if (change.printingAllowed !== undefined) setSetting(db, SETTINGS.displayPrintingAllowed, change.printingAllowed);
    if (change.lanEnabled !== undefined) setSetting(db, SETTINGS.lanEnabled, change.lanEnabled);
  })();
  return stationSettings(library);
}

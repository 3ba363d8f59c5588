/**
 * The station settings officials keep on the settings screen (`admin.settings`,
 * `admin.updateSettings`), stored in the library's settings table: the commune's name (the
 * report's "Đơn vị"), the resident screens' defaults (catalog/library.ts reads them into
 * LibraryInfo) and LAN serving at the next start (`bookshelf serve` reads `lan.enabled`).
 */
import { DEFAULT_LIBRARY_NAME, DISPLAY_KEYS, LIBRARY_NAME_KEY } from '../library.js';
import type { Library } from '../library.js';
import type { StationSettings } from '../../shared/contract/admin.js';

export const LAN_ENABLED_KEY = 'lan.enabled';

export interface StationSettingsChange {
  communeName?: string;
  largeText?: boolean;
  language?: 'vi' | 'en';
  printingAllowed?: boolean;
  lanEnabled?: boolean;
}

export function stationSettings(library: Library): StationSettings {
  return {
    communeName: library.getSetting(LIBRARY_NAME_KEY) ?? DEFAULT_LIBRARY_NAME,
    display: library.displayDefaults(),
    lan: { enabled: lanEnabled(library), currentUrl: library.lanUrl },
  };
}

/** Whether the station should serve the LAN when it starts (off unless an official turned it on). */
export function lanEnabled(library: Library): boolean {
  return library.getSetting(LAN_ENABLED_KEY) === '1';
}

/** Changes what is given (already validated by the contract), in one transaction; the rest stays. */
export function updateStationSettings(library: Library, change: StationSettingsChange): StationSettings {
  const flag = (value: boolean) => (value ? '1' : '0');
  library.db.transaction(() => {
    if (change.communeName !== undefined) library.setSetting(LIBRARY_NAME_KEY, change.communeName);
    if (change.largeText !== undefined) library.setSetting(DISPLAY_KEYS.largeText, flag(change.largeText));
    if (change.language !== undefined) library.setSetting(DISPLAY_KEYS.language, change.language);
    if (change.printingAllowed !== undefined) library.setSetting(DISPLAY_KEYS.printingAllowed, flag(change.printingAllowed));
    if (change.lanEnabled !== undefined) library.setSetting(LAN_ENABLED_KEY, flag(change.lanEnabled));
  })();
  return stationSettings(library);
}

/** The station's update settings in its settings table (read by the Electron updater before each check). */
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import { isChannel } from '../../shared/update-settings.js';
import type { UpdateChannel } from '../../shared/update-settings.js';
import type { Library } from '../library.js';

export interface UpdateSettings {
  url: string | null;
  channel: UpdateChannel;
}

/** The two settings as stored, unchecked: the Electron updater refuses a bad one rather than read it as the default. */
export interface StoredUpdateSettings {
  url: string | null;
  channel: string | null;
}

export function storedUpdateSettings(library: Library): StoredUpdateSettings {
  return { url: getSetting(library.db, SETTINGS.updateUrl), channel: getSetting(library.db, SETTINGS.updateChannel) };
}

/** The settings as the officials' screen shows them: an unknown channel reads as 'latest'. */
export function readUpdateSettings(library: Library): UpdateSettings {
  const { url, channel } = storedUpdateSettings(library);
  return { url, channel: channel && isChannel(channel) ? channel : 'latest' };
}

/** `url` null forgets the station's server (the installer's own is used); undefined leaves it. Checked by the caller. */
export function saveUpdateSettings(library: Library, change: { url?: string | null; channel?: UpdateChannel }): UpdateSettings {
  const db = library.db;
  db.transaction(() => {
    if (change.url === null) deleteSetting(db, SETTINGS.updateUrl);
    else if (change.url !== undefined) setSetting(db, SETTINGS.updateUrl, change.url);
    if (change.channel !== undefined) setSetting(db, SETTINGS.updateChannel, change.channel);
  })();
  return readUpdateSettings(library);
}

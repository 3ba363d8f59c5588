/** The station's update settings in its settings table (read by the Electron updater before each check). */
import { UPDATE_CHANNEL_KEY, UPDATE_URL_KEY, isChannel } from '../../shared/update-settings.js';
import type { UpdateChannel } from '../../shared/update-settings.js';
import type { Library } from '../library.js';

export interface UpdateSettings {
  url: string | null;
  channel: UpdateChannel;
}

export function readUpdateSettings(library: Library): UpdateSettings {
  const channel = library.getSetting(UPDATE_CHANNEL_KEY);
  return { url: library.getSetting(UPDATE_URL_KEY), channel: channel && isChannel(channel) ? channel : 'latest' };
}

/** `url` null forgets the station's server (the installer's own is used); undefined leaves it. Checked by the caller. */
export function saveUpdateSettings(library: Library, change: { url?: string | null; channel?: UpdateChannel }): UpdateSettings {
  library.db.transaction(() => {
    if (change.url === null) library.db.prepare('DELETE FROM settings WHERE key = ?').run(UPDATE_URL_KEY);
    else if (change.url !== undefined) library.setSetting(UPDATE_URL_KEY, change.url);
    if (change.channel !== undefined) library.setSetting(UPDATE_CHANNEL_KEY, change.channel);
  })();
  return readUpdateSettings(library);
}

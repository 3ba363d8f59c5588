/**
 * `bookshelf update [--url URL | --url none] [--channel latest|beta]`: where the installed app
 * looks for updates (the hub's update folder) and on which release line; read by the app's
 * updater (electron/updater.ts) before each check. With no flag, prints them. Bilingual output.
 */
import { UPDATE_CHANNELS, UPDATE_CHANNEL_KEY, UPDATE_URL_KEY, isChannel, updateUrlProblem } from '../../shared/update-settings.js';
import { Library } from '../library.js';
import { UsageError } from './usage.js';

export interface UpdateFlags {
  libraryDir: string;
  url?: string;
  channel?: string;
}

export async function runUpdateSettings(flags: UpdateFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const url = flags.url?.trim();
  if (url !== undefined && url !== 'none') {
    const problem = updateUrlProblem(url);
    if (problem) throw new UsageError(`địa chỉ cập nhật không dùng được / ${problem}`);
  }
  if (flags.channel !== undefined && !isChannel(flags.channel)) {
    throw new UsageError(`--channel: ${UPDATE_CHANNELS.join(' | ')} (${flags.channel})`);
  }
  const library = await Library.open(flags.libraryDir);
  try {
    library.db.transaction(() => {
      if (url === 'none') library.db.prepare('DELETE FROM settings WHERE key = ?').run(UPDATE_URL_KEY);
      else if (url !== undefined) library.setSetting(UPDATE_URL_KEY, url);
      if (flags.channel !== undefined) library.setSetting(UPDATE_CHANNEL_KEY, flags.channel);
    })();
    write(
      [
        `Địa chỉ cập nhật / Update URL: ${library.getSetting(UPDATE_URL_KEY) ?? 'theo bộ cài / the installer’s own'}`,
        `Kênh / Channel: ${library.getSetting(UPDATE_CHANNEL_KEY) ?? 'latest'}`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}

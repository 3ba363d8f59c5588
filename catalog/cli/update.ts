/**
 * `bookshelf update [--url URL | --url none] [--channel latest|beta]`: where the installed app
 * looks for updates (the hub's update folder) and on which release line; read by the app's
 * updater (electron/updater.ts) before each check. With no flag, prints them. Bilingual output.
 */
import { UPDATE_CHANNELS, isChannel, updateUrlProblem } from '../../shared/update-settings.js';
import type { UpdateChannel } from '../../shared/update-settings.js';
import { saveUpdateSettings } from '../updates/settings.js';
import { Library } from '../library.js';
import { UsageError, notOneOf } from './usage.js';
import { labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';

export interface UpdateFlags {
  libraryDir: string;
  url?: string;
  channel?: string;
}

export async function runUpdateSettings(flags: UpdateFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const url = flags.url?.trim();
  if (url !== undefined && url !== 'none') {
    const problem = updateUrlProblem(url);
    if (problem) throw new UsageError(labelled('cli.update.badUrl', problem));
  }
  if (flags.channel !== undefined && !isChannel(flags.channel)) {
    throw notOneOf('--channel', flags.channel, UPDATE_CHANNELS);
  }
  const library = await Library.open(flags.libraryDir);
  try {
    const settings = saveUpdateSettings(library, { url: url === 'none' ? null : url, channel: flags.channel as UpdateChannel | undefined });
    write(
      [
        labelled('cli.update.url', settings.url ?? bilingual({ key: 'cli.update.installerUrl' })),
        labelled('cli.update.channel', settings.channel),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}

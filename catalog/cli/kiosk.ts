/**
 * `bookshelf kiosk [--on | --off] [--idle SECONDS]`: the station's kiosk settings — whether the
 * app always starts as a kiosk (without --kiosk), and how long without a touch before the screen
 * goes back home and forgets the last reader. With no flag, prints them. Output is bilingual.
 */
import { Library } from '../library.js';
import { UsageError } from './usage.js';
import { labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';

export interface KioskFlags {
  libraryDir: string;
  on: boolean;
  off: boolean;
  idle?: string;
}

export async function runKiosk(flags: KioskFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (flags.on && flags.off) throw new UsageError(`${bilingual({ key: 'cli.usage.onlyOneOf' })} --on, --off`);
  let idleSeconds: number | undefined;
  if (flags.idle !== undefined) {
    idleSeconds = Number(flags.idle);
    if (!Number.isInteger(idleSeconds) || idleSeconds < 30 || idleSeconds > 3600) {
      throw new UsageError(`--idle: ${bilingual({ key: 'cli.kiosk.idleRange' })} (${flags.idle})`);
    }
  }
  const library = await Library.open(flags.libraryDir);
  try {
    const settings =
      flags.on || flags.off || idleSeconds !== undefined
        ? library.updateKioskSettings({ ...(flags.on || flags.off ? { enabled: flags.on } : {}), ...(idleSeconds === undefined ? {} : { idleSeconds }) })
        : library.kioskSettings();
    write(
      [
        labelled('cli.kiosk.atStart', settings.enabled ? bilingual({ key: 'cli.kiosk.on' }) : `${bilingual({ key: 'cli.kiosk.off' })} (${bilingual({ key: 'cli.kiosk.oneRun' })})`),
        labelled('cli.kiosk.backHome', `${settings.idleSeconds} ${bilingual({ key: 'cli.kiosk.secondsIdle' })}`),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}

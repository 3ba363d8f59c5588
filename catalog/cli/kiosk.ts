/**
 * `bookshelf kiosk [--on | --off] [--idle SECONDS] [--printer NAME]`: the station's kiosk
 * settings — whether the app always starts as a kiosk (without --kiosk), how long without a touch
 * before the screen goes back home and forgets the last reader, and the printer the kiosk prints
 * to without a dialog ("" for the default printer). With no flag, prints them. Output is bilingual.
 */
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import { Library } from '../library.js';
import { UsageError } from './usage.js';
import { labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';

export interface KioskFlags {
  libraryDir: string;
  on: boolean;
  off: boolean;
  idle?: string;
  /** The kiosk's printer, as the system names it; '' goes back to the default printer. */
  printer?: string;
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
    if (flags.printer !== undefined) {
      const printer = flags.printer.trim();
      if (printer === '') deleteSetting(library.db, SETTINGS.kioskPrinter);
      else setSetting(library.db, SETTINGS.kioskPrinter, printer);
    }
    const printer = getSetting(library.db, SETTINGS.kioskPrinter);
    write(
      [
        labelled('cli.kiosk.atStart', settings.enabled ? bilingual({ key: 'cli.kiosk.on' }) : `${bilingual({ key: 'cli.kiosk.off' })} (${bilingual({ key: 'cli.kiosk.oneRun' })})`),
        labelled('cli.kiosk.backHome', `${settings.idleSeconds} ${bilingual({ key: 'cli.kiosk.secondsIdle' })}`),
        labelled('cli.kiosk.printer', printer ?? bilingual({ key: 'cli.kiosk.defaultPrinter' })),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}

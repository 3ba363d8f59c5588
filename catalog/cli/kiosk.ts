/**
 * `bookshelf kiosk [--on | --off] [--idle SECONDS]`: the station's kiosk settings — whether the
 * app always starts as a kiosk (without --kiosk), and how long without a touch before the screen
 * goes back home and forgets the last reader. With no flag, prints them. Output is bilingual.
 */
import { Library } from '../library.js';
import { UsageError } from './usage.js';

export interface KioskFlags {
  libraryDir: string;
  on: boolean;
  off: boolean;
  idle?: string;
}

export async function runKiosk(flags: KioskFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (flags.on && flags.off) throw new UsageError('chỉ một trong / only one of --on, --off');
  let idleSeconds: number | undefined;
  if (flags.idle !== undefined) {
    idleSeconds = Number(flags.idle);
    if (!Number.isInteger(idleSeconds) || idleSeconds < 30 || idleSeconds > 3600) {
      throw new UsageError(`--idle: số giây từ 30 đến 3600 / seconds from 30 to 3600 (${flags.idle})`);
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
        `Chế độ kiosk khi khởi động / Kiosk mode at start: ${settings.enabled ? 'bật / on' : 'tắt / off (dùng --kiosk để bật một lần / use --kiosk for one run)'}`,
        `Về trang chủ sau / Back home after: ${settings.idleSeconds} giây không dùng / seconds without a touch`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}

/**
 * Kiosk mode is chosen by the page address: `?kiosk=1` (Electron with --kiosk loads
 * app://bookshelf/index.html?kiosk=1; `bookshelf start --kiosk --browser` opens
 * http://host:port/?kiosk=1). Tests may shorten the idle delay with `&idle=N` (seconds, at
 * least MIN_IDLE_SECONDS), honoured only together with kiosk=1. Phones and ordinary browsers
 * have no flag and keep the normal, history-keeping behaviour.
 */

export const MIN_IDLE_SECONDS = 5;

export interface KioskMode {
  kiosk: boolean;
  /** The idle delay from the address (tests); undefined means the station's setting (library.info). */
  idleSeconds?: number;
}

export function readKioskMode(search: string): KioskMode {
  const params = new URLSearchParams(search);
  if (params.get('kiosk') !== '1') return { kiosk: false };
  const idle = Number(params.get('idle'));
  if (params.has('idle') && Number.isFinite(idle) && idle > 0) {
    return { kiosk: true, idleSeconds: Math.max(MIN_IDLE_SECONDS, Math.round(idle)) };
  }
  return { kiosk: true };
}

/** How long the "touch to continue" countdown lasts within the idle delay: a short part of it, 3 to 15 s. */
export function countdownSeconds(idleSeconds: number): number {
  return Math.min(15, Math.max(3, Math.floor(idleSeconds / 6)));
}

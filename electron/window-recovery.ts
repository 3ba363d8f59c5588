/**
 * A stuck kiosk comes back by itself: a crashed or killed renderer reloads the home screen (at
 * once, then with the backoff of reload-backoff.ts if it keeps crashing), and a renderer that
 * stays unresponsive past a grace period is ended (`forcefullyCrashRenderer`, as Electron's docs
 * advise for a hung page) so that the crash path reloads it. A page that answers again within the
 * grace period is left alone. Only a kiosk restarts a hung page: elsewhere window.print()'s system
 * dialog may hold the page for as long as someone chooses a printer, and the hang is only logged.
 */
import type { RenderProcessGoneDetails } from 'electron';
import { createReloadBackoff } from './reload-backoff.js';

/** How long a page may hang (a huge PDF page, a runaway script) before it is restarted. */
export const UNRESPONSIVE_GRACE_MS = 30_000;

export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: Pick<RenderProcessGoneDetails, 'reason' | 'exitCode'>) => void): unknown;
  forcefullyCrashRenderer(): void;
}

/** The part of a BrowserWindow recovery uses ('unresponsive' and 'responsive' are window events). */
export interface RecoverableWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  readonly webContents: RecoverableContents;
}

export interface RecoveryOptions {
  /** The home screen of this run (the kiosk home in kiosk mode). */
  home: () => string;
  log: (message: string, error?: unknown) => void;
  graceMs?: number;
  /** Answers how long to wait before a reload (reload-backoff.ts). */
  nextReloadDelay?: () => number;
  /** Whether a page hung past the grace period is restarted (kiosk mode) or only logged. */
  restartWhenHung: boolean;
}

export function recoverWindow(window: RecoverableWindow, options: RecoveryOptions): void {
  const { log } = options;
  const nextReloadDelay = options.nextReloadDelay ?? createReloadBackoff();
  let hung: NodeJS.Timeout | null = null;
  const stopWaiting = () => {
    if (hung) clearTimeout(hung);
    hung = null;
  };
  window.webContents.on('render-process-gone', (_event, details) => {
    stopWaiting();
    log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      if (!window.isDestroyed()) window.loadURL(options.home()).catch((error: unknown) => log('reloading home failed', error));
    }, nextReloadDelay());
  });
  window.on('unresponsive', () => {
    if (!options.restartWhenHung) return log('renderer unresponsive');
    if (hung) return;
    log('renderer unresponsive; restarting it if it does not answer');
    hung = setTimeout(() => {
      hung = null;
      if (window.isDestroyed()) return;
      log('renderer still unresponsive; restarting it');
      window.webContents.forcefullyCrashRenderer();
    }, options.graceMs ?? UNRESPONSIVE_GRACE_MS);
  });
  window.on('responsive', stopWaiting);
}

/**
 * What keeps a failed start from leaving an invisible process behind. Shell Launcher (Windows)
 * and systemd restart the app only when it exits, so: an error while the app loads or starts, an
 * unhandled rejection before the window shows and any uncaught exception log and exit with
 * status 1; a window that never becomes ready to show exits too; a quit that waits on something
 * hung (a sync, a worker) waits a bounded time.
 */

export type GuardLog = (message: string, error?: unknown) => void;

/** How long the first page may take to paint on an old kiosk PC before the app gives up. */
export const READY_TO_SHOW_TIMEOUT_MS = 90_000;
/** How long a quit waits for the engine's services to stop. */
export const DISPOSE_TIMEOUT_MS = 15_000;

/** The part of `process` the guard listens on. */
export interface ProcessEvents {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

export interface StartupGuardOptions {
  log: GuardLog;
  exit: (code: number) => void;
  /** Last words for whoever sits at the machine (an error box outside kiosk mode); may throw. */
  report?: (error: unknown) => void;
}

export interface StartupGuard {
  /** Logs, reports and exits with status 1 (once). */
  fail(error: unknown): void;
  /** The window is showing: from now an unhandled rejection is only logged. */
  started(): void;
}

export function guardStartup(events: ProcessEvents, options: StartupGuardOptions): StartupGuard {
  const { log, exit } = options;
  let started = false;
  let failed = false;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    log('start-up failed', error);
    try {
      options.report?.(error);
    } catch (reportError) {
      log('reporting the failure failed', reportError);
    }
    exit(1);
  };
  // Node's own behaviour, minus Electron's error dialog that keeps a broken process alive.
  events.on('uncaughtException', (error) => {
    if (!started) return fail(error);
    log('uncaught exception; exiting so the app is restarted', error);
    failed = true;
    exit(1);
  });
  events.on('unhandledRejection', (reason) => {
    if (!started) return fail(reason);
    log('unhandled rejection', reason);
  });
  return { fail, started: () => void (started = true) };
}

/** The part of a BrowserWindow the show watchdog uses. */
export interface ShowableWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

/** Shows the window on its first paint; without one within `timeoutMs`, calls `onTimeout` (which exits). */
export function showWhenReady(window: ShowableWindow, options: { timeoutMs?: number; onShown: () => void; onTimeout: () => void }): void {
  const timer = setTimeout(options.onTimeout, options.timeoutMs ?? READY_TO_SHOW_TIMEOUT_MS);
  timer.unref?.();
  window.once('ready-to-show', () => {
    clearTimeout(timer);
    window.show();
    options.onShown();
  });
}

/** Waits for `work` at most `timeoutMs`; true when it settled (either way) in time. */
export async function settledWithin(work: Promise<unknown>, timeoutMs: number = DISPOSE_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref?.();
  });
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

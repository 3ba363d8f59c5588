/**
 * The kiosk window stays put: `kiosk: true` is only full screen on Windows and Linux, so the
 * window is also made unclosable, unminimisable and fixed (window-options.ts), a `close` is
 * vetoed unless the session ends (the app quits for an update or an official's exit, Windows
 * shuts down), and a minimised window comes straight back. The keys that reach the window
 * manager (Alt+Space, F10, a lone Alt, Alt+F4) are swallowed in harden.ts.
 */

/** An Electron-style event a listener may veto. */
export interface VetoableEvent {
  preventDefault(): void;
}

/** The part of a BrowserWindow the lockdown uses. */
export interface LockableWindow {
  on(event: 'close', listener: (event: VetoableEvent) => void): unknown;
  on(event: 'minimize' | 'leave-full-screen' | 'session-end' | 'query-session-end', listener: () => void): unknown;
  isDestroyed(): boolean;
  restore(): void;
  focus(): void;
  setKiosk(flag: boolean): void;
}

/** The part of `app` that says the session is ending. */
export interface QuittingApp {
  on(event: 'before-quit', listener: () => void): unknown;
}

export function lockKioskWindow(window: LockableWindow, app: QuittingApp, log: (message: string) => void = () => undefined): void {
  let ending = false;
  app.on('before-quit', () => void (ending = true));
  window.on('query-session-end', () => void (ending = true));
  window.on('session-end', () => void (ending = true));
  window.on('close', (event) => {
    if (ending) return;
    event.preventDefault();
    log('kiosk window: close vetoed');
  });
  window.on('minimize', () => {
    if (window.isDestroyed()) return;
    window.restore();
    window.focus();
  });
  window.on('leave-full-screen', () => {
    if (!window.isDestroyed() && !ending) window.setKiosk(true);
  });
}

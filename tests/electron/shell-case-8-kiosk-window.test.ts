/**
 * Issue 18, item 6: a kiosk window cannot be closed, minimised, moved or left from the window
 * manager. electron/main.ts runs with --kiosk against the stand-in `electron` module: the window
 * is created unclosable, unminimisable, fixed; a `close` (Alt+F4 or the system menu reaching
 * Windows) is vetoed until the app itself quits; a minimised window comes straight back, and
 * leaving full screen goes back to kiosk; a hung page is restarted on the kiosk home (item 8).
 * Outside kiosk mode the window is an ordinary one.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { lockKioskWindow } from '../../electron/kiosk-window.js';
import type { LockableWindow } from '../../electron/kiosk-window.js';
import { mainWindowOptions } from '../../electron/window-options.js';
import { fake } from './fake-electron.js';
import { fakeEvent } from './fakes.js';
import type { FakeWebContents } from './fakes.js';
import { KIOSK_HOME_URL } from '../../electron/app-origin.js';
import { UNRESPONSIVE_GRACE_MS } from '../../electron/window-recovery.js';
import { quitMain, startMain } from './run-main.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions;
  restored: number;
}

let window: FakeWindow;

beforeAll(async () => {
  window = (await startMain(['--kiosk', '--no-demo'])) as FakeWindow;
});

afterAll(() => quitMain());

const LOCKED = { closable: false, minimizable: false, maximizable: false, movable: false, resizable: false };

describe('shell case 8: the kiosk window stays put', () => {
  it('is created full screen, unclosable, unminimisable, unmaximisable, fixed', () => {
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, ...LOCKED });
  });

  it('outside kiosk mode the window can be closed, minimised, moved and resized', () => {
    const options = mainWindowOptions({ preload: '/app/preload.cjs', kiosk: false, production: true });
    expect(options).toMatchObject({ kiosk: false, closable: true, minimizable: true, maximizable: true, movable: true, resizable: true });
  });

  it('vetoes close, and brings a minimised window straight back', () => {
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    window.emit('minimize');
    expect(window.restored).toBe(1);
    window.emit('leave-full-screen');
    expect(fake.calls).toContain('setKiosk true');
  });

  it('a page hung past the grace period is restarted on the kiosk home', async () => {
    vi.useFakeTimers();
    try {
      const win = window as FakeWindow & { webContents: FakeWebContents; loaded: string[] };
      win.emit('unresponsive');
      await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
      expect(win.webContents.crashedOnPurpose).toBe(1);
      await vi.runOnlyPendingTimersAsync();
      expect(win.loaded.at(-1)).toBe(KIOSK_HOME_URL);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the window close once the session ends: the app quitting (an update, an official), or Windows shutting down', () => {
    for (const ending of ['before-quit', 'session-end', 'query-session-end']) {
      const app = new EventEmitter();
      const locked = Object.assign(new EventEmitter(), { isDestroyed: () => false, restore: vi.fn(), focus: vi.fn(), setKiosk: vi.fn() });
      lockKioskWindow(locked as unknown as LockableWindow, app);
      const before = fakeEvent();
      locked.emit('close', before);
      expect(before.defaultPrevented).toBe(true);
      (ending === 'before-quit' ? app : locked).emit(ending);
      const after = fakeEvent();
      locked.emit('close', after);
      expect([ending, after.defaultPrevented]).toEqual([ending, false]);
    }
  });
});

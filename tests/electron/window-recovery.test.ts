/**
 * Issue 18, item 8: a hung or crashed kiosk page comes back by itself. electron/window-recovery.ts
 * on a stand-in window with fake timers: a crash reloads the home screen (the kiosk home, flag
 * included); at a kiosk a page unresponsive past the grace period is ended with
 * forcefullyCrashRenderer and so reloads home, one that answers again in time is left alone;
 * outside kiosk mode (where the print dialog may hold the page) a hang is only logged; a clean
 * exit reloads nothing.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIOSK_HOME_URL } from '../../electron/app-origin.js';
import { UNRESPONSIVE_GRACE_MS, recoverWindow } from '../../electron/window-recovery.js';
import type { RecoverableWindow } from '../../electron/window-recovery.js';
import { FakeWebContents } from './fakes.js';

class Window extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
}

function recovering(restartWhenHung = true): Window {
  const window = new Window();
  recoverWindow(window as unknown as RecoverableWindow, { home: () => KIOSK_HOME_URL, log: () => undefined, restartWhenHung });
  return window;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('a stuck kiosk page comes back', () => {
  it('a crashed renderer reloads the kiosk home; a clean exit does not', () => {
    const window = recovering();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    vi.runOnlyPendingTimers();
    expect(window.loaded).toEqual([KIOSK_HOME_URL]);
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.runOnlyPendingTimers();
    expect(window.loaded).toEqual([KIOSK_HOME_URL]);
  });

  it('a page unresponsive past the grace period is ended and reloads home', () => {
    const window = recovering();
    window.emit('unresponsive');
    window.emit('unresponsive'); // Chromium repeats it; one restart only
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(window.webContents.crashedOnPurpose).toBe(0);
    vi.advanceTimersByTime(1);
    expect(window.webContents.crashedOnPurpose).toBe(1);
    vi.runOnlyPendingTimers();
    expect(window.loaded).toEqual([KIOSK_HOME_URL]);
  });

  it('outside kiosk mode a hung page is not restarted (the print dialog may be holding it)', () => {
    const window = recovering(false);
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS * 4);
    expect(window.webContents.crashedOnPurpose).toBe(0);
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    vi.runOnlyPendingTimers();
    expect(window.loaded).toEqual([KIOSK_HOME_URL]); // a crash still reloads
  });

  it('a page that answers again within the grace period is left alone', () => {
    const window = recovering();
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);
    window.emit('responsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS * 2);
    expect(window.webContents.crashedOnPurpose).toBe(0);
    expect(window.loaded).toEqual([]);
  });
});

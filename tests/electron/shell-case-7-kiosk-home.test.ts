/**
 * Shell case 7 (shared/notes/security.md), the Electron half: with --kiosk the window loads
 * app://bookshelf/index.html?kiosk=1 — the renderer's kiosk mode (memory routes, idle reset,
 * links kept in; tests/e2e/kiosk.spec.ts checks that half in Chromium) — and a crashed renderer
 * comes back on that same kiosk home, never on the plain one. electron/main.ts runs against the
 * stand-in `electron` module, with `--kiosk` on its command line.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOME_URL, KIOSK_HOME_URL, homeUrl, isAppUrl } from '../../electron/app-origin.js';
import { fake } from './fake-electron.js';
import { quitMain, startMain } from './run-main.js';
import type { FakeWebContents } from './fakes.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  webContents: FakeWebContents;
  loaded: string[];
}

let window: FakeWindow;

beforeAll(async () => {
  window = (await startMain(['--kiosk', '--no-demo'])) as FakeWindow;
});

afterAll(() => quitMain());

describe('shell case 7: the kiosk home keeps its flag', () => {
  it('the kiosk home is the app home with ?kiosk=1, still an app:// URL', () => {
    expect(homeUrl(false)).toBe(HOME_URL);
    expect(homeUrl(true)).toBe('app://bookshelf/index.html?kiosk=1');
    expect(KIOSK_HOME_URL).toBe(homeUrl(true));
    expect(isAppUrl(KIOSK_HOME_URL)).toBe(true);
  });

  it('with --kiosk the window opens on the kiosk home, with no application menu', () => {
    expect(window.loaded).toEqual(['app://bookshelf/index.html?kiosk=1']);
    expect(fake.calls).toContain('setApplicationMenu');
  });

  it('a crashed renderer comes back on the kiosk home, flag included', async () => {
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    await vi.waitFor(() => expect(window.loaded).toEqual([KIOSK_HOME_URL, KIOSK_HOME_URL]));
    // A clean exit is not a crash: the next crash brings exactly one more load, not two.
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    await vi.waitFor(() => expect(window.loaded).toHaveLength(3));
    expect(window.loaded).toEqual([KIOSK_HOME_URL, KIOSK_HOME_URL, KIOSK_HOME_URL]);
  });
});

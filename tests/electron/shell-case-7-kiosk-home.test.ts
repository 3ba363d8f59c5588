/**
 * Shell case 7 (shared/notes/security.md), the Electron half: with --kiosk the window loads
 * app://bookshelf/index.html?kiosk=1 — the renderer's kiosk mode (memory routes, idle reset,
 * links kept in; tests/e2e/kiosk.spec.ts checks that half in Chromium) — and a crashed renderer
 * comes back on that same kiosk home, never on the plain one. electron/main.ts runs against the
 * stand-in `electron` module, with `--kiosk` on its command line.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOME_URL, KIOSK_HOME_URL, homeUrl, isAppUrl } from '../../electron/app-origin.js';
import { fake } from './fake-electron.js';
import type { FakeWebContents } from './fakes.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  webContents: FakeWebContents;
  loaded: string[];
}

let tmp: string;
let window: FakeWindow;
const argv = process.argv;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bookshelf-kiosk-'));
  vi.stubEnv('BOOKSHELF_HOME', tmp);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  process.argv = [...argv, '--kiosk', '--no-demo'];
  const electron = (await import('electron')) as unknown as { markReady(): void };
  await import('../../electron/main.js');
  electron.markReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
  window = fake.windows[0] as FakeWindow;
}, 30_000);

afterAll(async () => {
  process.argv = argv;
  const electron = (await import('electron')) as unknown as { app: EventEmitter };
  electron.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(fake.calls).toContain('quit'));
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await fs.rm(tmp, { recursive: true, force: true });
});

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
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(window.loaded).toHaveLength(2); // a clean exit is not a crash
  });
});

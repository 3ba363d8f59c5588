/**
 * electron/main.ts run against a stand-in `electron` module (vi.mock: the real package, which
 * would try to download the binary, is never loaded). Checks the wiring the unit tests cannot:
 * the privileged scheme before ready, the library and demo set, app:// serving a real file,
 * every contract method bound over IPC with the sender check, the hardened session and web
 * contents, the sandboxed window on app://bookshelf/index.html, reload home after a renderer
 * crash, and the library closed on quit.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { METHOD_NAMES } from '../../shared/contract.js';
import { channelOf } from '../../electron/channels.js';
import { SHELL_PRINT_CHANNEL } from '../../shared/shell-bridge.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fake } from './fake-electron.js';
import { FakeIpcMain, FakeSession, FakeWebContents, subFrame, topFrame } from './fakes.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions;
  webContents: FakeWebContents;
  loaded: string[];
  shown: number;
}

let tmp: string;
let electron: {
  app: EventEmitter;
  ipcMain: FakeIpcMain;
  session: { defaultSession: FakeSession };
  markReady(): void;
};
let window: FakeWindow;
let logged: string[] = [];

beforeAll(async () => {
  tmp = tempDir('bookshelf-main-');
  vi.stubEnv('BOOKSHELF_HOME', tmp);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
  electron = (await import('electron')) as unknown as typeof electron;
  await import('../../electron/main.js');
  expect(fake.windows).toHaveLength(0); // nothing happens before ready
  electron.markReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
  window = fake.windows[0] as FakeWindow;
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('electron/main.ts wiring', () => {
  it('takes the single-instance lock, enables the sandbox and registers app:// before ready', () => {
    const order = fake.calls;
    expect(order.indexOf('requestSingleInstanceLock')).toBe(0);
    expect(order).toContain('enableSandbox');
    expect(order.indexOf('registerSchemesAsPrivileged app')).toBeGreaterThan(-1);
    expect(order.indexOf('registerSchemesAsPrivileged app')).toBeLessThan(order.indexOf('whenReady'));
    expect(order.indexOf('protocol.handle app')).toBeGreaterThan(order.indexOf('whenReady'));
    expect(order.some((call) => call.startsWith('showErrorBox'))).toBe(false);
    // On Linux the cookie-encryption fuse must not ask a kiosk session for a keyring.
    expect(order.indexOf('appendSwitch password-store basic')).toBeGreaterThan(-1);
    expect(order.indexOf('appendSwitch password-store basic')).toBeLessThan(order.indexOf('whenReady'));
    expect(order.some((call) => call.startsWith('setAppUserModelId'))).toBe(false); // Windows only
    expect(logged).toContain(`[bookshelf] library: ${tmp}`);
    expect(logged.some((line) => line.startsWith('[bookshelf] demo library loaded'))).toBe(true);
  });

  it('opens one sandboxed window with the bundled preload on app://bookshelf/index.html', () => {
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(path.basename(window.options.webPreferences?.preload ?? '')).toBe('preload.cjs');
    expect(window.loaded).toEqual(['app://bookshelf/index.html']);
    expect(fake.calls).not.toContain('setApplicationMenu'); // not kiosk
    expect(window.shown).toBe(0); // shown on its first paint, never half drawn
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });

  it('binds every contract method over IPC, with the sender check, on a library with the demo set', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES.map(channelOf), SHELL_PRINT_CHANNEL].sort());
    const info = (await electron.ipcMain.invoke(channelOf('library.info'), topFrame(), {})) as { ok: boolean; result: { publications: number } };
    expect(info.ok).toBe(true);
    expect(info.result.publications).toBeGreaterThan(0);
    await expect(electron.ipcMain.invoke(channelOf('library.info'), subFrame('app://bookshelf/x'), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(logged.at(-1)).toMatch(/IPC library\.info refused: untrusted sender/);
  });

  it('serves catalog files on app://', async () => {
    const list = (await electron.ipcMain.invoke(channelOf('publications.list'), topFrame(), { limit: 100 })) as {
      result: { items: { id: string; available: boolean }[] };
    };
    const available = list.result.items.find((item) => item.available);
    expect(available).toBeDefined();
    const handler = fake.protocolHandlers.get('app');
    const response = await handler!(new Request(`app://bookshelf/publications/${encodeURIComponent(available!.id)}/file`, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect((await handler!(new Request('app://evil/index.html'))).status).toBe(404);
  });

  it('hardens the session and every web contents the app creates', async () => {
    await expect(electron.session.defaultSession.request('geolocation')).resolves.toBe(false);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('a crashed renderer comes back on the home screen', async () => {
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    await vi.waitFor(() => expect(window.loaded).toEqual(['app://bookshelf/index.html', 'app://bookshelf/index.html']));
  });

  it('on quit, lets sync stop first, then closes the library', async () => {
    logged = [];
    let prevented = false;
    electron.app.emit('will-quit', { preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    const reply = await electron.ipcMain.invoke(channelOf('library.info'), topFrame(), {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged.some((line) => line.includes('database connection is not open'))).toBe(true);
  });
});

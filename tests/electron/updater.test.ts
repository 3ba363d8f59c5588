/**
 * electron/updater.ts with an injected stand-in for electron-updater's autoUpdater (the real one
 * loads only inside Electron). The stand-in's `channel` setter turns allowDowngrade on, as
 * electron-updater 6's does, so the test shows the updater sets it back off afterwards. Issue 18:
 * a kiosk never installs at quit (the elevation prompt would face the public), and on Windows the
 * installer's signature check is update-signature.ts's, which refuses when PowerShell cannot run.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_CHANNEL_KEY, UPDATE_CHECK_INTERVAL_MS, UPDATE_URL_KEY } from '../../electron/update-config.js';
import { updateHandlers } from '../../catalog/updates/handlers.js';
import type { Services } from '../../catalog/services.js';
import { AppError } from '../../shared/errors.js';
import { startUpdater } from '../../electron/updater.js';
import { tempLibrary } from '../helpers/temp-library.js';
import type { AutoUpdaterLike, UpdaterHandle, UpdaterLogger } from '../../electron/updater.js';

class FakeAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  allowPrerelease = false;
  logger: UpdaterLogger | null = null;
  feeds: unknown[] = [];
  checks = 0;
  quitAndInstalls = 0;
  /** Each check's outcome; the default finds nothing. */
  nextCheck: () => Promise<unknown> = () => Promise.resolve(null);
  private current: string | null = null;

  get channel(): string | null {
    return this.current;
  }

  set channel(value: string | null) {
    this.current = value;
    this.allowDowngrade = true; // electron-updater 6 AppUpdater does this
  }

  setFeedURL(options: unknown): void {
    this.feeds.push(options);
  }

  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return this.nextCheck();
  }

  quitAndInstall(): void {
    this.quitAndInstalls++;
  }

  asUpdater(): AutoUpdaterLike {
    return this as unknown as AutoUpdaterLike;
  }
}

let updater: FakeAutoUpdater;
let logged: string[];
let handle: UpdaterHandle | null;
let values: Record<string, string>;
const log = (message: string, error?: unknown) => {
  logged.push(error === undefined ? message : `${message}: ${error instanceof Error ? error.message : String(error)}`);
};

async function start(extra: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; kiosk?: boolean } = {}) {
  handle = await startUpdater({
    settings: () => ({ url: values[UPDATE_URL_KEY] ?? null, channel: values[UPDATE_CHANNEL_KEY] ?? null }),
    log,
    loadUpdater: () => Promise.resolve(updater.asUpdater()),
    platform: extra.platform ?? 'win32',
    env: extra.env ?? {},
    kiosk: extra.kiosk,
  });
  await vi.advanceTimersByTimeAsync(0);
  return handle;
}

beforeEach(() => {
  vi.useFakeTimers();
  updater = new FakeAutoUpdater();
  logged = [];
  handle = null;
  values = { [UPDATE_URL_KEY]: 'https://hub.example.vn/updates', [UPDATE_CHANNEL_KEY]: 'beta' };
});

afterEach(() => {
  handle?.stop();
  vi.useRealTimers();
});

describe('electron/updater.ts', () => {
  it('points electron-updater at the hub and never allows a downgrade, even after setting the channel', async () => {
    await start();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://hub.example.vn/updates', channel: 'beta' }]);
    expect(updater.channel).toBe('beta');
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.allowPrerelease).toBe(true);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('in kiosk mode downloads but never installs at quit, and says an official installs it', async () => {
    await start({ kiosk: true });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(handle?.state()).toMatchObject({ phase: 'ready', version: '1.2.0' });
    expect(logged.at(-1)).toMatch(/a kiosk installs it only when an official does/);
    expect(updater.quitAndInstalls).toBe(0);
    // The officials' "Install now" is the one way it installs.
    expect(handle?.install()).toBe(true);
    expect(updater.quitAndInstalls).toBe(1);
  });

  it("the officials' updates.install installs the ready version, and says when none is ready", async () => {
    await start({ kiosk: true });
    const library = await tempLibrary('updates-install-');
    const handlers = updateHandlers({ library, updater: handle } as unknown as Services);
    const install = () => handlers['updates.install']({}, {} as never);
    let refused: unknown = null;
    try {
      install();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).ref).toEqual({ key: 'updates.nothingToInstall' });
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(install()).toMatchObject({ phase: 'ready', version: '1.2.0' });
    expect(updater.quitAndInstalls).toBe(1);
    library.close();
  });

  it('installs on request only a downloaded version', async () => {
    await start({ kiosk: true });
    expect(handle?.install()).toBe(false);
    updater.emit('update-available', { version: '1.2.0' });
    expect(handle?.install()).toBe(false);
    expect(updater.quitAndInstalls).toBe(0);
  });

  it("on Windows replaces electron-updater's signature check with one that refuses when PowerShell cannot run", async () => {
    await start();
    const verify = (updater as unknown as AutoUpdaterLike).verifyUpdateCodeSignature;
    expect(verify).toBeTypeOf('function');
    vi.useRealTimers();
    // No powershell.exe here: exactly the AppLocker case, where electron-updater 6 resolves null (a pass).
    const verdict = await verify!(['CN=Bộ Tư pháp, O=Bộ Tư pháp, C=VN'], 'C:\\Temp\\tu-sach-phap-luat-1.2.0-win-x64.exe');
    expect(verdict).toMatch(/could not run, so the update is refused/);
  });

  it('uses the build-time feed when no URL is set', async () => {
    values = {};
    await start();
    expect(updater.feeds).toEqual([]);
    expect(updater.channel).toBe('latest');
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.checks).toBe(1);
  });

  it('checks at start and every 6 hours, re-reading the settings', async () => {
    await start();
    expect(updater.checks).toBe(1);
    values[UPDATE_CHANNEL_KEY] = 'latest';
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS - 1000);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(updater.checks).toBe(2);
    expect(updater.channel).toBe('latest');
    expect(updater.allowPrerelease).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(4);
    handle?.stop();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(4);
  });

  it('only installs on quit: a downloaded update is logged, no restart is forced', async () => {
    await start();
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(updater.quitAndInstalls).toBe(0);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(logged.some((line) => line.includes('0.2.0 downloaded') && line.includes('quits'))).toBe(true);
  });

  it('logs errors instead of crashing: an error event, a rejected check, a thrown check', async () => {
    updater.nextCheck = () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
    await start();
    expect(logged.some((line) => line.includes('ERR_INTERNET_DISCONNECTED'))).toBe(true);
    // With no 'error' listener an EventEmitter would throw here.
    expect(() => updater.emit('error', new Error('sha512 checksum mismatch'))).not.toThrow();
    expect(logged.some((line) => line.includes('sha512 checksum mismatch'))).toBe(true);
    updater.nextCheck = () => {
      throw new Error('boom');
    };
    await expect(handle?.check()).resolves.toBeUndefined();
    expect(logged.some((line) => line.includes('boom'))).toBe(true);
  });

  it('tells the officials’ screen what it does: checking, downloading with a percentage, ready at quit, failures', async () => {
    let finish: (value: unknown) => void = () => undefined;
    updater.nextCheck = () => new Promise((resolve) => (finish = resolve));
    await start();
    expect(handle?.state()).toMatchObject({ phase: 'checking', version: null, checkedAt: expect.any(String) });
    finish(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(handle?.state().phase).toBe('current');
    updater.emit('update-available', { version: '0.3.0' });
    updater.emit('download-progress', { percent: 41.6 });
    expect(handle?.state()).toMatchObject({ phase: 'downloading', version: '0.3.0', percent: 42 });
    updater.emit('update-downloaded', { version: '0.3.0' });
    expect(handle?.state()).toMatchObject({ phase: 'ready', version: '0.3.0', percent: 100 });
    // Later checks that fail or find nothing leave the downloaded version ready to install.
    updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
    updater.emit('update-not-available');
    expect(handle?.state()).toMatchObject({ phase: 'ready', version: '0.3.0', error: 'net::ERR_NAME_NOT_RESOLVED' });
  });

  it('says a check failed when no version is waiting', async () => {
    updater.nextCheck = () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
    await start();
    expect(handle?.state()).toMatchObject({ phase: 'error', error: 'net::ERR_INTERNET_DISCONNECTED' });
  });

  it("routes electron-updater's own logger to the app log", async () => {
    await start();
    updater.logger?.info('Checking for update');
    expect(logged).toContain('updates: Checking for update');
  });

  it('does not check with refused settings, and says why', async () => {
    values[UPDATE_URL_KEY] = 'http://hub.example.vn/updates';
    await start();
    expect(updater.checks).toBe(0);
    expect(updater.feeds).toEqual([]);
    expect(logged.some((line) => line.includes('settings refused') && line.includes('https'))).toBe(true);
  });

  it('does not load electron-updater for a .deb install, and survives a failed load', async () => {
    const loadUpdater = vi.fn(() => Promise.resolve(updater.asUpdater()));
    expect(await startUpdater({ settings: () => ({ url: null, channel: null }), log, loadUpdater, platform: 'linux', env: {} })).toBeNull();
    expect(loadUpdater).not.toHaveBeenCalled();
    const failing = await startUpdater({
      settings: () => ({ url: null, channel: null }),
      log,
      loadUpdater: () => Promise.reject(new Error('Electron failed to install correctly')),
      platform: 'linux',
      env: { APPIMAGE: '/opt/a.AppImage' },
    });
    expect(failing).toBeNull();
    expect(logged.some((line) => line.includes('could not be loaded'))).toBe(true);
  });
});

describe('electron-updater is loaded only lazily', () => {
  it('updater.ts and main.ts never import it statically (it needs the Electron binary)', async () => {
    const fs = await import('node:fs/promises');
    for (const file of ['../../electron/updater.ts', '../../electron/main.ts', '../../electron/update-config.ts']) {
      const source = await fs.readFile(new URL(file, import.meta.url), 'utf8');
      expect(source).not.toMatch(/^\s*import\s[^(]*['"]electron-updater['"]/m);
    }
    const updaterSource = await fs.readFile(new URL('../../electron/updater.ts', import.meta.url), 'utf8');
    expect(updaterSource).toContain("await import('electron-updater')");
  });
});

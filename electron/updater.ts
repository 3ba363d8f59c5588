/**
 * Auto-update of the packaged app (electron-updater, generic provider on the hub). Looks once at
 * start and every 6 hours, downloads in the background, and installs only when the app quits:
 * no forced restart, no dialog, no notification over a reader or the kiosk. In kiosk mode not
 * even then: a per-machine install asks for elevation, and a kiosk's quit (a restart by Shell
 * Launcher, a shutdown) would put an administrator prompt in front of the public; a downloaded
 * version waits for an official. On Windows the installer's signature is checked by
 * update-signature.ts, which refuses when it cannot check. Errors (offline station, unreachable
 * hub, refused signature or downgrade) are logged, never shown.
 *
 * `electron-updater` is loaded lazily (`await import`) and only from here: reading its
 * `autoUpdater` loads the electron package, so the module must never load outside Electron.
 * Tests pass their own `loadUpdater`.
 *
 * The settings are read again before each check, so a new `update.url` or `update.channel` takes
 * effect at the next check without a restart.
 */
import { UPDATE_CHECK_INTERVAL_MS, resolveUpdateConfig, selfUpdating } from './update-config.js';
import type { UpdateConfig } from './update-config.js';
import type { StoredUpdateSettings } from '../catalog/updates/settings.js';
import type { UpdaterState } from '../shared/updates.js';
import { verifyUpdateSignature } from './update-signature.js';

/** electron-updater's logger interface. */
export interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
  debug?(message: string): void;
}

/** The members of electron-updater's AppUpdater this module uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  /** Setting it makes electron-updater turn allowDowngrade on: set allowDowngrade after it. */
  channel: string | null;
  logger: UpdaterLogger | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string | null }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  /** NsisUpdater (Windows) only: null accepts the installer, a string is why it is refused. */
  verifyUpdateCodeSignature?: (publisherNames: string[], file: string) => Promise<string | null>;
}

export type Log = (message: string, error?: unknown) => void;

export interface StartUpdaterOptions {
  /** Reads the station's update settings (catalog/updates/settings.ts storedUpdateSettings). */
  settings: () => StoredUpdateSettings;
  log: Log;
  /** Defaults to `await import('electron-updater')`: only inside Electron. */
  loadUpdater?: () => Promise<AutoUpdaterLike>;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
  /** A kiosk: downloaded updates never install at quit. */
  kiosk?: boolean;
}

export interface UpdaterHandle {
  /** Looks for an update now (what the timer does); never rejects. */
  check(): Promise<void>;
  /** What the updater is doing, for the officials' screen (catalog/updates/handlers.ts). */
  state(): UpdaterState;
  /** Quits and installs the downloaded version (the officials' "Install now"); false when none is ready. */
  install(): boolean;
  /** Stops the periodic checks. */
  stop(): void;
}

async function loadElectronUpdater(): Promise<AutoUpdaterLike> {
  const module = await import('electron-updater');
  // A CommonJS package: its exports object is the default export under ESM.
  return module.default.autoUpdater;
}

function text(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}

/** Sets electron-updater up from the config; the channel first, since setting it allows downgrades. In kiosk mode nothing installs at quit. */
export function applyUpdateConfig(updater: AutoUpdaterLike, config: UpdateConfig, kiosk = false): void {
  if (config.url !== null) updater.setFeedURL({ provider: config.provider, url: config.url, channel: config.channel });
  updater.channel = config.channel;
  updater.allowPrerelease = config.allowPrerelease;
  updater.autoDownload = config.autoDownload;
  updater.autoInstallOnAppQuit = config.autoInstallOnAppQuit && !kiosk;
  updater.allowDowngrade = config.allowDowngrade;
}

/**
 * Starts background updates; resolves to null when this install does not update itself or
 * electron-updater cannot be loaded. Never rejects.
 */
export async function startUpdater(options: StartUpdaterOptions): Promise<UpdaterHandle | null> {
  const { settings, log } = options;
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (!selfUpdating(platform, env)) {
    log(`updates: this install (${platform}) is updated by its package manager, not by the app`);
    return null;
  }
  let updater: AutoUpdaterLike;
  try {
    updater = await (options.loadUpdater ?? loadElectronUpdater)();
  } catch (error) {
    log('updates: electron-updater could not be loaded', error);
    return null;
  }
  // Fail closed where electron-updater's own check passes when PowerShell cannot run.
  if (platform === 'win32') updater.verifyUpdateCodeSignature = (names, file) => verifyUpdateSignature(names, file);
  updater.logger = {
    info: (message) => log(`updates: ${text(message)}`),
    warn: (message) => log(`updates: ${text(message)}`),
    error: (message) => log(`updates: ${text(message)}`),
  };
  let state: UpdaterState = { phase: 'idle', version: null, percent: null, checkedAt: null, error: null };
  const set = (change: Partial<UpdaterState>) => void (state = { ...state, ...change });
  // Without an 'error' listener an EventEmitter throws: an offline kiosk must not crash.
  updater.on('error', (error) => {
    log('updates: check or download failed', error);
    // A failed check after a finished download leaves the downloaded version ready to install.
    set(state.phase === 'ready' ? { error: text(error) } : { phase: 'error', percent: null, error: text(error) });
  });
  updater.on('update-available', (info) => {
    log(`updates: version ${info.version} available, downloading in the background`);
    set({ phase: 'downloading', version: info.version, percent: 0, error: null });
  });
  updater.on('update-not-available', () => state.phase !== 'ready' && set({ phase: 'current', error: null }));
  updater.on('download-progress', (progress) => set({ phase: 'downloading', percent: Math.round(progress.percent) }));
  // quitAndInstall() only when an official asks (install below): a reader is never interrupted.
  updater.on('update-downloaded', (info) => {
    log(`updates: version ${info.version} downloaded; ${options.kiosk ? 'a kiosk installs it only when an official does' : 'it installs when the app quits'}`);
    set({ phase: 'ready', version: info.version, percent: 100, error: null });
  });

  let checking = false;
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const resolved = resolveUpdateConfig(settings());
      if (!resolved.ok) {
        log(`updates: settings refused, not checking: ${resolved.reason}`);
        return;
      }
      applyUpdateConfig(updater, resolved.config, options.kiosk === true);
      if (state.phase !== 'ready' && state.phase !== 'downloading') set({ phase: 'checking' });
      set({ checkedAt: new Date().toISOString() });
      const found = (await updater.checkForUpdates()) as { downloadPromise?: Promise<unknown> | null } | null;
      // A failed download (a wrong sha512, a refused signature) is told by the 'error' event; its
      // promise must not reject unhandled: before the window shows, the start-up guard exits on that.
      found?.downloadPromise?.catch(() => undefined);
      // electron-updater says 'update-not-available' before it resolves; without a word, nothing was found.
      if (state.phase === 'checking') set({ phase: 'current' });
    } catch (error) {
      log('updates: check failed', error);
      if (state.phase !== 'ready') set({ phase: 'error', percent: null, error: text(error) });
    } finally {
      checking = false;
    }
  };

  const timer = setInterval(() => void check(), options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  timer.unref?.();
  void check();
  const install = (): boolean => {
    if (state.phase !== 'ready') return false;
    log(`updates: installing version ${state.version ?? '?'} at an official's request`);
    // Not silent: the installer shows its progress (and Windows its elevation prompt) to the official.
    updater.quitAndInstall(false, true);
    return true;
  };
  return { check, install, state: () => state, stop: () => clearInterval(timer) };
}

/**
 * The desktop app itself, loaded by main.ts once its start-up guard is in place: one instance;
 * the privileged app:// scheme; on ready, the library (locked against a second writer — while
 * another program holds it, a page says who and the app waits: library-wait.ts — with the demo
 * set when empty), the app:// protocol, the hardened session, the contract and the kiosk's
 * print over IPC, and one sandboxed window on app://bookshelf/index.html (…?kiosk=1 in kiosk
 * mode: the renderer's kiosk mode, a locked window). A window that never paints, a start that
 * throws and a quit that hangs all end the process (startup-guard.ts), so that Shell Launcher or
 * systemd starts it again.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoIfEmpty } from '../catalog/demo.js';
import { SETTINGS, getSetting } from '../catalog/db/settings.js';
import { removeOrphanFiles } from '../catalog/store/gc.js';
import { createHandlers } from '../catalog/engine.js';
import { createFileHandler } from '../catalog/http/files.js';
import { createStaticHandler } from '../catalog/http/static.js';
import { Library } from '../catalog/library.js';
import { resolveLibraryDir } from '../catalog/paths.js';
import { createServices, disposeServices } from '../catalog/services.js';
import { storedUpdateSettings } from '../catalog/updates/settings.js';
import type { Services } from '../catalog/services.js';
import { contract } from '../shared/contract.js';
import { APP_SCHEME, homeUrl } from './app-origin.js';
import { APP_SCHEME_DEFINITION, createAppProtocolHandler } from './app-protocol.js';
import type { AppArgs } from './args.js';
import { nativeDialogHandlers } from './file-dialog.js';
import type { ShowOpenDialog } from './file-dialog.js';
import { hardenSession, hardenWebContents } from './harden.js';
import { bindContract } from './ipc-binding.js';
import { bindKioskPrint, kioskPrintHandler } from './kiosk-print.js';
import { lockKioskWindow } from './kiosk-window.js';
import { openWhenFree, waitingPageUrl } from './library-wait.js';
import { settledWithin, showWhenReady } from './startup-guard.js';
import type { GuardLog, StartupGuard } from './startup-guard.js';
import { startUpdater } from './updater.js';
import { mainWindowOptions } from './window-options.js';
import { recoverWindow } from './window-recovery.js';
import { WindowSessions } from './window-sessions.js';

/** Windows groups the window, its pinned shortcut and notifications by this id: electron-builder's appId. */
export const APP_USER_MODEL_ID = 'vn.gov.tusachphapluat';

export interface DesktopAppOptions {
  args: AppArgs;
  guard: StartupGuard;
  log: GuardLog;
  /** Kiosk lockdown of this run: --kiosk, or the station's kiosk setting (known once the library is open). */
  lockdown: { kiosk: boolean };
}

export function runDesktopApp({ args, guard, log, lockdown: state }: DesktopAppOptions): void {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const production = app.isPackaged;
  const lockdown = Object.assign(state, { production, log: (message: string) => log(message) });
  /** app://bookshelf/index.html, with ?kiosk=1 in kiosk mode (also after a crash). */
  let home = homeUrl(lockdown.kiosk);

  let library: Library | null = null;
  let services: Services | null = null;
  let mainWindow: BrowserWindow | null = null;
  /** The page saying who holds the library folder, while the app waits for it. */
  let waitWindow: BrowserWindow | null = null;
  let waitUrl = '';

  function showWaiting(holder: Parameters<typeof waitingPageUrl>[1]): void {
    const url = waitingPageUrl('vi', holder);
    if (url === waitUrl) return;
    waitUrl = url;
    log(`library held by another program (${String(holder.program)}, pid ${String(holder.pid)}); waiting`);
    if (!waitWindow) {
      const options = mainWindowOptions({ preload: '', kiosk: args.kiosk, production });
      // No preload, no script: the page is static words.
      waitWindow = new BrowserWindow({ ...options, show: true, webPreferences: { ...options.webPreferences, preload: undefined } });
      if (args.kiosk) lockKioskWindow(waitWindow, app, log);
    }
    waitWindow.loadURL(url).catch((error: unknown) => log('showing the waiting page failed', error));
  }

  /** Closes the waiting page once the app's window has painted over it. */
  function endWaiting(window: BrowserWindow): void {
    const waiting = waitWindow;
    waitWindow = null;
    if (waiting) window.once('ready-to-show', () => waiting.destroy());
  }

  function createMainWindow(): void {
    const window = new BrowserWindow(mainWindowOptions({ preload: path.join(here, 'preload.cjs'), kiosk: lockdown.kiosk, production }));
    mainWindow = window;
    showWhenReady(window, {
      onShown: () => guard.started(),
      onTimeout: () => guard.fail(new Error('the window never became ready to show')),
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    if (lockdown.kiosk) lockKioskWindow(window, app, log);
    endWaiting(window);
    // A crashed renderer comes back on the home screen; at a kiosk a hung one too.
    recoverWindow(window, { home: () => home, log, restartWhenHung: lockdown.kiosk });
    window.loadURL(home).catch((error: unknown) => log('loading the UI failed', error));
  }

  async function start(): Promise<void> {
    const appPath = app.getAppPath();
    // The library folder is this program's while it runs (catalog/library-lock.ts): while a second
    // app in another Windows session, `bookshelf serve` or `sync` holds it, a page names the holder
    // and the app waits, rather than exit and be restarted again and again by Shell Launcher.
    const libraryDir = resolveLibraryDir(args.library);
    const opened = await openWhenFree(() => Library.open(libraryDir, { writer: 'app' }), {
      onWaiting: showWaiting,
    });
    library = opened;
    log(`library: ${opened.dir}`);
    lockdown.kiosk = args.kiosk || opened.kioskSettings().enabled;
    home = homeUrl(lockdown.kiosk);
    if (args.demo) {
      try {
        const demo = await loadDemoIfEmpty(opened, path.join(appPath, 'catalog', 'demo'));
        if (demo.loaded) log(`demo library loaded: ${demo.publications} publications, ${demo.files} files`);
      } catch (error) {
        log('loading the demo library failed', error);
      }
    }
    removeOrphanFiles(opened).catch((error: unknown) => log('removing orphan files failed', error));
    hardenSession(session.defaultSession, lockdown);
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        ui: createStaticHandler(path.join(appPath, 'dist', 'renderer')),
        files: createFileHandler(opened),
        log,
      }),
    );
    services = createServices(opened, { kiosk: args.kiosk });
    services.reads.warm();
    services.sync.schedule();
    services.relations.start();
    const windows = new WindowSessions(services.accounts);
    // The desk's file picker is the system's open dialog, over the app window (electron/file-dialog.ts).
    const showOpenDialog: ShowOpenDialog = (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options));
    const handlers = { ...createHandlers(services), ...nativeDialogHandlers(showOpenDialog, services.desk, opened.db) };
    bindContract(ipcMain, contract, handlers, { callerOf: (event) => windows.callerOf(event), log });
    bindKioskPrint(ipcMain, kioskPrintHandler({ kiosk: () => lockdown.kiosk, printer: () => getSetting(opened.db, SETTINGS.kioskPrinter), log }));
    if (lockdown.kiosk) Menu.setApplicationMenu(null);
    createMainWindow();
    // Background updates of the installed app (electron/updater.ts): in kiosk mode never at quit.
    if (production) {
      const running = services;
      void startUpdater({ settings: () => storedUpdateSettings(opened), log, kiosk: lockdown.kiosk }).then((handle) => {
        if (running) running.updater = handle;
      });
    }
  }

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // The cookie-encryption fuse would ask a Linux kiosk session (cage, no keyring) to unlock a
  // keyring; the app keeps no secret in cookies (staff sessions live in this process), so Chromium's
  // built-in key store is enough.
  if (process.platform === 'linux') app.commandLine.appendSwitch('password-store', 'basic');
  app.enableSandbox();
  // Must happen before 'ready'.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, lockdown));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (services) {
      // Let a running sync stop between two transactions before the catalog closes, for a while.
      event.preventDefault();
      const stopping = services;
      services = null;
      void settledWithin(disposeServices(stopping)).then((settled) => {
        if (!settled) log('stopping the services took too long; quitting anyway');
        app.quit();
      });
      return;
    }
    library?.close();
    library = null;
  });
  app.whenReady().then(start).catch(guard.fail);
}

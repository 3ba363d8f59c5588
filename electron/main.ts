/**
 * The Electron main process: thin wiring of the modules beside it. One instance; the
 * privileged app:// scheme; on ready, the library (with the demo set when empty), the app://
 * protocol, the hardened session, the contract over IPC, and one sandboxed window on
 * app://bookshelf/index.html (…?kiosk=1 with --kiosk: the renderer's kiosk mode). Run as `electron <package root> [--library DIR] [--kiosk]
 * [--no-demo]`; this file is ESM (package.json "type": "module").
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoIfEmpty } from '../catalog/demo.js';
import { removeOrphanFiles } from '../catalog/store/gc.js';
import { createHandlers } from '../catalog/engine.js';
import { createFileHandler } from '../catalog/http/files.js';
import { createStaticHandler } from '../catalog/http/static.js';
import { Library } from '../catalog/library.js';
import { resolveLibraryDir } from '../catalog/paths.js';
import { createServices, disposeServices } from '../catalog/services.js';
import { storedUpdateSettings } from '../catalog/updates/settings.js';
import type { Services } from '../catalog/services.js';
import { WindowSessions } from './window-sessions.js';
import { contract } from '../shared/contract.js';
import { translate } from '../shared/messages.js';
import { APP_SCHEME, homeUrl } from './app-origin.js';
import { APP_SCHEME_DEFINITION, createAppProtocolHandler } from './app-protocol.js';
import { parseAppArgs } from './args.js';
import { nativeDialogHandlers } from './file-dialog.js';
import type { ShowOpenDialog } from './file-dialog.js';
import { hardenSession, hardenWebContents } from './harden.js';
import { bindContract } from './ipc-binding.js';
import { createReloadBackoff } from './reload-backoff.js';
import { startUpdater } from './updater.js';
import { WINDOW_TITLE, mainWindowOptions } from './window-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseAppArgs(process.argv);
const production = app.isPackaged;
/** Kiosk lockdown: --kiosk, or the station's kiosk setting (read once the library is open). */
const lockdown = { kiosk: args.kiosk, production, log: (message: string) => log(message) };
/** app://bookshelf/index.html, with ?kiosk=1 in kiosk mode (also after a crash). */
let home = homeUrl(args.kiosk);

let library: Library | null = null;
let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

function log(message: string, error?: unknown): void {
  if (error === undefined) console.error(`[bookshelf] ${message}`);
  else console.error(`[bookshelf] ${message}`, error);
}

function fail(error: unknown): void {
  log('start-up failed', error);
  const reason = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(WINDOW_TITLE, `${translate('vi', 'app.startFailed')}\n${translate('en', 'app.startFailed')}\n\n${reason}`);
  app.exit(1);
}

function createMainWindow(): void {
  const window = new BrowserWindow(mainWindowOptions({ preload: path.join(here, 'preload.cjs'), kiosk: lockdown.kiosk, production }));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // A crashed or killed renderer comes back on the home screen.
  const nextReloadDelay = createReloadBackoff();
  window.webContents.on('render-process-gone', (_event, details) => {
    log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      if (!window.isDestroyed()) window.loadURL(home).catch((error: unknown) => log('reloading home failed', error));
    }, nextReloadDelay());
  });
  window.loadURL(home).catch((error: unknown) => log('loading the UI failed', error));
}

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  const opened = await Library.open(resolveLibraryDir(args.library));
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
  if (lockdown.kiosk) Menu.setApplicationMenu(null);
  createMainWindow();
  // Background updates of the installed app: install on quit only, errors logged (electron/updater.ts).
  if (production) {
    const running = services;
    void startUpdater({ settings: () => storedUpdateSettings(opened), log }).then((handle) => {
      if (running) running.updater = handle;
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
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
      // Let a running sync stop between two transactions before the catalog closes.
      event.preventDefault();
      const stopping = services;
      services = null;
      void disposeServices(stopping).finally(() => app.quit());
      return;
    }
    library?.close();
    library = null;
  });
  app.whenReady().then(start).catch(fail);
}

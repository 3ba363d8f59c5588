/**
 * The main window's options: the renderer is isolated and sandboxed with no Node.js, no
 * webview, no insecure content and no DevTools in production or kiosk; a kiosk window is
 * full screen without a menu bar, and cannot be closed, minimised, maximised, moved or resized
 * from the window manager (kiosk-window.ts vetoes what still gets through).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { translate } from '../shared/messages.js';

/** The title before the UI sets its own (in the reader's language): the app's name in Vietnamese, its first language. */
export const WINDOW_TITLE = translate('vi', 'app.title');
/** The UI's page background, shown before the first paint instead of a white flash. */
export const WINDOW_BACKGROUND = '#f6f2ea';

export interface MainWindowSettings {
  /** Absolute path of the bundled preload (dist/app/electron/preload.cjs). */
  preload: string;
  kiosk: boolean;
  /** A packaged app (app.isPackaged). */
  production: boolean;
}

export function mainWindowOptions({ preload, kiosk, production }: MainWindowSettings): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show', so residents never see a half-drawn window.
    show: false,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: kiosk,
    closable: !kiosk,
    minimizable: !kiosk,
    maximizable: !kiosk,
    movable: !kiosk,
    resizable: !kiosk,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !production && !kiosk,
    },
  };
}

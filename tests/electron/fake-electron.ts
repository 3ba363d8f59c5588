/**
 * A stand-in for the `electron` module, for tests that import electron/main.ts (the real package
 * would try to download the binary). Use it from a `vi.mock('electron', …)` factory:
 * `async () => (await import('./fake-electron.js')).createFakeElectron()`; the recorded calls,
 * windows and protocol handlers are in `fake`, shared with the test file.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { FakeIpcMain, FakeSession, FakeWebContents } from './fakes.js';

export const fake = { calls: [] as string[], windows: [] as unknown[], protocolHandlers: new Map<string, (request: Request) => Promise<Response>>() };

export function createFakeElectron() {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  class App extends EventEmitter {
    isPackaged = false;
    requestSingleInstanceLock() {
      fake.calls.push('requestSingleInstanceLock');
      return true;
    }
    enableSandbox() {
      fake.calls.push('enableSandbox');
    }
    whenReady() {
      fake.calls.push('whenReady');
      return ready;
    }
    getAppPath() {
      return path.resolve(import.meta.dirname, '../..');
    }
    quit() {
      fake.calls.push('quit');
      this.emit('will-quit', { preventDefault() {} });
    }
    exit(code: number) {
      fake.calls.push(`exit ${code}`);
    }
    setAppUserModelId(id: string) {
      fake.calls.push(`setAppUserModelId ${id}`);
    }
    readonly commandLine = { appendSwitch: (name: string, value?: string) => fake.calls.push(`appendSwitch ${name} ${value ?? ''}`.trim()) };
  }
  class BrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      fake.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    destroyed = false;
    destroy() {
      this.destroyed = true;
      this.emit('closed');
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    shown = 0;
    restored = 0;
    show() {
      this.shown++;
    }
    focus() {}
    restore() {
      this.restored++;
    }
    setKiosk(flag: boolean) {
      fake.calls.push(`setKiosk ${flag}`);
    }
  }
  const app = new App();
  const electron = {
    app,
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => fake.calls.push(`registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.calls.push(`protocol.handle ${scheme}`);
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    Menu: { setApplicationMenu: () => fake.calls.push('setApplicationMenu') },
    dialog: { showErrorBox: (title: string, message: string) => fake.calls.push(`showErrorBox ${title}: ${message}`) },
    markReady: () => markReady(),
  };
  return { ...electron, default: electron };
}

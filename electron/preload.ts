/**
 * The sandboxed preload script. It exposes `window.bookshelf` (one function per contract
 * method, see bridge.ts) and `window.bookshelfShell` (the kiosk's print, shared/shell-bridge.ts)
 * through contextBridge and nothing else. Vite bundles it with the
 * shared code it uses into dist/app/electron/preload.cjs (see vite.preload.config.ts), because
 * a sandboxed preload can require only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/contract.js';
import { SHELL_BRIDGE_KEY } from '../shared/shell-bridge.js';
import { createBridge, createShellBridge } from './bridge.js';
import { BRIDGE_KEY } from './channels.js';

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge((channel, input, lang) => ipcRenderer.invoke(channel, input, lang), METHOD_NAMES),
);
contextBridge.exposeInMainWorld(
  SHELL_BRIDGE_KEY,
  createShellBridge((channel) => ipcRenderer.invoke(channel)),
);

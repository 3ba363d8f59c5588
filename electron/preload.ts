/**
 * The sandboxed preload script. It exposes `window.bookshelf` (one function per contract
 * method, see bridge.ts) and `window.bookshelfShell` (the kiosk's print, shared/shell-bridge.ts)
 * through contextBridge and nothing else. Vite bundles it with the
 * shared code it uses into dist/app/electron/preload.cjs (see vite.preload.config.ts), because
 * a sandboxed preload can require only `electron`; the contract's method names are written in
 * there, so the contract and its schemas are not bundled.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MethodName } from '../shared/contract.js';
import { SHELL_BRIDGE_KEY } from '../shared/shell-bridge.js';
import { createBridge, createShellBridge } from './bridge.js';
import { BRIDGE_KEY } from './channels.js';

/** The contract's method names, replaced by their list at build time (vite.preload.config.ts). */
declare const __BOOKSHELF_METHOD_NAMES__: readonly MethodName[];

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge((channel, input, lang) => ipcRenderer.invoke(channel, input, lang), __BOOKSHELF_METHOD_NAMES__),
);
contextBridge.exposeInMainWorld(
  SHELL_BRIDGE_KEY,
  createShellBridge((channel) => ipcRenderer.invoke(channel)),
);

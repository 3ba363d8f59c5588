/**
 * The preload bridge: one function per contract method and nothing else. Each function sends
 * its input and the window's language (for the words of an error) over its own IPC channel and
 * returns the main process's envelope;
 * the renderer never sees ipcRenderer, require, process or a generic "send anything" function.
 * Beside it, the shell's own bridge (shared/shell-bridge.ts): the kiosk's print, on its one channel.
 */
import type { Envelope } from '../shared/errors.js';
import { isLanguage } from '../shared/languages.js';
import type { Language } from '../shared/languages.js';
import { SHELL_PRINT_CHANNEL } from '../shared/shell-bridge.js';
import type { PrintOutcome, ShellBridge } from '../shared/shell-bridge.js';
import { channelOf } from './channels.js';

/** What the preload is given to reach the main process (ipcRenderer.invoke, narrowed). */
export type Invoke = (channel: string, input: unknown, lang: Language) => Promise<unknown>;

export type BridgeFunction = (input?: unknown, lang?: Language) => Promise<Envelope<unknown>>;

/** The shape of `window.bookshelf`: exactly the contract's method names. */
export type BookshelfBridge<M extends string = string> = Readonly<Record<M, BridgeFunction>>;

/** Method names look like `library.info`; anything else (`__proto__`, spaces) is a bug. */
const METHOD_NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;

export function createBridge<M extends string>(invoke: Invoke, methodNames: readonly M[]): BookshelfBridge<M> {
  const bridge: Record<string, BridgeFunction> = {};
  for (const name of methodNames) {
    if (!METHOD_NAME.test(name)) throw new Error(`Invalid contract method name: ${JSON.stringify(name)}`);
    if (Object.hasOwn(bridge, name)) throw new Error(`Duplicate contract method name: ${name}`);
    const channel = channelOf(name);
    // Only the input and a language cross; a page cannot smuggle anything else to the handler.
    bridge[name] = async (input?: unknown, lang?: unknown) => (await invoke(channel, input, isLanguage(lang) ? lang : 'vi')) as Envelope<unknown>;
  }
  return Object.freeze(bridge) as BookshelfBridge<M>;
}

/** `window.bookshelfShell`: the kiosk's print and nothing else; no argument crosses. */
export function createShellBridge(invoke: (channel: string) => Promise<unknown>): ShellBridge {
  return Object.freeze({ print: async () => (await invoke(SHELL_PRINT_CHANNEL)) as PrintOutcome });
}

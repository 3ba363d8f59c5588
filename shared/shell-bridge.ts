/**
 * The desktop shell's own bridge, beside the contract's `window.bookshelf`: what only the
 * Electron app does for its page. Today one thing: print the page's print container at a kiosk
 * without the system dialog (electron/kiosk-print.ts), whose Save As could browse the disk.
 * Exposed as `window.bookshelfShell` by electron/preload.ts; renderer/src/print-page.ts calls it.
 */
import type { MessageRef } from './messages.js';

export const SHELL_BRIDGE_KEY = 'bookshelfShell';

/** The IPC channel of the kiosk's print. */
export const SHELL_PRINT_CHANNEL = 'bookshelf-shell:print';

export type PrintOutcome = { ok: true } | { ok: false; error: MessageRef };

export interface ShellBridge {
  print(): Promise<PrintOutcome>;
}

/**
 * Printing at a kiosk without the system dialog. window.print() opens the native dialog, and its
 * "Microsoft Print to PDF" opens a Save As from which a resident can browse the disk and start
 * programs; so in kiosk mode the page asks over IPC (shared/shell-bridge.ts) and the main process
 * prints the calling page with `webContents.print({ silent: true, deviceName })` to the station's
 * printer (setting `kiosk.printer`, `bookshelf kiosk --printer`; unset: the default printer).
 * Only the top frame of an app page may ask, and only in kiosk mode; outside it the page keeps
 * window.print() and its dialog. Failures come back as message references.
 */
import type { IpcMainInvokeEvent, WebContentsPrintOptions } from 'electron';
import { SHELL_PRINT_CHANNEL } from '../shared/shell-bridge.js';
import type { PrintOutcome } from '../shared/shell-bridge.js';
import { isTrustedSender } from './ipc-binding.js';
import type { IpcMainLike, SenderFrame } from './ipc-binding.js';

/** The part of a WebContents that prints. */
export interface PrintingContents {
  print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
}

export interface PrintEvent {
  sender: PrintingContents;
  senderFrame: SenderFrame | null;
}

export interface KioskPrintOptions {
  /** Whether this run is a kiosk (read at each call: the setting is known only once the library is open). */
  kiosk: () => boolean;
  /** The station's printer, or null for the default one (read at each call: a change needs no restart). */
  printer: () => string | null;
  log: (message: string) => void;
}

/** The options of one silent print: no dialog, the chosen printer, the page's own print CSS. */
export function silentPrintOptions(printer: string | null): WebContentsPrintOptions {
  return { silent: true, printBackground: false, ...(printer ? { deviceName: printer } : {}) };
}

export function kioskPrintHandler(options: KioskPrintOptions): (event: PrintEvent) => Promise<PrintOutcome> {
  return async (event) => {
    if (!isTrustedSender(event.senderFrame)) {
      options.log('kiosk print refused: untrusted sender');
      return { ok: false, error: { key: 'error.forbidden' } };
    }
    if (!options.kiosk()) {
      options.log('kiosk print refused: not in kiosk mode (the page prints with its dialog)');
      return { ok: false, error: { key: 'error.forbidden' } };
    }
    const printer = options.printer()?.trim() || null;
    return new Promise<PrintOutcome>((resolve) => {
      event.sender.print(silentPrintOptions(printer), (success, failureReason) => {
        if (success) return resolve({ ok: true });
        options.log(`kiosk print failed on ${printer ?? 'the default printer'}: ${failureReason}`);
        resolve({ ok: false, error: printer ? { key: 'shellPrint.failed', params: { printer } } : { key: 'shellPrint.failedDefault' } });
      });
    });
  };
}

/** Binds the handler to its channel; returns the function that removes it. */
export function bindKioskPrint(ipcMain: IpcMainLike, handler: (event: PrintEvent) => Promise<PrintOutcome>): () => void {
  ipcMain.handle(SHELL_PRINT_CHANNEL, (event: IpcMainInvokeEvent) => handler(event));
  return () => ipcMain.removeHandler(SHELL_PRINT_CHANNEL);
}

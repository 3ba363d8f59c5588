/**
 * Printing what a page has put in its print container. In the desktop app at a kiosk the shell
 * prints it without a dialog, to the station's printer (`window.bookshelfShell`,
 * shared/shell-bridge.ts): the system dialog's "Print to PDF" would open a Save As onto the disk.
 * Everywhere else — a browser, a phone, the desktop app outside kiosk mode — window.print()
 * opens the system dialog. Resolves once the page may be released.
 */
import { SHELL_BRIDGE_KEY } from '../../shared/shell-bridge.js';
import type { PrintOutcome, ShellBridge } from '../../shared/shell-bridge.js';
import { readKioskMode } from './kiosk/mode.js';

function shellBridge(): ShellBridge | null {
  const shell = (globalThis as Record<string, unknown>)[SHELL_BRIDGE_KEY] as Partial<ShellBridge> | undefined;
  return typeof shell?.print === 'function' ? (shell as ShellBridge) : null;
}

export async function printPage(): Promise<PrintOutcome> {
  const shell = shellBridge();
  if (shell && readKioskMode(window.location.search).kiosk) {
    try {
      return await shell.print();
    } catch {
      return { ok: false, error: { key: 'pdf.printFailed' } };
    }
  }
  window.print();
  return { ok: true };
}

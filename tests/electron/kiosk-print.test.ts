/**
 * Issue 18, item 5: a kiosk prints without the system dialog (whose "Print to PDF" Save As would
 * open the disk to the public). electron/main.ts with --kiosk, against the stand-in `electron`:
 * the page's print request over the shell's IPC channel prints the calling page silently to the
 * station's printer — set with `bookshelf kiosk --printer` (a real CLI process beside the app) and read at each print, so a change
 * needs no restart — or to the default printer; a failure comes back as words for the resident.
 * Only the app's top frame may ask, and only in kiosk mode; the preload's bridge sends nothing but
 * the request.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebContentsPrintOptions } from 'electron';
import { runKiosk } from '../../catalog/cli/kiosk.js';
import { createShellBridge } from '../../electron/bridge.js';
import { kioskPrintHandler } from '../../electron/kiosk-print.js';
import type { PrintingContents } from '../../electron/kiosk-print.js';
import { translate } from '../../shared/messages.js';
import { SHELL_PRINT_CHANNEL } from '../../shared/shell-bridge.js';
import type { PrintOutcome } from '../../shared/shell-bridge.js';
import { runCli } from '../helpers/cli.js';
import { quitMain, startMain } from './run-main.js';
import { subFrame, topFrame } from './fakes.js';
import type { FakeIpcMain } from './fakes.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

/** A page's web contents that records what it was asked to print, and answers as a printer would. */
class PrintingPage implements PrintingContents {
  readonly jobs: WebContentsPrintOptions[] = [];
  constructor(private readonly answer: [boolean, string] = [true, '']) {}
  print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void {
    this.jobs.push(options);
    setTimeout(() => callback(...this.answer), 5);
  }
}

let libraryDir = '';
let ipcMain: FakeIpcMain;
const quiet = (text: string) => void text;

beforeAll(async () => {
  await startMain(['--kiosk', '--no-demo'], async (dir) => {
    libraryDir = dir;
    await runKiosk({ libraryDir: dir, on: false, off: false, printer: 'HP LaserJet P1102 (UBND xã)' }, quiet);
  });
  ipcMain = ((await import('electron')) as unknown as { ipcMain: FakeIpcMain }).ipcMain;
});

afterAll(() => quitMain());

const KIOSK_PAGE = 'app://bookshelf/index.html?kiosk=1';
const print = (page: PrintingPage, frame = topFrame(KIOSK_PAGE)) => ipcMain.invokeFrom(page, SHELL_PRINT_CHANNEL, frame) as Promise<PrintOutcome>;

describe('printing at a kiosk', () => {
  it("prints the calling page silently on the station's printer, read at each print", async () => {
    const page = new PrintingPage();
    await expect(print(page)).resolves.toEqual({ ok: true });
    expect(page.jobs).toEqual([{ silent: true, printBackground: false, deviceName: 'HP LaserJet P1102 (UBND xã)' }]);
    // The officials change the printer while the app runs: `bookshelf kiosk` reads and sets, it is no writer.
    const cli = runCli(['kiosk', '--printer', 'Canon LBP2900'], { library: libraryDir });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/Máy in của kiosk \/ Kiosk printer: Canon LBP2900/);
    await print(page);
    expect(page.jobs[1]).toMatchObject({ silent: true, deviceName: 'Canon LBP2900' });
    // "" goes back to the default printer: no deviceName.
    await runKiosk({ libraryDir, on: false, off: false, printer: '' }, quiet);
    await print(page);
    expect(page.jobs[2]).toEqual({ silent: true, printBackground: false });
  });

  it('a failed print says so in the words of the screen, naming the printer', async () => {
    await runKiosk({ libraryDir, on: false, off: false, printer: 'Canon LBP2900' }, quiet);
    const outcome = await print(new PrintingPage([false, 'Invalid deviceName provided']));
    expect(outcome).toEqual({ ok: false, error: { key: 'shellPrint.failed', params: { printer: 'Canon LBP2900' } } });
    if (outcome.ok) return;
    expect(translate('vi', outcome.error.key, outcome.error.params)).toBe('Không in được trên máy in “Canon LBP2900”. Xin báo cán bộ thư viện.');
  });

  it("refuses a subframe (an EPUB's iframe) or a foreign page, and prints nothing", async () => {
    for (const frame of [subFrame('app://bookshelf/epub/x.html', topFrame(KIOSK_PAGE)), topFrame('https://evil.example/'), null]) {
      const page = new PrintingPage();
      await expect(print(page, frame as ReturnType<typeof topFrame>)).resolves.toEqual({ ok: false, error: { key: 'error.forbidden' } });
      expect(page.jobs).toEqual([]);
    }
  });

  it('outside kiosk mode the shell refuses: the page keeps window.print() and its dialog', async () => {
    const handler = kioskPrintHandler({ kiosk: () => false, printer: () => 'Canon LBP2900', log: () => undefined });
    const page = new PrintingPage();
    await expect(handler({ sender: page, senderFrame: topFrame() })).resolves.toMatchObject({ ok: false });
    expect(page.jobs).toEqual([]);
  });

  it("the preload's shell bridge sends only the request on the print channel", async () => {
    const sent: unknown[][] = [];
    const bridge = createShellBridge(async (...args) => {
      sent.push(args);
      return { ok: true };
    });
    expect(Object.keys(bridge)).toEqual(['print']);
    expect(Object.isFrozen(bridge)).toBe(true);
    await expect(bridge.print()).resolves.toEqual({ ok: true });
    expect(sent).toEqual([[SHELL_PRINT_CHANNEL]]);
  });
});

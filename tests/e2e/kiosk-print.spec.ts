/**
 * Issue 18, item 5, the renderer's half: at a desktop kiosk (`?kiosk=1` with the shell's bridge,
 * which the Electron preload exposes as `window.bookshelfShell`; here a stand-in) the PDF
 * reader's "In" prints through the shell — no system dialog, whose "Print to PDF" Save As would
 * open the disk — and a printer failure is said in the dialog, in Vietnamese, with the printer's
 * name. The same page outside kiosk mode keeps window.print(). Also the officials' "Cài đặt ngay"
 * for a downloaded update (the one way a kiosk installs one), with the status answered by a
 * stand-in updater. Screenshots at the kiosk's 1366×768.
 */
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { watchPageProblems } from './support/page-problems.js';
import { signIn } from './support/staff.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

watchPageProblems(test);

const LAW = 'luat-so-69-2020-qh14-32699';

interface ShellProbe {
  shellPrints: string[][];
  dialogPrints: number;
  nextPrint: unknown;
}

/** The shell's bridge as the preload exposes it, answering with `nextPrint`, and a window.print that only counts. */
async function standInShell(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as ShellProbe & { bookshelfShell: unknown };
    w.shellPrints = [];
    w.dialogPrints = 0;
    w.nextPrint = { ok: true };
    window.print = () => void w.dialogPrints++;
    w.bookshelfShell = Object.freeze({
      print: async () => {
        w.shellPrints.push([...document.querySelectorAll<HTMLImageElement>('.pdf-print-root img')].map((img) => img.dataset.page ?? ''));
        return w.nextPrint;
      },
    });
  });
}

const probe = (page: Page) => page.evaluate(() => ({ shell: (window as unknown as ShellProbe).shellPrints, dialog: (window as unknown as ShellProbe).dialogPrints }));

/** Opens the law's reader from the kiosk home (routes live in memory there): search by number, its page, "Đọc". */
async function openAtKiosk(page: Page) {
  await page.goto('/?kiosk=1');
  const input = page.getByTestId('search-input').first();
  await input.fill('69/2020/QH14');
  await input.press('Enter');
  const title = page.getByTestId('publication-title');
  await expect(page.getByTestId('hit-link').or(title).first()).toBeVisible();
  if (!(await title.isVisible())) await page.getByTestId('hit-link').first().click();
  await page.getByRole('link', { name: 'Đọc', exact: true }).click();
  await expect(page.getByTestId('pdf-reader')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
}

test.use({ viewport: { width: 1366, height: 768 } });

test('at a desktop kiosk "In" prints through the shell with no dialog, and says when the printer fails', async ({ page }, info) => {
  await standInShell(page);
  await openAtKiosk(page);
  await page.evaluate(() => {
    (window as unknown as ShellProbe).nextPrint = { ok: false, error: { key: 'shellPrint.failed', params: { printer: 'Canon LBP2900' } } };
  });
  await page.getByTestId('pdf-print').click();
  await page.getByTestId('pdf-print-start').click();
  const dialog = page.getByTestId('pdf-print-dialog');
  await expect(dialog.getByRole('alert')).toHaveText('Không in được trên máy in “Canon LBP2900”. Xin báo cán bộ thư viện.');
  await page.screenshot({ path: info.outputPath('kiosk-print-failed.png') });
  expect(await probe(page)).toEqual({ shell: [['1']], dialog: 0 });
  // The page images are released after a failure as after a print.
  await expect(page.locator('.pdf-print-root img')).toHaveCount(0);

  await page.evaluate(() => void ((window as unknown as ShellProbe).nextPrint = { ok: true }));
  await page.getByTestId('pdf-print-start').click();
  await expect(dialog).toBeHidden();
  expect(await probe(page)).toEqual({ shell: [['1'], ['1']], dialog: 0 });
});

test('outside kiosk mode the same button opens the system dialog, even in the desktop app', async ({ page }) => {
  await standInShell(page);
  await page.goto(`/#/read/${LAW}`);
  await expect(page.getByTestId('pdf-reader')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await page.getByTestId('pdf-print').click();
  await page.getByTestId('pdf-print-start').click();
  await expect(page.getByTestId('pdf-print-dialog')).toBeHidden();
  expect(await probe(page)).toEqual({ shell: [], dialog: 1 });
});

test('the officials install a downloaded update with "Cài đặt ngay"', async ({ page }, info) => {
  await signIn(page, 'official');
  const ready = { phase: 'ready', version: '0.9.0', percent: 100, checkedAt: '2026-12-07T08:00:00.000Z', error: null, appVersion: '0.8.0', url: null, channel: 'latest' };
  const installs: unknown[] = [];
  await page.route('**/api/updates.status', (route) => route.fulfill({ json: { ok: true, result: ready } }));
  await page.route('**/api/updates.install', (route) => {
    installs.push(route.request().postDataJSON());
    return route.fulfill({ json: { ok: true, result: ready } });
  });
  await page.goto('/#/official/updates');
  const install = page.getByRole('button', { name: 'Cài đặt ngay' });
  await expect(install).toBeVisible();
  await expect(page.getByText('Ứng dụng sẽ đóng, cài bản mới rồi tự mở lại.', { exact: false })).toBeVisible();
  await page.screenshot({ path: info.outputPath('updates-install.png'), fullPage: true });
  await install.click();
  await expect.poll(() => installs).toEqual([{}]);
});

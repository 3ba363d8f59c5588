/**
 * The officials' screens end to end: an official signs in and is asked for the commune's name
 * (the report says it is missing until then), sees the station's health, changes the kiosk's
 * idle timeout, creates a librarian and finds that in the audit log, looks at the use charts and
 * downloads the yearly report as CSV and PDF (their bytes checked, the PDF signed by the official
 * who made it); a librarian is kept out. Then every official screen and the help, on the kiosk (1366×768) and on
 * a phone (390×844): a screenshot in <outputDir>/screens/official-<screen>-<size>.png, no
 * sideways scrolling on the phone, and axe finds no serious or critical violation.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { problemsOf, watchPageProblems } from './support/page-problems.js';
import { E2E_STAFF, signIn } from './support/staff.js';
import { shoot } from './support/screens.js';
import { pdfText, pdftotextMissing } from '../helpers/pdf-text.js';
import { api } from './support/api.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
watchPageProblems(test);
const temp = tempDirs(test);

test.describe('an official at work', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('is asked for the commune’s name until it is set; meanwhile the report says it is missing', async ({ page }) => {
    await signIn(page, 'official');
    await page.goto('/#/official');
    const prompt = page.getByTestId('commune-prompt');
    await expect(prompt.getByRole('heading', { level: 2, name: 'Chưa có tên đơn vị' })).toBeVisible();
    await expect(prompt.getByRole('link', { name: 'Hoặc đặt trong trang Cài đặt' })).toHaveAttribute('href', '#/official/settings');
    await audit(page, 'overview asking for the commune’s name');
    await shoot(page, 'official-commune-prompt', 'kiosk');

    await page.setViewportSize(SIZES.phone.viewport);
    await page.goto('/#/official/usage');
    await expect(prompt).toBeVisible();
    await prompt.scrollIntoViewIfNeeded();
    await shoot(page, 'official-usage-commune-prompt', 'phone');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const csvFile = path.join(temp('official-unnamed-'), csv.suggestedFilename());
    await csv.saveAs(csvFile);
    expect(fs.readFileSync(csvFile, 'utf8')).toContain('Đơn vị,"(chưa đặt tên đơn vị');

    await prompt.getByLabel('Tên xã, phường, đặc khu').fill('UBND xã Tân Phước, tỉnh Thái Nguyên');
    await prompt.getByRole('button', { name: 'Lưu tên đơn vị' }).click();
    await expect(prompt).toHaveCount(0);
    await page.goto('/#/official');
    await expect(page.getByTestId('health')).toContainText('UBND xã Tân Phước, tỉnh Thái Nguyên');
    await expect(page.getByTestId('commune-prompt')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('sees the station at a glance and reaches each page', async ({ page }) => {
    await signIn(page, 'official');
    await page.goto('/#/official');
    const health = page.getByTestId('health');
    await expect(health.getByRole('heading', { level: 2 })).toHaveCount(6);
    await expect(page.getByTestId('overview-kiosk')).toBeVisible();
    await expect(page.getByTestId('help-link')).toHaveAttribute('href', '#/help/sync');
    await page.getByRole('navigation', { name: 'Các trang quản trị' }).getByRole('link', { name: 'Lưu trữ' }).click();
    await expect(page.getByTestId('disk-usage')).toContainText('còn trống');
  });

  test('changes the kiosk idle timeout', async ({ page }) => {
    await signIn(page, 'official');
    const before = await api<{ kiosk: { idleSeconds: number } }>(page, 'library.info');
    const next = before.kiosk.idleSeconds === 240 ? 250 : 240;
    await page.goto('/#/official/settings');
    const idle = page.getByLabel('Số giây không dùng trước khi về trang đầu');
    await expect(idle).toHaveValue(String(before.kiosk.idleSeconds));
    try {
      await idle.fill(String(next));
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await expect(page.getByTestId('settings-saved')).toBeVisible();
      expect((await api<{ kiosk: { idleSeconds: number } }>(page, 'library.info')).kiosk.idleSeconds).toBe(next);
      await page.reload();
      await expect(page.getByLabel('Số giây không dùng trước khi về trang đầu')).toHaveValue(String(next));
    } finally {
      // The file's later tests see the station's own idle delay.
      await api(page, 'kiosk.updateSettings', { idleSeconds: before.kiosk.idleSeconds });
    }
  });

  test('the display defaults and printing reach the residents’ screens', async ({ page, browser }) => {
    await signIn(page, 'official');
    await api(page, 'admin.updateSettings', { largeText: true, printingAllowed: false });
    try {
      const resident = await browser.newPage();
      await resident.goto('/#/publications/luat-so-69-2020-qh14-32699');
      await expect(resident.getByTestId('read-button')).toBeVisible();
      await expect(resident.locator('html')).toHaveAttribute('data-text', 'large');
      await expect(resident.getByTestId('print-button')).toHaveCount(0);
      await resident.goto('/#/read/luat-so-69-2020-qh14-32699?print=1');
      await expect(resident.getByTestId('pdf-reader')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
      await expect(resident.getByTestId('pdf-print')).toHaveCount(0);
      await expect(resident.getByRole('dialog')).toHaveCount(0);
      await resident.close();
    } finally {
      await api(page, 'admin.updateSettings', { largeText: false, printingAllowed: true });
    }
  });

  test('creates a librarian account and finds it in the audit log', async ({ page }) => {
    await signIn(page, 'official');
    const username = `thuthu${Date.now().toString(36)}`;
    await page.goto('/#/official/accounts');
    const form = page.getByTestId('create-account');
    await form.getByLabel('Họ và tên').fill('Lê Thị Mới');
    await form.getByLabel('Tên đăng nhập').fill(username);
    await form.locator('input[name="password"]').fill('mat-khau-moi-123');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã tạo tài khoản Lê Thị Mới' })).toBeVisible();
    const card = page.locator(`[data-username="${username}"]`);
    await expect(card).toContainText('Thủ thư');

    await page.getByRole('navigation', { name: 'Các trang quản trị' }).getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByLabel('Tìm theo từ').fill(username);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const entry = page.getByTestId('audit-entry').first();
    await expect(entry).toContainText('Tạo tài khoản');
    await expect(entry).toContainText(username);
    await expect(entry).toContainText('canbo');
    await expect(entry).not.toContainText('mat-khau-moi-123');
  });

  test('sees the use charts and downloads the report as CSV and PDF', async ({ page }) => {
    await signIn(page, 'official');
    // Something to count: a search that finds nothing and one that opens a document.
    await api(page, 'search', { q: 'qzxvw zzqqk' });
    await api(page, 'reading.record', { id: 'luat-so-69-2020-qh14-32699' });
    await page.goto('/#/official/usage');
    await expect(page.getByRole('img', { name: 'Lượt mở tài liệu và lượt tìm kiếm theo tháng' })).toBeVisible();
    await expect(page.getByTestId('usage-totals')).toContainText('Lượt tìm kiếm');
    await expect(page.getByTestId('top-documents')).toContainText('69/2020/QH14');
    await expect(page.getByRole('rowheader', { name: 'qzxvw zzqqk' })).toBeVisible();
    const year = new Date().getFullYear();

    const dir = temp('official-report-');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`bao-cao-tu-sach-${year}-01-01-${year}-12-31.csv`);
    const csvFile = path.join(dir, csv.suggestedFilename());
    await csv.saveAs(csvFile);
    const text = fs.readFileSync(csvFile, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Báo cáo sử dụng Tủ sách pháp luật điện tử');
    expect(text).toContain(`Từ ngày,01/01/${year}`);
    expect(text).toContain('qzxvw zzqqk');
    await expect(page.getByRole('status').filter({ hasText: csv.suggestedFilename() })).toBeVisible();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfFile = path.join(dir, pdf.suggestedFilename());
    await pdf.saveAs(pdfFile);
    const bytes = fs.readFileSync(pdfFile);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    // Signed by who made it: the official's name under "Người lập báo cáo", in the commune set above.
    if (pdftotextMissing() === null) {
      const printed = pdfText(bytes, { layout: true });
      expect(printed).toContain('Đơn vị: UBND xã Tân Phước, tỉnh Thái Nguyên');
      expect(printed).toMatch(/Tân Phước, ngày \d\d tháng \d\d? năm \d{4}/);
      expect(printed).toMatch(new RegExp(`NGƯỜI LẬP BÁO CÁO[\\s\\S]*${E2E_STAFF.official.displayName}`));
    }
  });

  test('adds a USB folder as a sync source with its key, syncs it and reads the failure in plain words', async ({ page }) => {
    await signIn(page, 'official');
    const folder = temp('official-usb-');
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await page.goto('/#/official/sync');
    // The drives plugged in are offered to pick (whatever this machine has under /media or /mnt), a folder may still be typed.
    const drives = page.getByRole('group', { name: 'Các ổ đĩa đang cắm vào máy' });
    await expect(drives.getByRole('button', { name: 'Tìm lại ổ USB' })).toBeEnabled();
    await page.getByLabel('Địa chỉ hoặc thư mục').fill(folder);
    await page.getByRole('button', { name: 'Thêm nguồn' }).click();
    // A new source without a key is refused, with the reason in words.
    await expect(page.getByRole('alert').filter({ hasText: 'khóa công khai' })).toBeVisible();
    const refused = problemsOf(page);
    expect(refused).toEqual([expect.stringContaining('400 (Bad Request)')]);
    refused.length = 0;
    await page.getByLabel('Khóa công khai (PEM)').fill(pem);
    await page.getByLabel('Tên gợi nhớ (không bắt buộc)').fill('Ổ USB của xã bên');
    await page.getByRole('button', { name: 'Thêm nguồn' }).click();
    const source = page.getByTestId('sync-source').filter({ hasText: 'Ổ USB của xã bên' });
    await expect(source).toContainText('1 khóa');

    await source.getByRole('button', { name: 'Đồng bộ nguồn này' }).click();
    // The folder holds no feed: the run ends, and the history says why.
    const run = page.getByTestId('sync-history').getByRole('row').nth(1);
    await expect(run).toContainText(folder, { timeout: 15_000 });
    await expect(run).toContainText('Lỗi');
    // In the screen's language only: the history keeps the reason by reference.
    await expect(run).toContainText('Thư mục nguồn thiếu tệp root.json');
    await expect(run).not.toContainText('ENOENT');
    await expect(run).not.toContainText('Not found');
    await expect(page.getByTestId('sync-idle')).toBeVisible();
  });

  test('a librarian is kept out of the officials’ pages', async ({ page }) => {
    await signIn(page, 'librarian');
    await page.goto('/#/official/accounts');
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('create-account')).toHaveCount(0);
  });
});

const SIZES = {
  kiosk: { viewport: { width: 1366, height: 768 }, isMobile: false, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

const SCREENS: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'overview', path: '/#/official', ready: (page) => expect(page.getByTestId('health')).toBeVisible() },
  { name: 'sync', path: '/#/official/sync', ready: (page) => expect(page.getByTestId('sync-idle')).toBeVisible() },
  { name: 'storage', path: '/#/official/storage', ready: (page) => expect(page.getByTestId('disk-level')).toBeVisible() },
  { name: 'settings', path: '/#/official/settings', ready: (page) => expect(page.getByTestId('settings-form')).toBeVisible() },
  { name: 'accounts', path: '/#/official/accounts', ready: (page) => expect(page.getByTestId('account').first()).toBeVisible() },
  { name: 'audit', path: '/#/official/audit', ready: (page) => expect(page.getByTestId('audit-log')).toBeVisible() },
  { name: 'usage', path: '/#/official/usage', ready: (page) => expect(page.getByTestId('usage-totals')).toBeVisible() },
  { name: 'updates', path: '/#/official/updates', ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
  { name: 'help', path: '/#/help', ready: (page) => expect(page.getByRole('heading', { name: 'Trợ giúp', level: 1 })).toBeVisible() },
  { name: 'help-report', path: '/#/help/report', ready: (page) => expect(page.getByTestId('help-steps')).toBeVisible() },
  { name: 'first-run', path: '/#/help/first-run', ready: (page) => expect(page.getByTestId('first-run-steps')).toBeVisible() },
];

for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
  test.describe(`official screens on the ${size}`, () => {
    test.use({ ...SIZES[size], deviceScaleFactor: 1 });

    for (const screen of SCREENS) {
      test(screen.name, async ({ page }) => {
        await signIn(page, 'official');
        await page.goto(screen.path);
        await screen.ready(page);
        await page.waitForLoadState('networkidle');
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(test.info().project.outputDir, 'screens', `official-${screen.name}-${size}.png`);
        await page.screenshot({ path: file, fullPage: true, caret: 'hide', animations: 'disabled' });
        await test.info().attach(`official-${screen.name}-${size}`, { path: file, contentType: 'image/png' });
        if (size === 'phone') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${screen.name}: no sideways scrolling on a phone`).toBeLessThanOrEqual(0);
        }
        await audit(page, `${screen.name} (${size})`);
      });
    }
  });
}

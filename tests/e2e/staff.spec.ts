/**
 * The staff area in Chromium: the first start asks for the first official (a station of its own,
 * with no account) — but not at a kiosk, where "Dành cho cán bộ" says how the official creates the
 * account at the station instead and the engine refuses it anyway; signing in from the sign-in
 * screen (a wrong password says so; the right one returns to where the person was going), what a
 * librarian and an official each see, signing out. axe on each screen; screenshots at kiosk and
 * phone size.
 */
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { startStation } from '../../catalog/station.js';
import type { RunningStation } from '../../catalog/station.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { SIZES, shoot } from './support/screens.js';
import { E2E_STAFF } from './support/staff.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
test.use({ viewport: SIZES.kiosk.viewport });

test.describe('first start', () => {
  let station: RunningStation;
  test.beforeAll(async () => {
    const libraryDir = temp('bookshelf-e2e-first-');
    station = await startStation({ libraryDir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
  });
  test.afterAll(() => station.close());
  const temp = tempDirs(test); // after the station's hook: its library is in the folder

  test('a kiosk’s address on the station’s own screen does not offer the form either', async ({ page }) => {
    await page.goto(`${station.server.url}/?kiosk=1`);
    await page.locator('.staff-link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Trạm chưa có tài khoản cán bộ' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' })).toHaveCount(0);
  });

  test('asks for the first official account, then opens the first-run guide signed in', async ({ page }) => {
    await page.goto(`${station.server.url}/#/staff`);
    await expect(page.getByRole('heading', { level: 1, name: 'Chào mừng! Tạo tài khoản cán bộ đầu tiên' })).toBeVisible();
    await audit(page, 'first-run setup');
    await shoot(page, 'staff-setup', 'kiosk');
    await page.getByLabel('Họ và tên').fill('Phạm Thị Lan');
    await page.getByLabel('Tên đăng nhập').fill('lan.pt');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('xa-phu-my-2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('xa-phu-my-2025');
    await page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await expect(page.getByRole('alert')).toHaveText('Hai mật khẩu chưa giống nhau.');
    await page.getByLabel('Nhập lại mật khẩu').fill('xa-phu-my-2026');
    await page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await expect(page).toHaveURL(/#\/help\/first-run$/);
    await expect(page.locator('.staff-link')).toHaveText('Phạm Thị Lan');
    // Setup happens once: the form is gone for good (signed in, it leads to the staff home).
    await page.goto(`${station.server.url}/#/staff/setup`);
    await expect(page).toHaveURL(/#\/staff$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Xin chào, Phạm Thị Lan' })).toBeVisible();
  });
});

test.describe('first start at a kiosk', () => {
  let station: RunningStation;
  test.beforeAll(async () => {
    const libraryDir = temp('bookshelf-e2e-kiosk-first-');
    station = await startStation({ libraryDir, host: '127.0.0.1', port: 0, demo: false, kiosk: true, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
  });
  test.afterAll(() => station.close());
  const temp = tempDirs(test);

  /** What "Dành cho cán bộ" leads to: how to create the account elsewhere, no form. */
  async function expectSetupElsewhere(page: Page) {
    await expect(page.getByRole('heading', { level: 1, name: 'Trạm chưa có tài khoản cán bộ' })).toBeVisible();
    await expect(page.getByTestId('setup-elsewhere')).toContainText('bookshelf accounts --add ten-dang-nhap --role official --name "Họ và tên"');
    await expect(page.getByLabel('Mật khẩu', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' })).toHaveCount(0);
  }

  test('"Dành cho cán bộ" says how the official creates the account at the station, and offers no form', async ({ page }) => {
    await page.goto(`${station.server.url}/?kiosk=1`);
    await page.locator('.staff-link').click();
    await expectSetupElsewhere(page);
    await audit(page, 'first-run at a kiosk');
    await shoot(page, 'staff-setup-kiosk', 'kiosk');
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await expect(page.getByTestId('search-input').first()).toBeVisible();
  });

  test('the station refuses it even to a page that asks directly, and without the kiosk address', async ({ page }) => {
    // This station runs as a kiosk: the engine says so to any page on it, whatever its address.
    await page.goto(`${station.server.url}/#/staff/setup`);
    await expectSetupElsewhere(page);
    const refused = await page.request.post(`${station.server.url}/api/auth.setup`, { data: { username: 'ke-la', displayName: 'Người lạ', password: 'mat-khau-nguoi-la' } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { key: string } }).error.key).toBe('accounts.setupNotHere');
    expect((await page.request.post(`${station.server.url}/api/auth.state`, { data: {} }).then((r) => r.json())) as unknown).toMatchObject({ result: { firstRun: true, setupAllowed: false } });
  });

  test('fits a phone', async ({ page }) => {
    await page.setViewportSize(SIZES.phone.viewport);
    await page.goto(`${station.server.url}/?kiosk=1`);
    await page.locator('.staff-link').click();
    await expectSetupElsewhere(page);
    await shoot(page, 'staff-setup-kiosk', 'phone');
  });
});

test.describe('signing in', () => {
  test('a wrong password says so; the right one goes on to the page asked for', async ({ page }) => {
    await page.goto('/#/desk');
    await expect(page).toHaveURL(/#\/staff\/sign-in\?next=%2Fdesk$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' })).toBeVisible();
    await audit(page, 'sign-in');
    await shoot(page, 'staff-sign-in', 'kiosk');
    await page.getByLabel('Tên đăng nhập').fill(E2E_STAFF.librarian.username);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await page.getByLabel('Mật khẩu').fill(E2E_STAFF.librarian.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(/#\/desk$/);
  });

  test('a librarian sees the desk and help, not the administration, and signs out', async ({ page }) => {
    await page.goto('/#/staff/sign-in');
    await page.getByLabel('Tên đăng nhập').fill(E2E_STAFF.librarian.username);
    await page.getByLabel('Mật khẩu').fill(E2E_STAFF.librarian.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Xin chào, ${E2E_STAFF.librarian.displayName}` })).toBeVisible();
    await expect(page.getByRole('link', { name: /Bàn làm việc thủ thư/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Quản trị trạm/ })).toHaveCount(0);
    await audit(page, 'staff home');
    await shoot(page, 'staff-home', 'kiosk');
    await page.goto('/#/official');
    await expect(page.getByRole('alert')).toHaveText('Trang này chỉ dành cho cán bộ quản lý trạm.');
    await page.goto('/#/staff');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page.getByTestId('search-input').first()).toBeVisible();
    await expect(page.locator('.staff-link')).toHaveText('Dành cho cán bộ');
    expect((await page.request.post('/api/accounts.list', { data: {} })).status()).toBe(403);
  });

  test('an official sees the administration too; the screens fit a phone', async ({ page }) => {
    await page.setViewportSize(SIZES.phone.viewport);
    await page.goto('/#/staff/sign-in?next=%2Fstaff');
    await shoot(page, 'staff-sign-in', 'phone');
    await page.getByLabel('Tên đăng nhập').fill(E2E_STAFF.official.username);
    await page.getByLabel('Mật khẩu').fill(E2E_STAFF.official.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('link', { name: /Quản trị trạm/ })).toBeVisible();
    await shoot(page, 'staff-home', 'phone');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
  });
});

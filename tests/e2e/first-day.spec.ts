/**
 * A newcomer's first day (issue 16, items 4, 10 and 11), in Chromium on an English system — where
 * the browser's own words (validation bubbles, date fields) are English: the home page says the
 * demo set is a sample and features only what opens; a document without its file says what a
 * resident can do; every form speaks Vietnamese and takes dates as day/month/year; a sync that
 * cannot connect says so in words, its system text folded away; a weekly schedule reads "Mỗi
 * tuần"; the hub's moderation tab shows at a hub only; the USB help is screen steps. Screenshots
 * of the screens changed, axe on each; a book’s page is headed as a publication, not a legal document.
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from './support/station.js';
import type { Locator, Page } from '@playwright/test';
import { Accounts } from '../../catalog/accounts/accounts.js';
import { recordStationUsage } from '../../catalog/hub/usage.js';
import { Library } from '../../catalog/library.js';
import { startStation } from '../../catalog/station.js';
import type { RunningStation } from '../../catalog/station.js';
import { closedPort } from '../helpers/closed-port.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { watchPageProblems } from './support/page-problems.js';
import { SIZES, shoot } from './support/screens.js';
import { signIn } from './support/staff.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
watchPageProblems(test);
// The browser's own words follow the system's language: an English one shows them at their worst.
test.use({ locale: 'en-US', viewport: SIZES.kiosk.viewport });

/** A demo document the demo set describes without its file. */
const WITHOUT_FILE = 'luat-so-41-2024-qh15-42576';

/** What the browser says of invalid fields would be English ("Please fill out this field.") or a system code. */
const MACHINE_TEXT = /Please |fill out|match the requested|Value must|characters? \(you|mm\/dd\/yyyy|\bE(CONNREFUSED|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH|TIMEDOUT|CONNRESET|ACCES|NOENT)\b|connect \w|undefined|NaN|\(không có loại\)/;

async function expectNoMachineText(page: Page) {
  expect(await page.locator('main').innerText()).not.toMatch(MACHINE_TEXT);
}

/** The messages of a form's invalid fields, as the browser's bubble would say them, after pressing its submit button. */
async function bubbles(form: Locator, submit: Locator): Promise<string[]> {
  await submit.click();
  return form.evaluate((element) =>
    [...(element as HTMLFormElement).elements]
      .filter((control): control is HTMLInputElement => 'validity' in control && !(control as HTMLInputElement).validity.valid)
      .map((control) => control.validationMessage),
  );
}

test('first start: the home page says the shelf is a sample and features only documents that open', async ({ page }) => {
  await page.goto('/');
  const notice = page.getByTestId('sample-notice');
  await expect(notice).toContainText('Bộ tài liệu mẫu — tủ sách đầy đủ sẽ có sau khi đồng bộ');
  await expect(notice).toContainText('văn bản mẫu');
  const arrivals = page.getByTestId('new-arrivals').getByRole('listitem');
  await expect(arrivals.first()).toBeVisible();
  await expect(page.getByTestId('new-arrivals')).not.toContainText('Chưa tải về máy này');
  await expectNoMachineText(page);
  await audit(page, 'home with the sample notice');
  await shoot(page, 'first-day-home', 'kiosk');

  // Every new arrival opens.
  const links = await page.getByTestId('new-arrivals').getByRole('link').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
  expect(links.length).toBeGreaterThan(0);
  for (const href of new Set(links)) {
    await page.goto(`/${href}`);
    await expect(page.getByTestId('read-button'), href ?? '').toBeVisible();
  }

  // The whole list says it too; a document without its file says what a resident can do.
  await page.goto('/#/?all=1');
  await expect(page.getByTestId('sample-notice')).toBeVisible();
  await page.goto(`/#/publications/${WITHOUT_FILE}`);
  const box = page.getByRole('region', { name: 'Đọc' });
  await expect(box).toContainText('nhờ cán bộ phụ trách tủ sách');
  await expect(box).not.toContainText('quay lại sau khi đồng bộ');
  await shoot(page, 'first-day-no-file', 'kiosk');
});

test('the home page on a phone', async ({ browser }) => {
  const context = await browser.newContext({ ...SIZES.phone, locale: 'en-US', deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('sample-notice')).toBeVisible();
  await expect(page.getByTestId('new-arrivals').getByRole('listitem').first()).toBeVisible();
  await shoot(page, 'first-day-home', 'phone');
  await context.close();
});

test('forms speak Vietnamese: no browser bubble in English', async ({ page }) => {
  await signIn(page, 'official');
  await page.goto('/#/official/accounts');
  const form = page.getByTestId('create-account');
  const create = form.getByRole('button', { name: 'Tạo tài khoản' });
  expect(await bubbles(form, create)).toEqual(['Hãy điền vào ô này.', 'Hãy điền vào ô này.', 'Hãy điền vào ô này.']);

  await form.locator('input[name="displayName"]').fill('Lê Văn Thử');
  await form.locator('input[name="username"]').fill('le van');
  await form.locator('input[name="password"]').fill('abc');
  expect(await bubbles(form, create)).toEqual([
    'Chưa đúng dạng yêu cầu: Chữ không dấu, số, dấu chấm, gạch ngang; 3 đến 40 ký tự.',
    'Cần ít nhất 8 ký tự; ô này mới có 3.',
  ]);
  // Corrected, the words go and the form submits (the account is made).
  await form.locator('input[name="username"]').fill('levanthu');
  await form.locator('input[name="password"]').fill('mat-khau-thu-nghiem');
  expect(await bubbles(form, create)).toEqual([]);
  await expect(page.getByText('Đã tạo tài khoản Lê Văn Thử.')).toBeVisible();
  await expectNoMachineText(page);

  // A number out of range, on another page: the words come from the same place.
  await page.goto('/#/official/settings');
  const idle = page.locator('input[name="idleSeconds"]');
  await idle.fill('5');
  const settings = page.locator('form', { has: idle });
  expect(await bubbles(settings, settings.getByRole('button', { name: 'Lưu cài đặt' }))).toEqual(['Số nhỏ nhất được phép là 30.']);

  // In English, the same checks in English.
  await page.getByTestId('language-toggle').click();
  await idle.fill('');
  expect(await bubbles(settings, settings.getByRole('button', { name: 'Save settings' }))).toEqual(['Please fill in this box.']);
});

test('dates are typed day/month/year, whatever the browser’s language', async ({ page }) => {
  await signIn(page, 'official');
  await page.goto('/#/official/audit');
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  const from = page.getByLabel('Từ ngày');
  const to = page.getByLabel('Đến ngày');
  await expect(from).toHaveAttribute('placeholder', 'ngày/tháng/năm');
  await from.fill('5/7/2025');
  await from.press('Tab');
  await expect(from).toHaveValue('05/07/2025');

  const form = page.getByRole('search');
  const search = form.getByRole('button', { name: 'Tìm', exact: true });
  await to.fill('31/02/2025');
  expect(await bubbles(form, search)).toEqual(['Hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/07/2025.']);
  await to.fill('01/07/2025');
  expect(await bubbles(form, search)).toEqual(['Ngày này phải từ 05/07/2025 trở về sau.']);

  // Today, typed as people type it: the official's own sign-in is in the log.
  const today = new Date();
  const typed = `${today.getDate()}.${today.getMonth() + 1}.${today.getFullYear()}`;
  await from.fill(typed);
  await to.fill(typed);
  expect(await bubbles(form, search)).toEqual([]);
  await expect(page.getByTestId('audit-entry').first()).toBeVisible();
  await expectNoMachineText(page);
  await shoot(page, 'first-day-audit', 'kiosk');

  // The report's period: the preset years fill the typed fields.
  await page.goto('/#/official/usage');
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  const year = today.getFullYear();
  await expect(page.getByLabel('Từ ngày')).toHaveValue(`01/01/${year}`);
  await page.getByRole('button', { name: 'Năm trước' }).click();
  await expect(page.getByLabel('Từ ngày')).toHaveValue(`01/01/${year - 1}`);
  await expect(page.getByLabel('Đến ngày')).toHaveValue(`31/12/${year - 1}`);
});

test('a sync that cannot connect says so in words; the system’s text is folded away', async ({ page }) => {
  await signIn(page, 'official');
  const closed = await closedPort();
  const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await page.goto('/#/official/sync');
  await page.getByLabel('Địa chỉ hoặc thư mục').fill(closed);
  await page.getByLabel('Tên gợi nhớ (không bắt buộc)').fill('Máy chủ đang tắt');
  await page.getByLabel('Khóa công khai (PEM)').fill(pem);
  await page.getByRole('button', { name: 'Thêm nguồn' }).click();
  const source = page.getByTestId('sync-source').filter({ hasText: 'Máy chủ đang tắt' });
  await source.getByRole('button', { name: 'Đồng bộ nguồn này' }).click();

  const refused = 'Máy chủ nguồn không nhận kết nối: có thể máy chủ đang tắt, hoặc địa chỉ nguồn bị gõ sai.';
  const run = page.getByTestId('sync-history').getByRole('row').filter({ hasText: closed }).first();
  await expect(run).toContainText(refused, { timeout: 15_000 });
  await expect(source).toContainText(refused);
  await expectNoMachineText(page);
  await source.scrollIntoViewIfNeeded();
  await shoot(page, 'first-day-sync-error', 'kiosk');
  // The technical detail is there for a technician, one tap away.
  const detail = run.locator('details');
  await detail.getByText('Chi tiết kỹ thuật (cho cán bộ kỹ thuật)').click();
  await expect(detail.locator('code')).toContainText('ECONNREFUSED');
  await shoot(page, 'first-day-sync-detail', 'kiosk');

  // The schedule in words people use.
  const schedule = page.locator('select[name="interval"] option');
  await expect(schedule).toContainText(['Không tự động, chỉ khi bấm', 'Mỗi giờ', 'Mỗi 6 giờ', 'Mỗi 12 giờ', 'Mỗi ngày', 'Mỗi tuần']);
  await audit(page, 'sync with a failed run');

  await source.getByRole('button', { name: 'Xóa nguồn' }).click();
  await source.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(source).toHaveCount(0);
});

test('storage names documents without a type as "Khác"', async ({ page }) => {
  await signIn(page, 'official');
  await page.goto('/#/official/storage');
  await expect(page.getByText('Khác (không ghi loại văn bản)')).toBeVisible();
  await expectNoMachineText(page);
});

test('the USB help is steps on screens, with the labels the screens show', async ({ page }) => {
  await signIn(page, 'official');
  await page.goto('/#/help/usb');
  const steps = page.getByTestId('help-steps').getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(1)).toContainText('“Thêm nguồn hoặc khóa”');
  await expect(steps.nth(2)).toContainText('“Đồng bộ nguồn này”');
  await expect(page.locator('main')).not.toContainText('bookshelf');
  await shoot(page, 'first-day-help-usb', 'kiosk');
});

test.describe('the hub’s moderation tab', () => {
  let hub: RunningStation | undefined;
  test.afterAll(async () => hub?.close());
  const temp = tempDirs(test); // after the hook that closes the hub kept in one of these folders

  test('is not on a commune station’s menu, and is on a hub’s', async ({ page }) => {
    await signIn(page, 'official');
    await page.goto('/#/official');
    const menu = page.getByRole('navigation', { name: 'Các trang quản trị' });
    await expect(menu.getByRole('link', { name: 'Đồng bộ' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Duyệt tài liệu gửi lên' })).toHaveCount(0);

    // A hub: stations have reported to it.
    const dir = temp('bookshelf-e2e-hub-role-');
    const library = await Library.open(dir);
    await new Accounts(library.db).create({ username: 'chuyenvien', displayName: 'Chuyên viên Bộ', role: 'official', password: 'mat-khau-tram-chu' });
    recordStationUsage(library, { stationId: 'b'.repeat(32), stationName: 'Xã Hòa Bình', days: [] });
    library.close();
    hub = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
    const signedIn = await page.request.post(`${hub.server.url}/api/auth.signIn`, { data: { username: 'chuyenvien', password: 'mat-khau-tram-chu' } });
    expect(signedIn.status()).toBe(200);
    await page.goto(`${hub.server.url}/#/official`);
    await expect(menu.getByRole('link', { name: 'Duyệt tài liệu gửi lên' })).toBeVisible();
  });
});

test('a book’s page is about a publication, not a legal document', async ({ page }) => {
  await page.goto('/#/publications/truyen-kieu');
  await expect(page.getByRole('heading', { level: 2, name: 'Thông tin tài liệu' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thông tin văn bản' })).toHaveCount(0);
  await page.goto(`/#/publications/${WITHOUT_FILE}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Thông tin văn bản' })).toBeVisible();
});

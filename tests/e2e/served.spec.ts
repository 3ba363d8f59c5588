import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { problemsOf, watchPageProblems } from './support/page-problems.js';
import { corporaMissing } from '../helpers/corpora.js';
import { E2E_DOCUMENTS } from './support/e2e-documents.js';

/** The demo set (38) plus what the e2e station adds from the corpora. */
const SEEDED = 38 + (corporaMissing ? 0 : E2E_DOCUMENTS.imported.length + E2E_DOCUMENTS.placed.length);

/**
 * Documents in the e2e station now: the seeded ones, plus any the librarian specs saved before
 * this one ran (they share the station).
 */
async function catalogTotal(page: Page): Promise<number> {
  const info = (await (await page.request.post('/api/library.info', { data: {} })).json()) as { result: { publications: number } };
  expect(info.result.publications).toBeGreaterThanOrEqual(SEEDED);
  return info.result.publications;
}

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const DECREE = 'nghi-dinh-so-158-2025-nd-cp-45240';

watchPageProblems(test);

test('a fresh library shows the search box, the fields and the demo publications in Vietnamese', async ({ page }, info) => {
  const TOTAL = await catalogTotal(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tủ sách pháp luật điện tử');
  await expect(page.getByRole('search').getByRole('combobox', { name: 'Bạn cần tìm gì?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tìm theo lĩnh vực' })).toBeVisible();
  await expect(page.getByTestId('field-tile').first()).toBeVisible();
  await expect(page.getByTestId('new-arrivals').getByTestId('publication-item')).toHaveCount(6);
  await expect(page.getByTestId('all-link')).toHaveText(`Xem tất cả ${TOTAL} văn bản và sách`);
  await page.getByTestId('all-link').click();
  await expect(page.getByText(`Có ${TOTAL} văn bản và sách`)).toBeVisible();
  const items = page.getByTestId('publication-item');
  await expect(items).toHaveCount(20);
  await expect(items.filter({ hasText: /Chỉ thị|Luật|Nghị|Quyết|Thông|Truyện|Quiz/ }).first()).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('field-tile').first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('home.png'), fullPage: true });
  if (info.project.name === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'no sideways scrolling on a phone').toBeLessThanOrEqual(0);
  }
});

test('the whole shelf can be sorted and paged', async ({ page }) => {
  const TOTAL = await catalogTotal(page);
  await page.goto('/#/?all=1');
  await page.getByTestId('sort-select').selectOption('issued');
  const first = page.getByTestId('publication-item').first();
  await expect(first).toContainText('2026');
  await page.getByRole('button', { name: /Trang sau/ }).click();
  const pages = Math.ceil(TOTAL / 20);
  await expect(page.getByText(`Trang 2 / ${pages}`)).toBeVisible();
  await expect(page.getByTestId('publication-item')).toHaveCount(pages === 2 ? TOTAL - 20 : 20);
});

test('a publication page opens with its details and its file', async ({ page }, info) => {
  await page.goto('/#/?all=1');
  await page.getByTestId('sort-select').selectOption('issued');
  const link = page.getByRole('link', { name: /158\/2025\/NĐ-CP/ });
  await link.first().click();
  await expect(page).toHaveURL(new RegExp(`#/publications/${DECREE}$`));
  await expect(page.getByTestId('publication-title')).toContainText('Nghị định quy định chi tiết và hướng dẫn thi hành');
  await expect(page.getByText('158/2025/NĐ-CP').first()).toBeVisible();
  await expect(page.getByText('Chính phủ').first()).toBeVisible();
  await expect(page.getByText('25/06/2025').first()).toBeVisible();
  await expect(page.getByText('Có sẵn trên máy này').first()).toBeVisible();
  const read = page.getByRole('link', { name: 'Đọc', exact: true });
  await expect(read).toHaveAttribute('href', `#/read/${DECREE}`);
  await expect(page.getByRole('link', { name: 'In', exact: true })).toHaveAttribute('href', `#/read/${DECREE}?print=1`);
  await page.screenshot({ path: info.outputPath('publication.png'), fullPage: true });
  await page.getByRole('link', { name: /Quay lại danh sách/ }).click();
  await expect(page).toHaveURL(/#\/\?all=1&sort=issued$/);
  await expect(page.getByTestId('publication-item').first()).toBeVisible();
});

test('an unknown publication gets a friendly message', async ({ page }) => {
  await page.goto('/#/publications/khong-ton-tai');
  await expect(page.getByText('Không tìm thấy nội dung yêu cầu.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Trang chủ|Quay lại/ }).first()).toBeVisible();
  // Chromium logs the API's expected 404 itself; anything else still counts as a problem.
  const problems = problemsOf(page);
  problems.splice(0, problems.length, ...problems.filter((text) => !/status of 404/.test(text)));
});

test('the interface switches to English and back', async ({ page }) => {
  const TOTAL = await catalogTotal(page);
  await page.goto('/#/?all=1');
  await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText(`${TOTAL} documents and books`)).toBeVisible();
  await page.reload();
  await expect(page.getByText(`${TOTAL} documents and books`)).toBeVisible();
  await page.getByTestId('language-toggle').click();
  await expect(page.getByText(`Có ${TOTAL} văn bản và sách`)).toBeVisible();
});

test('a demo PDF is served with a working Range request', async ({ request }) => {
  const whole = await request.get(`/publications/${DECREE}/file`);
  expect(whole.status()).toBe(200);
  const body = await whole.body();
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const part = await request.get(`/publications/${DECREE}/file`, { headers: { Range: 'bytes=0-1023' } });
  expect(part.status()).toBe(206);
  expect(part.headers()['content-range']).toBe(`bytes 0-1023/${body.length}`);
  expect((await part.body()).equals(body.subarray(0, 1024))).toBe(true);
});

test('a malformed API request gets 400 with a clear message', async ({ request }) => {
  const response = await request.post('/api/publications.list', { data: { limit: -5 } });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Yêu cầu không hợp lệ.' } });
  expect(body.error.details[0].path).toBe('limit');
});

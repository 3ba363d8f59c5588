/**
 * Page 1 first, by ranges (renderer/src/reader/pdf/range-source.ts): pdf.js is given a range
 * transport, in the desktop app (app://) and in a browser alike; the app:// handler and the HTTP
 * server both answer `Range` with 206, so it is checked here in Chromium over HTTP: the 45-page
 * law and the 343-page gazette open with every request for the file a range answered 206 (never
 * the whole file streamed beside them), later pages come the same way, no byte is fetched twice
 * (the first chunk, fetched while the publication's page is shown, included; page 1 drawn ahead
 * there too, and the publication not asked for again by the reader), a server that
 * ignores ranges still works, and a refused file is worded as unavailable.
 */
import { expect, test } from './support/station.js';
import type { Page, Request } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { problemsOf, watchPageProblems } from './support/page-problems.js';
import { largePdfId } from './support/large-pdf.js';
import { say } from '../../shared/messages.js';
import { OPEN_MARKS } from '../../renderer/src/reader/pdf/open-marks.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
watchPageProblems(test);

const LAW = 'luat-so-69-2020-qh14-32699';

const reader = (page: Page) => page.getByTestId('pdf-reader');
const pageView = (page: Page, n: number) => page.locator(`.pdfViewer .page[data-page-number="${n}"]`);

async function expectDrawn(page: Page, n: number) {
  await expect(pageView(page, n).locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(pageView(page, n)).toHaveAttribute('data-loaded', 'true', { timeout: 20_000 });
}

/** Every request for a publication's file from now on, with its Range header and status. */
function fileRequests(page: Page): { range: string | undefined; status: number | null }[] {
  const seen: { request: Request; range: string | undefined; status: number | null }[] = [];
  page.on('request', (request) => {
    if (/\/publications\/[^/]+\/file$/.test(new URL(request.url()).pathname)) seen.push({ request, range: request.headers().range, status: null });
  });
  page.on('response', (response) => {
    const entry = seen.find((s) => s.request === response.request());
    if (entry) entry.status = response.status();
  });
  return seen;
}

test('the law opens at page 1 by ranges, every request a range answered 206, later pages the same way', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const requests = fileRequests(page);
  await page.goto(`/#/read/${LAW}`);
  await expect(reader(page)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await expectDrawn(page, 1);
  await expect(pageView(page, 1).locator('.textLayer')).toContainText('NGƯỜI LAO ĐỘNG VIỆT NAM ĐI LÀM VIỆC Ở NƯỚC NGOÀI', { timeout: 20_000 });
  await expectDrawn(page, 1);
  await page.screenshot({ path: info.outputPath('law-by-ranges-kiosk.png') });
  await page.getByTestId('pdf-page-input').fill('30');
  await page.getByTestId('pdf-page-input').press('Enter');
  await expectDrawn(page, 30);
  await expect(reader(page)).toHaveAttribute('data-page', '30');
  expect(requests.length).toBeGreaterThan(1);
  for (const request of requests) {
    expect(request.range, 'each request asks for a range').toMatch(/^bytes=\d+-\d+$/);
    expect(request.status, request.range).toBe(206);
  }
});

test('the 343-page gazette draws page 1 by ranges on a phone', async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const id = await largePdfId(page.request);
  const requests = fileRequests(page);
  await page.goto(`/#/read/${encodeURIComponent(id)}`);
  await expectDrawn(page, 1);
  await expect(reader(page)).toHaveAttribute('data-state', 'ready');
  await page.screenshot({ path: info.outputPath('gazette-by-ranges-phone.png') });
  expect(requests.every((request) => request.range !== undefined && request.status === 206)).toBe(true);
});

/** Every call of publications.get from now on. */
function publicationRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/publications.get')) seen.push(request);
  });
  return seen;
}

/** The [first, last] bytes of a `Range: bytes=a-b` header. */
function span(range: string | undefined): [number, number] {
  const [, first, last] = /^bytes=(\d+)-(\d+)$/.exec(range ?? '') ?? [];
  return [Number(first), Number(last)];
}

test('the publication page readies the reader: after "Đọc" the gazette is drawn with no byte of its file fetched twice, nor the publication asked again', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const id = await largePdfId(page.request);
  const requests = fileRequests(page);
  const asked = publicationRequests(page);
  await page.goto(`/#/publications/${encodeURIComponent(id)}`);
  // The first chunk is fetched while the page is shown, before "Đọc" is pressed, and page 1 drawn ahead.
  await expect.poll(() => requests.filter((request) => span(request.range)[0] === 0 && request.status === 206).length, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => page.evaluate((mark) => performance.getEntriesByName(mark).length, OPEN_MARKS.drawnAhead), { timeout: 20_000 }).toBe(1);
  expect(asked).toHaveLength(1);
  await page.getByTestId('read-button').click();
  await expectDrawn(page, 1);
  await expect(reader(page)).toHaveAttribute('data-state', 'ready');
  await expect(pageView(page, 1).locator('.textLayer')).toContainText('THÔNG TƯ', { timeout: 20_000 });
  expect(asked, 'the reader starts with the publication its page had').toHaveLength(1);
  const spans = requests.map((request) => span(request.range)).sort((a, b) => a[0] - b[0]);
  for (const [i, [first, last]] of spans.entries()) {
    expect(last, `bytes=${first}-${last}`).toBeGreaterThanOrEqual(first);
    if (i > 0) expect(first, `bytes=${first}-${last} after bytes=${spans[i - 1].join('-')}`).toBeGreaterThan(spans[i - 1][1]);
  }
  expect(requests.every((request) => request.status === 206)).toBe(true);
});

test('a server that answers a range with the whole file still opens the document', async ({ page }) => {
  const whole = await (await page.request.get(`/publications/${LAW}/file`)).body();
  await page.route(`**/publications/${LAW}/file`, (route) => route.fulfill({ status: 200, contentType: 'application/pdf', body: whole }));
  await page.goto(`/#/read/${LAW}`);
  await expectDrawn(page, 1);
  await expect(reader(page)).toHaveAttribute('data-state', 'ready');
});

test('a file the server refuses is worded as unavailable, with a way back', async ({ page }) => {
  await page.route(`**/publications/${LAW}/file`, (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`/#/read/${LAW}`);
  await expect(reader(page)).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
  await expect(reader(page)).toHaveAttribute('data-problem', 'unavailable');
  await expect(page.getByTestId('pdf-error')).toContainText(say('vi', { key: 'pdf.error.unavailable' }));
  await expect(page.getByTestId('pdf-back')).toBeVisible();
  // The 404 provoked here is logged by Chromium as a failed resource.
  problemsOf(page).splice(0, problemsOf(page).length, ...problemsOf(page).filter((text) => !/404/.test(text)));
});

/**
 * Which rule is in force (issue 15), in Chromium, on stations of its own (support/relations-
 * stations.ts): Luật 72/2006/QH11 and the demo set's Luật 69/2020/QH14, whose text says it
 * replaces the old one (support/replaced-law.ts).
 * - Imported in either order — the old law over the demo set, or the old law first and the new one
 *   after — the result is the same: the old law's page says "Hết hiệu lực" with a banner giving
 *   the reason and linking to the new law, which says "Còn hiệu lực" and names the law it
 *   replaces; the PDF reader of the old law shows the banner as one line over its toolbar.
 * - The same after an official syncs a hub's feed holding both laws.
 * - An official's correction wins: removing the relation makes the old law in force again,
 *   restoring it makes it "Hết hiệu lực" again; a relation added by number shows at once; a
 *   resident sees the result and never the controls.
 * - A law not yet in force (an EPUB a feed describes) says so on its page and in the EPUB reader.
 * - Screens of the replaced law's page, its related documents and its reader, of the EPUB reader
 *   and of an official's controls, at kiosk and phone size: the banner within the screen and not
 *   cut short in a reader, the reader's toolbar still on the screen, nothing scrolling sideways;
 *   axe on each.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { RunningStation } from '../../catalog/station.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { RELATIONS_OFFICIAL, publishedHub, stationWith } from './support/relations-stations.js';
import { FUTURE_EPUB_LAW, NEW_LAW, OLD_LAW, writeOldLawPdf } from './support/replaced-law.js';
import { SIZES, shoot } from './support/screens.js';
import type { ScreenSize } from './support/screens.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
test.use({ viewport: SIZES.kiosk.viewport });

const REASON = `Hết hiệu lực từ 01/01/2022, thay thế bởi ${NEW_LAW.title} ${NEW_LAW.number}`;
/** The reason as a reader's one line says it: the document by its number. */
const SHORT_REASON = `Hết hiệu lực từ 01/01/2022, thay thế bởi ${NEW_LAW.number}`;
/** The new law as the old one's page names it. */
const NEW_LAW_NAMED = `${NEW_LAW.title} ${NEW_LAW.number}`;

/** The old law imported over the demo set (the new law already there; a law not yet in force placed too), and the old law first, the new one after. */
let newFirst: RunningStation;
let oldFirst: RunningStation;
/** A station with the demo set that syncs a hub's feed holding both laws. */
let synced: RunningStation;
let feed: { feedDir: string; publicKey: string };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const oldLaw = await writeOldLawPdf(temp('bookshelf-e2e-rel-pdf-'));
  newFirst = await stationWith(temp('bookshelf-e2e-rel-new-first-'), { demo: true, batches: [[oldLaw]], placed: [FUTURE_EPUB_LAW] });
  oldFirst = await stationWith(temp('bookshelf-e2e-rel-old-first-'), { demo: false, batches: [[oldLaw], [NEW_LAW.file]] });
  feed = await publishedHub(temp('bookshelf-e2e-rel-hub-'), temp('bookshelf-e2e-rel-usb-'), [NEW_LAW.file, oldLaw]);
  synced = await stationWith(temp('bookshelf-e2e-rel-synced-'), { demo: true, batches: [] });
});

test.afterAll(async () => {
  await Promise.all([newFirst, oldFirst, synced].map((station) => station?.close()));
});
const temp = tempDirs(test); // after the stations' hook: their libraries are in these folders

/** The id of the publication a whole number finds first. */
async function idOf(page: Page, url: string, number: string): Promise<string> {
  const response = await page.request.post(`${url}/api/search`, { data: { q: number, limit: 3 } });
  const { result } = (await response.json()) as { result: { items: { matchedBy: string; publication: { id: string; number: string | null } }[] } };
  const found = result.items.find((item) => item.matchedBy === 'number' && item.publication.number === number);
  expect(found, `${number} at ${url}`).toBeDefined();
  return found!.publication.id;
}

const pagePath = (url: string, id: string) => `${url}/#/publications/${encodeURIComponent(id)}`;
const headerStatus = (page: Page) => page.locator('.publication-header .status');

async function signInAt(page: Page, url: string): Promise<void> {
  const response = await page.request.post(`${url}/api/auth.signIn`, { data: { username: RELATIONS_OFFICIAL.username, password: RELATIONS_OFFICIAL.password } });
  expect(response.status(), await response.text()).toBe(200);
}

/** What a resident sees of the two laws at `url`, checked; gives the words of the old law's banner and related documents, to compare between stations. */
async function residentSeesReplacement(page: Page, url: string): Promise<{ banner: string; related: string; replaces: string }> {
  const oldId = await idOf(page, url, OLD_LAW.number);
  const newId = await idOf(page, url, NEW_LAW.number);

  await page.goto(pagePath(url, oldId));
  await expect(page.getByTestId('publication-title')).toHaveText(OLD_LAW.title);
  await expect(headerStatus(page)).toHaveText('Hết hiệu lực');
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('role', 'status');
  await expect(banner).toContainText('Hết hiệu lực');
  await expect(banner).toContainText(REASON);
  await expect(banner.getByTestId('status-banner-link')).toHaveText(`Xem văn bản thay thế: ${NEW_LAW.number}`);
  const replacedBy = page.getByTestId('related-replacedBy');
  await expect(replacedBy.getByRole('heading')).toHaveText('Văn bản thay thế văn bản này');
  await expect(replacedBy.getByTestId('related-item')).toHaveCount(1);
  await expect(replacedBy.getByTestId('related-item')).toContainText(NEW_LAW.number);
  await expect(replacedBy.getByTestId('related-item')).toContainText('Còn hiệu lực');
  await expect(page.getByTestId('related-remove')).toHaveCount(0); // a resident: no corrections
  await expect(page.getByTestId('related-editor')).toHaveCount(0);
  const words = { banner: await banner.innerText(), related: await page.getByTestId('related').innerText() };

  // The banner's link opens the law that replaces it: in force, no banner, naming the old one.
  await banner.getByTestId('status-banner-link').click();
  await expect(page).toHaveURL(pagePath(url, newId));
  await expect(headerStatus(page)).toHaveText('Còn hiệu lực');
  await expect(page.getByTestId('status-banner')).toHaveCount(0);
  const replaces = page.getByTestId('related-replaces');
  await expect(replaces.getByRole('heading')).toHaveText('Văn bản này thay thế');
  await expect(replaces.getByTestId('related-item')).toContainText(OLD_LAW.number);
  await expect(replaces.getByTestId('related-item')).toContainText('Hết hiệu lực');
  await expect(replaces.getByRole('link', { name: OLD_LAW.title })).toHaveAttribute('href', `#/publications/${encodeURIComponent(oldId)}`);
  const replacesWords = await replaces.innerText();

  // The old law's reader: the banner as one line over the toolbar, its link to the new law.
  await page.goto(`${url}/#/read/${encodeURIComponent(oldId)}`);
  const reader = page.getByTestId('pdf-reader');
  await expect(reader).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  const line = reader.getByTestId('status-banner');
  await expect(line).toContainText(SHORT_REASON);
  await expect(line.locator('.status-banner-line')).toHaveAttribute('title', REASON);
  await expect(line.getByTestId('status-banner-link')).toHaveText('Xem văn bản thay thế');
  await expect(line.getByTestId('status-banner-link')).toHaveAccessibleName(`Xem văn bản thay thế: ${NEW_LAW.number}`);
  await expect(line.getByTestId('status-banner-link')).toHaveAttribute('href', `#/publications/${encodeURIComponent(newId)}`);
  return { ...words, replaces: replacesWords };
}

test('a law and the law replacing it, imported in either order, say the same: the old one "Hết hiệu lực" with a link, the new one "Còn hiệu lực"', async ({ page }) => {
  const overDemo = await residentSeesReplacement(page, newFirst.server.url);
  const inTurn = await residentSeesReplacement(page, oldFirst.server.url);
  expect(inTurn).toEqual(overDemo);
});

test('the same after an official syncs a hub\'s feed holding both laws', async ({ page }) => {
  const url = synced.server.url;
  await signInAt(page, url);
  await page.goto(`${url}/#/official/sync`);
  await page.getByLabel('Địa chỉ hoặc thư mục').fill(feed.feedDir);
  await page.getByLabel('Tên gợi nhớ (không bắt buộc)').fill('USB của Sở Tư pháp');
  await page.getByLabel('Khóa công khai (PEM)').fill(feed.publicKey);
  await page.getByRole('button', { name: 'Thêm nguồn' }).click();
  await page.getByTestId('sync-source').filter({ hasText: 'USB của Sở Tư pháp' }).getByRole('button', { name: 'Đồng bộ nguồn này' }).click();
  await expect(page.getByTestId('sync-history').getByRole('row').nth(1)).toContainText('Thành công', { timeout: 30_000 });
  await page.request.post(`${url}/api/auth.signOut`, { data: {} });
  await page.goto('about:blank'); // the screen learns who is signed in when it loads

  const afterSync = await residentSeesReplacement(page, url);
  expect(afterSync.banner).toContain(REASON);
});

test('an official\'s correction wins: a relation removed, restored, added; residents see the result, never the controls', async ({ page, browser }) => {
  const url = oldFirst.server.url;
  const oldId = await idOf(page, url, OLD_LAW.number);
  const newId = await idOf(page, url, NEW_LAW.number);
  await signInAt(page, url);
  await page.goto(pagePath(url, oldId));
  const replacedBy = page.getByTestId('related-replacedBy');
  const item = replacedBy.getByTestId('related-item');
  await expect(item).toContainText(NEW_LAW.number);

  // Removed, after a question: in force again from its own effective date, no banner.
  await item.getByRole('button', { name: `Gỡ liên kết với ${NEW_LAW_NAMED}` }).click();
  await expect(item.getByRole('group')).toContainText('Gỡ liên kết sai với');
  await item.getByTestId('related-remove-yes').click();
  await expect(page.getByTestId('related-done')).toHaveText('Đã gỡ liên kết. Tình trạng hiệu lực đã được tính lại.');
  await expect(page.getByTestId('related-done')).toBeFocused();
  await expect(headerStatus(page)).toHaveText('Còn hiệu lực');
  await expect(page.getByTestId('status-banner')).toHaveCount(0);
  await expect(replacedBy).toHaveCount(0);
  await expect(page.getByTestId('related-removed-item')).toContainText(`Văn bản thay thế văn bản này: ${NEW_LAW_NAMED}`);
  await audit(page, 'an official\'s corrections on a law page');

  // A resident, in a browser of her own, sees the correction: nothing related is left to show her.
  const resident = await browser.newPage({ viewport: SIZES.kiosk.viewport });
  await resident.goto(pagePath(url, oldId));
  await expect(headerStatus(resident)).toHaveText('Còn hiệu lực');
  await expect(resident.getByTestId('status-banner')).toHaveCount(0);
  await expect(resident.getByTestId('related')).toHaveCount(0);

  // Restored: "Hết hiệu lực" again, with its banner.
  await page.getByTestId('related-removed').getByRole('button', { name: `Khôi phục liên kết với ${NEW_LAW_NAMED}` }).click();
  await expect(page.getByTestId('related-done')).toHaveText('Đã khôi phục liên kết. Tình trạng hiệu lực đã được tính lại.');
  await expect(headerStatus(page)).toHaveText('Hết hiệu lực');
  await expect(page.getByTestId('status-banner')).toContainText(REASON);
  await expect(page.getByTestId('related-removed')).toHaveCount(0);
  await resident.reload();
  await expect(headerStatus(resident)).toHaveText('Hết hiệu lực');
  await expect(resident.getByTestId('related-replacedBy')).toContainText(NEW_LAW.number);
  await expect(resident.getByTestId('related-editor')).toHaveCount(0);
  await expect(resident.getByRole('button', { name: /Gỡ|Khôi phục/ })).toHaveCount(0);

  // Added by number, on the new law's page: a part of a law this station does not hold.
  await page.goto(pagePath(url, newId));
  const form = page.getByTestId('related-editor');
  await form.getByLabel('Quan hệ').selectOption({ label: 'Văn bản này sửa đổi, bổ sung' });
  await form.getByLabel('Số hiệu văn bản kia').fill('10/2012/QH13');
  await form.getByLabel('Một phần văn bản kia').check();
  await form.getByLabel('Các điều (không bắt buộc)').fill('Điều 5, Điều 6');
  await form.getByRole('button', { name: 'Thêm liên kết' }).click();
  await expect(page.getByTestId('related-done')).toHaveText('Đã thêm liên kết. Tình trạng hiệu lực đã được tính lại.');
  const amends = page.getByTestId('related-amends').getByTestId('related-item');
  await expect(amends).toContainText('10/2012/QH13');
  await expect(amends).toContainText('Chưa có tại trạm này');
  await expect(amends).toContainText('Một phần: Điều 5, Điều 6');
  await expect(form.getByLabel('Số hiệu văn bản kia')).toHaveValue('');
  await resident.goto(pagePath(url, newId));
  await expect(resident.getByTestId('related-amends')).toContainText('Một phần: Điều 5, Điều 6');
  await expect(resident.getByTestId('related-editor')).toHaveCount(0);
  await resident.close();
});

test('a law not yet in force says so, on its page and in the EPUB reader', async ({ page }) => {
  const url = newFirst.server.url;
  const { id } = FUTURE_EPUB_LAW.publication;
  await page.goto(pagePath(url, id));
  await expect(headerStatus(page)).toHaveText('Chưa có hiệu lực');
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'not_yet_in_force');
  await expect(banner).toContainText('Chưa có hiệu lực; có hiệu lực từ 01/01/2099');
  await expect(banner.getByTestId('status-banner-link')).toHaveCount(0); // nothing replaces it
  await expect(page.getByTestId('related')).toHaveCount(0);

  await page.goto(`${url}/#/read/${id}`);
  const reader = page.getByTestId('epub-reader');
  await expect(reader.getByTestId('status-banner')).toContainText('Chưa có hiệu lực; có hiệu lực từ 01/01/2099');
  await expect(reader.getByRole('toolbar')).toBeVisible();
});

/** The locator's box lies inside the viewport. */
async function expectOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.y, `${what}: top on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what}: bottom on screen`).toBeLessThanOrEqual(height + 1);
  expect(box!.x + box!.width, `${what}: right edge on screen`).toBeLessThanOrEqual(width + 1);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what}: nothing scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const size of Object.keys(SIZES) as ScreenSize[]) {
  test.describe(`screens of a replaced law on the ${size}`, () => {
    test.use({ ...SIZES[size], deviceScaleFactor: 1 });

    test('its page (banner, related documents) and its reader', async ({ page }) => {
      const url = newFirst.server.url;
      const oldId = await idOf(page, url, OLD_LAW.number);
      await page.goto(pagePath(url, oldId));
      const banner = page.getByTestId('status-banner');
      await expect(banner).toContainText(REASON);
      await expectOnScreen(page, banner, 'banner');
      await expectOnScreen(page, banner.getByTestId('status-banner-link'), 'banner link');
      await expectNoSidewaysScroll(page, 'replaced law');
      await audit(page, `replaced law (${size})`);
      await shoot(page, 'relations-replaced-law', size);

      const related = page.getByTestId('related');
      await related.scrollIntoViewIfNeeded();
      await expectOnScreen(page, related.getByTestId('related-item').first(), 'related document');
      await shoot(page, 'relations-related', size);

      await page.goto(`${url}/#/read/${encodeURIComponent(oldId)}`);
      const reader = page.getByTestId('pdf-reader');
      await expect(reader).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
      await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible();
      const line = reader.getByTestId('status-banner');
      await expectOnScreen(page, line, 'reader banner');
      expect((await line.boundingBox())!.height, 'reader banner: one line').toBeLessThanOrEqual(56);
      await expect(line).toContainText(size === 'phone' ? 'Hết hiệu lực' : SHORT_REASON);
      const cut = await line.locator('.status-banner-line').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(cut, 'reader banner: its words are not cut short').toBeLessThanOrEqual(0);
      await expectOnScreen(page, reader.getByRole('toolbar').first(), 'reader toolbar');
      await expectOnScreen(page, reader, 'reader');
      await expectNoSidewaysScroll(page, 'reader');
      await audit(page, `reader of a replaced law (${size})`, ['.pdfViewer']);
      await shoot(page, 'relations-reader', size);
    });

    test('the EPUB reader of a law not yet in force', async ({ page }) => {
      await page.goto(`${newFirst.server.url}/#/read/${FUTURE_EPUB_LAW.publication.id}`);
      const reader = page.getByTestId('epub-reader');
      await expect(page.frameLocator('[data-testid="epub-stage"] iframe').first().locator('body')).not.toBeEmpty({ timeout: 15_000 });
      const line = reader.getByTestId('status-banner');
      await expectOnScreen(page, line, 'EPUB reader banner');
      expect((await line.boundingBox())!.height, 'EPUB reader banner: one line').toBeLessThanOrEqual(56);
      await expect(line).toContainText(size === 'phone' ? 'Chưa có hiệu lực' : 'Chưa có hiệu lực; có hiệu lực từ 01/01/2099');
      await expectOnScreen(page, reader.getByRole('toolbar'), 'EPUB reader toolbar');
      await expectOnScreen(page, reader, 'EPUB reader');
      await expectNoSidewaysScroll(page, 'EPUB reader');
      await audit(page, `EPUB reader of a law not yet in force (${size})`, ['[data-testid="epub-stage"] iframe']);
      await shoot(page, 'relations-epub-reader', size);
    });

    test('an official\'s corrections', async ({ page }) => {
      const url = newFirst.server.url;
      await signInAt(page, url);
      await page.goto(pagePath(url, await idOf(page, url, OLD_LAW.number)));
      const editor = page.getByTestId('related-editor');
      await editor.scrollIntoViewIfNeeded();
      await expect(editor.getByRole('button', { name: 'Thêm liên kết' })).toBeVisible();
      await page.getByTestId('related-remove').first().click(); // the question, not its answer
      await expect(page.getByTestId('related-remove-yes')).toBeVisible();
      await page.getByTestId('related').scrollIntoViewIfNeeded();
      await expectNoSidewaysScroll(page, 'official corrections');
      await shoot(page, 'relations-official', size);
    });
  });
}

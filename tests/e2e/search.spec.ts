/**
 * The resident's side of the reading kiosk: search box with typeahead, results with article
 * hits, facets, field tiles, a friendly answer when nothing is found, and the publication page.
 * Each test runs at the kiosk's size (1366×768) and at a phone's (390×844, touch), both in the
 * 'kiosk' project (the 'phone' project's testMatch takes served.spec.ts only).
 */
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { watchPageProblems } from './support/page-problems.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const LAW_ID = 'luat-so-69-2020-qh14-32699';
const LAW_TITLE = 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng';
const LAW_NUMBER = '69/2020/QH14';

const SIZES = {
  kiosk: { viewport: { width: 1366, height: 768 } },
  phone: {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  },
} as const;

test.beforeEach(async ({ page: _page }, info) => {
  test.skip(info.project.name !== 'kiosk', 'both sizes run in the kiosk project');
});
watchPageProblems(test);

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
}

for (const [size, options] of Object.entries(SIZES)) {
  test.describe(`at ${size} size`, () => {
    test.use(options);

    test('typing without accents suggests, Enter searches, a hit opens its page and the reader', async ({ page }, info) => {
      await page.goto('/');
      await expect(page.getByTestId('field-tile').first()).toBeVisible();
      await expect(page.getByTestId('new-arrivals').getByTestId('publication-item').first()).toBeVisible();
      await page.screenshot({ path: info.outputPath('home.png'), fullPage: true });
      await noSidewaysScroll(page);

      const box = page.getByRole('combobox', { name: 'Bạn cần tìm gì?' });
      await box.click();
      await box.pressSequentially('luat nguoi lao dong', { delay: 20 });
      const listbox = page.getByRole('listbox');
      await expect(listbox).toBeVisible();
      await expect(box).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByRole('option').first()).toContainText(LAW_TITLE);
      await expect(page.getByRole('option').first().locator('mark').first()).toHaveText('Luật');
      await page.screenshot({ path: info.outputPath('suggestions.png') });
      // Arrow down then up returns to the typed words; Escape closes the list.
      await box.press('ArrowDown');
      await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
      await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
      await box.press('ArrowUp');
      await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
      await box.press('Escape');
      await expect(listbox).toBeHidden();
      await box.press('Enter');

      await expect(page).toHaveURL(/#\/search\?q=luat\+nguoi\+lao\+dong$/);
      await expect(page.getByTestId('results-heading')).toContainText('luat nguoi lao dong');
      await expect(page.getByTestId('results-count')).toContainText(/Tìm thấy \d+ văn bản/);
      const hit = page.getByTestId('search-hit').filter({ hasText: LAW_NUMBER });
      await expect(hit.getByRole('heading')).toContainText(LAW_TITLE);
      await expect(hit.getByRole('heading').locator('mark').first()).toHaveText('Luật');
      const passage = hit.getByTestId('passage-link').filter({ hasText: /Điều \d+\. / }).first();
      await expect(passage).toBeVisible();
      await expect(passage.locator('mark').first()).toHaveText(/^(luật|Luật|người|Người|lao|động|LUẬT|NGƯỜI|LAO|ĐỘNG)$/);
      await expect(passage).toHaveAttribute('href', new RegExp(`#/read/${LAW_ID}\\?page=\\d+&q=luat\\+nguoi\\+lao\\+dong$`));
      await page.screenshot({ path: info.outputPath('results.png'), fullPage: true });
      await page.screenshot({ path: info.outputPath('results-top.png') });
      await noSidewaysScroll(page);

      await hit.getByTestId('hit-link').click();
      await expect(page).toHaveURL(new RegExp(`#/publications/${LAW_ID}$`));
      await expect(page.getByTestId('publication-title')).toHaveText(LAW_TITLE);
      await expect(page.getByText('Có sẵn trên máy này').first()).toBeVisible();
      const toc = page.getByTestId('toc');
      await expect(toc.getByRole('heading', { name: /Mục lục/ })).toBeVisible();
      await toc.getByText(/^Chương I\. NHỮNG QUY ĐỊNH CHUNG/).click();
      const article = toc.getByTestId('toc-article').filter({ hasText: 'Điều 1. Phạm vi điều chỉnh' });
      await expect(article).toHaveAttribute('href', new RegExp(`#/read/${LAW_ID}\\?page=1$`));
      await expect(page.getByTestId('print-button')).toHaveAttribute('href', `#/read/${LAW_ID}?print=1`);
      await page.screenshot({ path: info.outputPath('publication.png'), fullPage: true });
      await noSidewaysScroll(page);

      await page.getByTestId('back-link').click();
      await expect(page).toHaveURL(/#\/search\?q=luat\+nguoi\+lao\+dong$/);
      await page.getByTestId('search-hit').filter({ hasText: LAW_NUMBER }).getByTestId('hit-link').click();
      await page.getByTestId('read-button').click();
      await expect(page).toHaveURL(new RegExp(`#/read/${LAW_ID}$`));
    });

    test('a suggestion opens its publication, by touch or by keyboard', async ({ page }) => {
      await page.goto('/');
      const box = page.getByTestId('search-input');
      await box.fill('nguoi lao dong viet nam');
      const option = page.getByRole('option').filter({ hasText: LAW_NUMBER });
      if (size === 'phone') await option.tap();
      else await option.click();
      await expect(page).toHaveURL(new RegExp(`#/publications/${LAW_ID}$`));
      await expect(page.getByTestId('back-link')).toContainText('Về trang chủ');

      await page.goto('/');
      await page.getByTestId('search-input').fill('69/2020');
      await expect(page.getByRole('option').first()).toContainText(LAW_NUMBER);
      await page.getByTestId('search-input').press('ArrowDown');
      await page.getByTestId('search-input').press('Enter');
      await expect(page).toHaveURL(new RegExp(`#/publications/${LAW_ID}$`));
    });

    test('a whole document number leads straight to the document', async ({ page }) => {
      await page.goto('/');
      await page.getByTestId('search-input').fill(LAW_NUMBER);
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`#/publications/${LAW_ID}$`));
      await expect(page.getByTestId('publication-title')).toHaveText(LAW_TITLE);
      await page.getByTestId('back-link').click();
      await expect(page).toHaveURL(/#\/search\?q=69%2F2020%2FQH14$/);
      await expect(page.getByTestId('search-hit').first()).toContainText(LAW_TITLE);
      await expect(page.getByTestId('search-hit').first()).toContainText('Đúng số hiệu');
    });

    test('a field tile lists that field, and a facet narrows the results', async ({ page }, info) => {
      await page.goto('/');
      const tile = page.getByTestId('field-tile').filter({ hasText: 'Bảo hiểm xã hội' });
      const tileCount = Number((await tile.locator('.field-tile-count').innerText()).replace(/\D/g, ''));
      await tile.click();
      await expect(page.getByTestId('results-heading')).toHaveText('Bảo hiểm xã hội');
      await expect(page.getByTestId('results-count')).toHaveText(`Tìm thấy ${tileCount} văn bản`);
      await expect(page.getByTestId('search-hit')).toHaveCount(Math.min(tileCount, 10));

      await page.goto('/#/search?q=luat+nguoi+lao+dong');
      const count = page.getByTestId('results-count');
      await expect(count).toContainText(/Tìm thấy \d+ văn bản/);
      const before = await count.innerText();
      if (size === 'phone') {
        const toggle = page.getByTestId('facet-toggle');
        await expect(toggle).toHaveAccessibleName(/Lọc kết quả/);
        await expect(page.getByTestId('facet-docType')).toBeHidden();
        await toggle.click();
        await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      }
      const group = page.getByTestId('facet-docType');
      const law = group.getByRole('checkbox', { name: /^Luật/ });
      const lawCount = Number(await group.locator('.facet-value', { hasText: /^Luật/ }).getByTestId('facet-count').innerText());
      const issuers = await page.getByTestId('facet-issuer').getByTestId('facet-count').allInnerTexts();
      await law.check();
      await expect(page).toHaveURL(/docType=Lu%E1%BA%ADt/);
      await expect(count).toHaveText(`Tìm thấy ${lawCount} văn bản`);
      await expect(page.getByTestId('facets').getByRole('checkbox', { name: /^Luật/ })).toBeChecked();
      await expect.poll(() => page.getByTestId('facet-issuer').getByTestId('facet-count').allInnerTexts()).not.toEqual(issuers);
      for (const hit of await page.getByTestId('search-hit').all()) await expect(hit.locator('.badge.kind')).toHaveText('Luật');
      await page.screenshot({ path: info.outputPath('results-filtered.png'), fullPage: true });
      await page.getByTestId('facets').getByRole('checkbox', { name: /^Luật/ }).uncheck();
      await expect(count).toHaveText(before);
    });

    test('no results gives a friendly answer with what to try', async ({ page }, info) => {
      // Searched exactly as typed, the slips stay and nothing is found.
      await page.goto('/#/search?q=b%E1%BA%A3oo+hi%E1%BB%83mm&asTyped=1');
      const answer = page.getByTestId('no-results');
      await expect(answer.getByRole('heading', { level: 2 })).toHaveText('Chưa tìm thấy văn bản nào cho “bảoo hiểmm”');
      await expect(answer).toContainText('Tủ sách đã tìm cả khi viết có dấu và không dấu (“baoo hiemm”)');
      await expect(answer.getByRole('heading', { name: 'Bạn có thể thử' })).toBeVisible();
      await expect(answer.getByRole('heading', { name: 'Có thể bạn tìm' })).toBeVisible();
      // Typeahead on the words less their last letter finds what she probably meant.
      await expect(answer.getByRole('link').filter({ hasText: /bảo hiểm/i }).first()).toBeVisible();
      await page.screenshot({ path: info.outputPath('no-results.png'), fullPage: true });
      await noSidewaysScroll(page);
    });

    test('the page says what was understood: accents restored, a typo corrected, the law\'s words, or as typed', async ({ page }, info) => {
      await page.goto('/');
      await page.getByTestId('search-input').fill('bao hiem that nghiep');
      await page.getByTestId('search-input').press('Enter');
      const understood = page.getByTestId('understood');
      await expect(understood).toContainText('Đang tìm:');
      await expect(understood.getByTestId('understood-searched')).toHaveText('bảo hiểm thất nghiệp');
      // The law's words the resident already typed are not listed again.
      await expect(understood.getByTestId('understood-expanded')).not.toContainText('bảo hiểm thất nghiệp');
      await expect(page.getByTestId('search-hit').first()).toBeVisible();
      await page.screenshot({ path: info.outputPath('understood-accents.png') });
      await noSidewaysScroll(page);

      // The words as typed, and back.
      await understood.getByTestId('as-typed-link').click();
      await expect(page).toHaveURL(/asTyped=1/);
      await expect(understood).toHaveText(/Đang tìm đúng như bạn đã gõ/);
      await expect(page.getByTestId('search-hit').first()).toBeVisible();
      await understood.getByTestId('understood-link').click();
      await expect(page).not.toHaveURL(/asTyped/);
      await expect(understood.getByTestId('understood-searched')).toHaveText('bảo hiểm thất nghiệp');

      // A slip of the finger on each word.
      await page.goto('/#/search?q=b%E1%BA%A3oo+hi%E1%BB%83mm');
      await expect(understood).toContainText('Có phải bạn muốn tìm:');
      await expect(understood.getByTestId('understood-searched')).toHaveText('bảo hiểm');
      await expect(page.getByTestId('search-hit').first().locator('mark').first()).toHaveText(/^bảo|hiểm|Bảo|Hiểm|BẢO|HIỂM$/);

      // A resident's word: "tăng ca" is "làm thêm giờ" in the law, which is searched and marked.
      await page.goto('/#/search?q=t%C4%83ng+ca');
      await expect(understood.getByTestId('understood-expanded')).toContainText('“làm thêm giờ”');
      const first = page.getByTestId('search-hit').first();
      await expect(first).toContainText('làm thêm');
      await expect(first.getByTestId('passage-link').first().locator('mark').filter({ hasText: /^(làm|thêm|giờ)$/i }).first()).toBeVisible();
      await page.screenshot({ path: info.outputPath('understood-everyday.png') });
      await noSidewaysScroll(page);
    });

    test('accents typed are meant: words found only scattered are not offered as an answer', async ({ page }, info) => {
      // The demo set has no text about divorce: "ly hôn" only meets "quản lý" and "hơn" apart.
      await page.goto('/#/search?q=ly+h%C3%B4n');
      const answer = page.getByTestId('no-results');
      await expect(answer).toContainText('chỉ nằm rải rác');
      await expect(page.getByTestId('search-hit')).toHaveCount(0);
      await expect(answer.getByRole('link', { name: 'Xem văn bản theo lĩnh vực ở trang chủ.' })).toBeVisible();
      // Nor are titles that only share the scattered syllables ("quản lý … hỗ trợ") offered.
      await expect(answer.getByRole('heading', { name: 'Có thể bạn tìm' })).toHaveCount(0);
      await page.screenshot({ path: info.outputPath('no-results-scattered.png'), fullPage: true });
      await noSidewaysScroll(page);
    });

    test('the results page speaks English when asked', async ({ page }) => {
      await page.goto('/#/search?q=bao+hiem+xa+hoi');
      await page.getByTestId('language-toggle').click();
      await expect(page.getByTestId('results-heading')).toHaveText('Results for “bao hiem xa hoi”');
      await expect(page.getByTestId('results-count')).toContainText(/documents found/);
      await page.getByTestId('language-toggle').click();
    });
  });
}

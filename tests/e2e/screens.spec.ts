/**
 * Screenshots of every screen, on the kiosk (1366×768) and on a phone (390×844), for people to
 * look at: home, suggestions open, results, no results, a publication, the PDF reader, the EPUB
 * reader, the print panel, the idle countdown, large text, high contrast, an error. They land
 * in <outputDir>/screens/<screen>-<kiosk|phone>.png (test-results/screens unless
 * E2E_OUTPUT_DIR says otherwise). Each test also checks the screen is there and, on the phone,
 * that nothing scrolls sideways.
 */
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { corporaMissing, corpusSkipReason } from '../helpers/corpora.js';
import { SIZES, shoot } from './support/screens.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const LAW = 'luat-so-69-2020-qh14-32699';
async function epubId(page: Page): Promise<string> {
  const response = await page.request.post('/api/search', { data: { q: 'Lão Hạc', limit: 1 } });
  return (await response.json()).result.items[0].publication.id as string;
}

for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
  test.describe(`screens on the ${size}`, () => {
    test.use({ ...SIZES[size], deviceScaleFactor: 1 });

    test('home', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('search-input').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await shoot(page, 'home', size);
    });

    test('suggestions open', async ({ page }) => {
      await page.goto('/');
      await page.getByTestId('search-input').first().pressSequentially('luat nguoi lao', { delay: 20 });
      await expect(page.getByTestId('suggestion').first()).toBeVisible();
      await shoot(page, 'suggestions', size);
    });

    test('results', async ({ page }) => {
      await page.goto('/#/search?q=lao%20%C4%91%E1%BB%99ng');
      await expect(page.getByTestId('search-hit').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await shoot(page, 'results', size);
    });

    test('no results', async ({ page }) => {
      await page.goto('/#/search?q=qxwzv%20zzqqk');
      await expect(page.getByTestId('no-results')).toBeVisible();
      await shoot(page, 'no-results', size);
    });

    test('publication', async ({ page }) => {
      await page.goto(`/#/publications/${LAW}`);
      await expect(page.getByTestId('publication-title')).toBeVisible();
      await page.waitForLoadState('networkidle');
      await shoot(page, 'publication', size);
    });

    test('PDF reader and its print panel', async ({ page }) => {
      await page.goto(`/#/read/${LAW}`);
      await expect(page.getByTestId('pdf-reader')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
      await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible();
      await shoot(page, 'pdf-reader', size);
      // On a phone, printing is under "Thêm" with the other less used tools.
      if (size === 'phone') await page.getByTestId('pdf-more-toggle').click();
      await page.getByTestId('pdf-print').click();
      await expect(page.getByTestId('pdf-print-dialog')).toBeVisible();
      await shoot(page, 'print-dialog', size);
    });

    test('EPUB reader', async ({ page }) => {
      test.skip(corporaMissing, corpusSkipReason());
      await page.goto(`/#/read/${encodeURIComponent(await epubId(page))}`);
      await expect(page.getByTestId('epub-reader')).toBeVisible();
      await expect(page.frameLocator('[data-testid="epub-stage"] iframe').first().locator('body')).not.toBeEmpty({ timeout: 15_000 });
      await page.waitForTimeout(500);
      await shoot(page, 'epub-reader', size);
    });

    test('idle countdown (kiosk mode)', async ({ page }) => {
      await page.goto('/?kiosk=1&idle=5');
      await expect(page.getByTestId('idle-overlay')).toBeVisible({ timeout: 8_000 });
      await shoot(page, 'idle-countdown', size);
    });

    test('large text', async ({ page }) => {
      await page.goto('/');
      await page.getByTestId('display-large-text').click();
      await page.waitForLoadState('networkidle');
      await shoot(page, 'large-text', size);
    });

    test('high contrast', async ({ page }) => {
      await page.goto('/');
      await page.getByTestId('display-contrast').click();
      await page.waitForLoadState('networkidle');
      await shoot(page, 'high-contrast', size);
      await page.goto(`/#/publications/${LAW}`);
      await expect(page.getByTestId('publication-title')).toBeVisible();
      await shoot(page, 'high-contrast-publication', size);
      await page.goto(`/#/read/${LAW}`);
      await expect(page.getByTestId('pdf-reader')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
      await shoot(page, 'high-contrast-pdf-reader', size);
    });

    test('error', async ({ page }) => {
      await page.goto('/#/publications/khong-ton-tai');
      await expect(page.getByText('Không tìm thấy nội dung yêu cầu.')).toBeVisible();
      await shoot(page, 'error', size);
    });
  });
}

/**
 * Kiosk mode in Chromium (shell case 7 of shared/notes/security.md, the renderer half): with
 * `?kiosk=1` the routes live in memory (the address and the browser history never change), an
 * idle reset brings the next reader a fresh home — no route, no search words, no storage, no
 * display modes, Vietnamese — after a countdown any touch cancels, and links to other origins
 * are not followed. Also the display modes one tap away (large text, high contrast), the skip
 * link, keyboard-only navigation with a visible focus ring, and touch targets of 44 px.
 * `&idle=N` shortens the station's idle delay (minimum 5 s) for these tests.
 */
import { expect, test } from './support/station.js';
import { openByNumber } from './support/open-by-number.js';
import type { Locator, Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { corporaMissing, corpusSkipReason } from '../helpers/corpora.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const TITLE = 'Tủ sách pháp luật điện tử';
const DECREE_NUMBER = '158/2025/NĐ-CP';

/** The home screen, as a new reader sees it: the app's title as the h1 and an empty search box. */
async function expectFreshHome(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByTestId('search-input').first()).toHaveValue('');
}

/** Search by number, open the decree's page (a number may lead straight to it), then its reader. */
async function searchAndOpen(page: Page) {
  await openByNumber(page, DECREE_NUMBER);
  await page.getByRole('link', { name: 'Đọc', exact: true }).click();
  // The reader replaces the publication page (its own markup belongs to the PDF reader).
  await expect(page.getByTestId('publication-title')).toHaveCount(0);
}

async function outline(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth), boxShadow: style.boxShadow };
  });
}

test.describe('kiosk mode', () => {
  test('routes stay in memory: the address and the history never change', async ({ page }) => {
    await page.goto('/?kiosk=1');
    await expect(page.locator('html')).toHaveAttribute('data-kiosk', '1');
    const start = { url: page.url(), length: await page.evaluate(() => history.length) };
    await page.getByTestId('search-input').first().fill('hôn nhân');
    await page.getByTestId('search-input').first().press('Enter');
    await expect(page.getByTestId('search-hit').first()).toBeVisible();
    await page.getByTestId('hit-link').first().click();
    await expect(page.getByTestId('publication-title')).toBeVisible();
    expect(page.url()).toBe(start.url);
    expect(await page.evaluate(() => history.length)).toBe(start.length);
  });

  test('ordinary browsers keep hash routes', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).not.toHaveAttribute('data-kiosk', /.*/);
    const input = page.getByTestId('search-input').first();
    await input.fill('hôn nhân');
    await input.press('Enter');
    await expect(page).toHaveURL(/#\/search\?q=/);
  });

  test('idle reset after searching and reading forgets everything the last reader did', async ({ page }) => {
    await page.goto('/?kiosk=1&idle=12');
    await expectFreshHome(page);
    const start = { url: page.url(), length: await page.evaluate(() => history.length) };

    await page.getByTestId('display-large-text').click();
    await page.getByTestId('display-contrast').click();
    await searchAndOpen(page);
    // Whatever pages remember on this device goes too.
    await page.evaluate(() => {
      sessionStorage.setItem('e2e.session', 'the last reader');
      localStorage.setItem('e2e.local', 'the last reader');
    });
    await page.getByTestId('language-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.evaluate(() => localStorage.length)).toBeGreaterThan(0);

    // 12 s without input: the countdown for the last 3, then home.
    const overlay = page.getByTestId('idle-overlay');
    await expect(overlay).toBeVisible({ timeout: 15_000 });
    await expect(overlay).toBeHidden({ timeout: 10_000 });

    await expectFreshHome(page);
    expect(page.url()).toBe(start.url);
    expect(await page.evaluate(() => history.length)).toBe(start.length);
    expect(await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }))).toEqual({ local: 0, session: 0 });
    await expect(page.locator('html')).not.toHaveAttribute('data-text', /.*/);
    await expect(page.locator('html')).not.toHaveAttribute('data-contrast', /.*/);
    await expect(page.getByTestId('display-large-text')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('display-contrast')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('publication-title')).toHaveCount(0);

    // No way back to the document: the browser has no entry for it, and Alt+← does nothing.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(start.url);
    await expectFreshHome(page);
  });

  test('the countdown is cancelled by a touch, and by a key', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ hasTouch: true, viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await page.goto(`${baseURL}/?kiosk=1&idle=5`);
      await page.getByTestId('search-input').first().fill('lao động');
      await page.getByTestId('search-input').first().press('Enter');
      await expect(page.getByTestId('search-hit').first()).toBeVisible();

      const overlay = page.getByTestId('idle-overlay');
      await expect(overlay).toBeVisible({ timeout: 8_000 });
      await expect(overlay.getByRole('alertdialog')).toContainText('Bạn còn đọc tiếp không?');
      await expect(overlay.getByRole('button', { name: 'Chạm để tiếp tục' })).toBeFocused();
      // A tap anywhere — here the dimmed background, not the button — cancels.
      await page.touchscreen.tap(20, 700);
      await expect(overlay).toBeHidden();
      await expect(page.getByTestId('search-hit').first()).toBeVisible(); // still on the results
      await expect(page.getByTestId('search-input').first()).toHaveValue('lao động');

      await expect(overlay).toBeVisible({ timeout: 8_000 });
      await page.keyboard.press('Shift');
      await expect(overlay).toBeHidden();
      await expect(page.getByTestId('search-hit').first()).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('reading inside the EPUB frame counts as input: no countdown while the reader moves', async ({ page }) => {
    test.skip(corporaMissing, corpusSkipReason());
    await page.goto('/?kiosk=1&idle=8');
    const input = page.getByTestId('search-input').first();
    await input.fill('lao hac');
    await input.press('Enter');
    const title = page.getByTestId('publication-title');
    await expect(page.getByTestId('hit-link').or(title).first()).toBeVisible();
    if (!(await title.isVisible())) await page.getByTestId('hit-link').first().click();
    await page.getByRole('link', { name: 'Đọc', exact: true }).click();
    const frame = page.locator('[data-testid="epub-stage"] iframe').first();
    await expect(page.frameLocator('[data-testid="epub-stage"] iframe').first().locator('body')).not.toBeEmpty({ timeout: 15_000 });
    await page.evaluate(() => {
      const w = window as unknown as { overlaySeen: boolean };
      w.overlaySeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="idle-overlay"]')) w.overlaySeen = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    // 8 s of moving the pointer over the book's own page only (the countdown would start at 5 s).
    const box = (await frame.boundingBox())!;
    for (let i = 0; i < 16; i++) {
      await page.mouse.move(box.x + box.width / 2 + (i % 2 ? 40 : -40), box.y + box.height / 2);
      await page.waitForTimeout(500);
    }
    expect(await page.evaluate(() => (window as unknown as { overlaySeen: boolean }).overlaySeen)).toBe(false);
    await expect(page.getByTestId('epub-reader')).toBeVisible();
  });

  test('links to other origins, and raw files, are not followed', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto('/?kiosk=1');
    await expectFreshHome(page);
    const start = page.url();
    await page.evaluate(() => {
      const main = document.getElementById('main')!;
      for (const [id, href, target] of [
        ['e2e-out', 'https://example.org/', ''],
        ['e2e-blank', 'https://example.org/new', '_blank'],
        ['e2e-file', '/publications/nghi-dinh-so-158-2025-nd-cp-45240/file', ''],
      ]) {
        const a = document.createElement('a');
        a.id = id;
        a.href = href;
        if (target) a.target = target;
        a.textContent = id;
        main.prepend(a);
      }
    });
    for (const id of ['e2e-out', 'e2e-blank', 'e2e-file']) {
      const popup = page.waitForEvent('popup', { timeout: 500 }).catch(() => null);
      await page.locator(`#${id}`).click();
      expect(await popup, `${id} opened a window`).toBeNull();
      expect(page.url()).toBe(start);
    }
    expect(requests.filter((url) => url.startsWith('https://example.org'))).toEqual([]);
    expect(page.context().pages()).toHaveLength(1);
  });
});

test.describe('display modes', () => {
  test('large text and high contrast toggle from the header, and are remembered outside kiosk mode', async ({ page }) => {
    await page.goto('/');
    const large = page.getByTestId('display-large-text');
    const contrast = page.getByTestId('display-contrast');
    await expect(large).toHaveAttribute('aria-pressed', 'false');
    await expect(large).toHaveAccessibleName(/Chữ to/);
    await expect(contrast).toHaveAccessibleName(/Tương phản cao/);
    const rootSize = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(await rootSize()).toBe(18);

    await large.click();
    await expect(large).toHaveAttribute('aria-pressed', 'true');
    expect(await rootSize()).toBe(22.5);

    await contrast.click();
    await expect(contrast).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    expect(await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(0, 0, 0)');
    expect(await page.locator('body').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(0, 0, 0)');
    expect(await page.locator('html').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(255, 255, 255)');

    await page.reload();
    await expect(page.getByTestId('display-large-text')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('display-contrast')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('display-large-text').click();
    await page.getByTestId('display-contrast').click();
    expect(await rootSize()).toBe(18);
    await expect(page.locator('html')).not.toHaveAttribute('data-contrast', /.*/);
  });

  test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/?kiosk=1');
    await expectFreshHome(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, tới nội dung chính' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
  });

  for (const path of ['/', '/?kiosk=1']) {
    test(`keyboard alone reaches every control, each with a visible focus ring (${path})`, async ({ page }) => {
      await page.goto(path);
      await expectFreshHome(page);
      // Let the page settle (lists, suggestions of the home page) before counting controls.
      await page.waitForLoadState('networkidle');
      const controls = await page.evaluate(() => {
        const all = document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]');
        let n = 0;
        for (const element of all) {
          const style = getComputedStyle(element);
          const hidden = element.closest('[hidden], [inert]') || style.visibility === 'hidden' || element.getClientRects().length === 0;
          if ((element as HTMLButtonElement).disabled || element.tabIndex < 0 || hidden) continue;
          element.dataset.e2eControl = String(n++);
        }
        return n;
      });
      expect(controls).toBeGreaterThan(5);
      const reached = new Set<string>();
      const noRing: string[] = [];
      for (let i = 0; i < controls + 20; i++) {
        await page.keyboard.press('Tab');
        const focused = page.locator(':focus');
        if ((await focused.count()) === 0) continue;
        const id = await focused.getAttribute('data-e2e-control');
        if (id === null) continue;
        if (reached.has(id)) break; // around the page once
        reached.add(id);
        const ring = await outline(focused);
        if (!((ring.style !== 'none' && ring.width >= 2) || ring.boxShadow !== 'none')) {
          noRing.push(await focused.evaluate((e) => e.outerHTML.slice(0, 120)));
        }
      }
      const missed = await page.evaluate(
        (seen) =>
          [...document.querySelectorAll<HTMLElement>('[data-e2e-control]')]
            .filter((e) => !seen.includes(e.dataset.e2eControl!))
            .map((e) => e.outerHTML.slice(0, 120)),
        [...reached],
      );
      expect(missed, 'controls Tab never reached').toEqual([]);
      expect(noRing, 'controls without a visible focus ring').toEqual([]);
    });
  }

  test('every control on the home page is at least 44 px each way', async ({ page }) => {
    await page.goto('/?kiosk=1');
    await expectFreshHome(page);
    await page.waitForLoadState('networkidle');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), a[href]')]
        .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
        // Links inside running text are exempt (WCAG 2.5.8); the skip link is off screen until focused.
        .filter((e) => !(e.tagName === 'A' && getComputedStyle(e).display === 'inline') && !e.classList.contains('skip-link'))
        .map((e) => ({ html: e.outerHTML.slice(0, 100), ...e.getBoundingClientRect().toJSON() }))
        .filter((box) => box.width < 44 || box.height < 44)
        .map((box) => `${Math.round(box.width)}×${Math.round(box.height)} ${box.html}`),
    );
    expect(small).toEqual([]);
  });
});

test('a new reader counts as one kiosk session: at the first touch, and again after an idle reset', async ({ page }) => {
  const sessions: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/usage.record')) sessions.push(request.postDataJSON());
  });
  await page.goto('/?kiosk=1&idle=5');
  await expectFreshHome(page);
  await page.waitForTimeout(300);
  expect(sessions).toEqual([]); // nobody has touched it yet
  await page.getByTestId('search-input').first().click();
  await page.keyboard.type('luat');
  await expect.poll(() => sessions).toEqual([{ counter: 'kiosk_session', n: 1 }]);
  // The next reader, after the idle reset.
  await expect(page.getByTestId('search-input').first()).toHaveValue('', { timeout: 15_000 });
  await page.getByTestId('search-input').first().click();
  await expect.poll(() => sessions).toHaveLength(2);
});

/**
 * docs/reading.md § Nghe (issue 19): reading aloud stops when the reader leaves the page, turns
 * to another part of the text, or the kiosk's idle reset comes. Read with the Vietnamese system
 * voice stubbed as in text-view.spec.ts (tests/e2e/support/speech.ts), whose speechSynthesis
 * records what it is given: a stopped reading cancels the speech, and the end of the utterance
 * that was playing then queues nothing more.
 */
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { systemVoice } from './support/speech.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const LAW_ID = 'luat-so-69-2020-qh14-32699';
const QUERY = 'nguoi lao dong di lam viec o nuoc ngoai';

const cancels = (page: Page) => page.evaluate(() => window.calls.filter((call) => call === 'cancel').length);

/** Ends the utterance last given to speechSynthesis, as the voice would; how many utterances that queued. */
const endUtterance = (page: Page) =>
  page.evaluate(() => {
    const before = window.queued.length;
    window.utterance?.onend?.(new Event('end') as SpeechSynthesisEvent);
    return window.queued.length - before;
  });

/** Nghe from the text view shown: playing, and going on from one piece to the next. Returns the speech's cancels so far. */
async function startReading(page: Page): Promise<number> {
  await page.getByTestId('listen').click();
  await expect(page.getByTestId('read-aloud-bar')).toHaveAttribute('data-status', 'playing');
  await expect.poll(() => page.evaluate(() => window.queued.length)).toBe(1);
  expect(await endUtterance(page)).toBe(1);
  await expect(page.locator('.text-flow .speaking')).toHaveCount(1);
  return cancels(page);
}

/** The reading is stopped: speech cancelled since `before`, and the utterance playing then leads nowhere. */
async function expectStopped(page: Page, before: number) {
  await expect.poll(() => cancels(page)).toBeGreaterThan(before);
  expect(await endUtterance(page)).toBe(0);
}

test.beforeEach(async ({ page }) => {
  await systemVoice(page);
});

test('leaving the page stops reading aloud', async ({ page }) => {
  await page.goto(`/#/text/${LAW_ID}`);
  const before = await startReading(page);
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await expect(page.getByTestId('search-input').first()).toBeVisible();
  await expect(page.getByTestId('read-aloud-bar')).toHaveCount(0);
  await expectStopped(page, before);
});

test('turning to another part stops reading aloud', async ({ page }) => {
  await page.goto(`/#/text/${LAW_ID}`);
  await expect(page.getByText('Phần 1/3').first()).toBeVisible();
  const before = await startReading(page);
  await page.getByTestId('part-next').first().click();
  await expect(page.getByText('Phần 2/3').first()).toBeVisible();
  const bar = page.getByTestId('read-aloud-bar');
  await expect(bar).toHaveAttribute('data-status', 'idle');
  await expect(page.locator('.text-flow .speaking')).toHaveCount(0);
  await expectStopped(page, before);
});

test('the kiosk’s idle reset stops reading aloud', async ({ page }) => {
  await page.goto('/?kiosk=1&idle=5');
  const box = page.getByRole('combobox', { name: 'Bạn cần tìm gì?' });
  await box.fill(QUERY);
  await box.press('Enter');
  await page.getByTestId('passage-text-link').first().click();
  await expect(page.locator('.text-flow').first()).toBeVisible();
  const before = await startReading(page);

  const overlay = page.getByTestId('idle-overlay');
  await expect(overlay).toBeVisible({ timeout: 15_000 });
  await expect(overlay).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('search-input').first()).toHaveValue('');
  await expect(page.getByTestId('read-aloud-bar')).toHaveCount(0);
  await expectStopped(page, before);
});

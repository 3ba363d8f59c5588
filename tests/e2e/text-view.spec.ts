/**
 * The text view (issue 16) in Chromium, at the kiosk's size and a phone's: from a search hit one
 * tap to the article in large type with the searched words marked, then "Nghe" — the app's own
 * voice (eSpeak NG in a worker: Chromium here has no system voice) really makes the audio, and the
 * marks follow it from sentence to sentence, stop while paused, jump with "Đoạn sau"; with a
 * Vietnamese system voice listed (a stub of the voice list, the only thing stubbed), the utterances
 * queued to speechSynthesis are the text's, in vi-VN, in that voice, at the speed chosen. Also the
 * way from the publication page, the table of contents across parts, a document without text,
 * large text and high contrast; screenshots of each screen and axe on each.
 */
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { corporaMissing, corpusSkipReason } from '../helpers/corpora.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { watchPageProblems } from './support/page-problems.js';
import { SIZES, shoot } from './support/screens.js';
import { listenToAudio, systemVoice } from './support/speech.js';
import type { ScreenSize } from './support/screens.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
test.beforeEach(async ({ page: _page }, info) => {
  test.skip(info.project.name !== 'kiosk', 'both sizes run in the kiosk project');
});
watchPageProblems(test);

const LAW_ID = 'luat-so-69-2020-qh14-32699';
const LAW_TITLE = 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng';
const QUERY = 'nguoi lao dong di lam viec o nuoc ngoai';

const speakingBlock = (page: Page) => page.locator('.text-flow .speaking').getAttribute('data-block').then(Number);
const contentsLink = (page: Page, label: string) => page.getByTestId('contents-link').filter({ has: page.locator('.contents-label', { hasText: new RegExp(`^${label}$`) }) });
const textSize = (page: Page) => page.locator('.text-paragraph').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));

for (const size of ['kiosk', 'phone'] as ScreenSize[]) {
  test.describe(`at ${size} size`, () => {
    test.use(SIZES[size]);

    test('a hit opens its article in large type, the words marked; Nghe reads it with the app’s own voice, following the text', async ({ page }) => {
      test.setTimeout(120_000);
      await listenToAudio(page);
      await page.goto('/');
      const box = page.getByRole('combobox', { name: 'Bạn cần tìm gì?' });
      await box.fill(QUERY);
      await box.press('Enter');
      const hit = page.getByTestId('search-hit').filter({ hasText: LAW_TITLE });
      const link = hit.getByTestId('passage-text-link').first();
      const article = (await hit.locator('.passage-label').first().textContent())?.split('.')[0] ?? '';
      expect(article).toMatch(/^Điều \d+$/);
      await expect(link).toHaveAccessibleName(`Xem chữ to: ${article}`);
      await hit.scrollIntoViewIfNeeded();
      await shoot(page, 'results-text-link', size);
      await audit(page, `results with their text links (${size})`);
      await link.click();

      // At the article: its heading on screen and focused, the words searched marked.
      const heading = page.locator('.text-heading', { hasText: `${article}.` });
      await expect(heading).toBeFocused();
      await expect(heading).toBeInViewport();
      await expect(page.locator('.text-flow mark').first()).toBeVisible();
      await expect(page.getByText(`Các từ “${QUERY}” được tô màu.`)).toBeVisible();
      expect(await textSize(page)).toBeGreaterThanOrEqual(20);
      await shoot(page, 'text-view-hit', size);
      await audit(page, `text view at ${article} (${size})`);
      // The marks can go; the place stays.
      await page.getByRole('link', { name: 'Bỏ tô màu' }).click();
      await expect(page.locator('.text-flow mark')).toHaveCount(0);
      await expect(heading).toBeInViewport();

      // The voice in use, and why.
      await page.getByTestId('speech-settings').locator('summary').click();
      await expect(page.getByTestId('voice-in-use')).toHaveText('Đang dùng: Giọng có sẵn trong ứng dụng (eSpeak NG, không cần mạng)');
      await expect(page.getByText('Máy này chưa cài giọng tiếng Việt')).toBeVisible();
      await shoot(page, 'text-view-voice', size);
      await audit(page, `voice settings (${size})`);
      await page.getByTestId('speech-settings').locator('summary').click();

      // Nghe: from the article's heading on, with real audio, the mark moving through the text.
      await page.getByTestId('listen').click();
      const bar = page.getByTestId('read-aloud-bar');
      await expect(bar).toHaveAttribute('data-status', 'playing', { timeout: 15_000 });
      await expect(bar.getByRole('status')).toHaveText(`Đang đọc: ${article}`);
      const first = await speakingBlock(page);
      await expect(page.locator('.text-flow .speaking')).toHaveText(new RegExp(`^${article}\\.`));
      await expect.poll(() => speakingBlock(page), { timeout: 20_000 }).toBeGreaterThan(first);
      await expect(page.locator('.text-flow .speaking .spoken-word')).toBeVisible({ timeout: 10_000 });
      const sound = await page.evaluate(() => window.heard);
      expect(sound.length).toBeGreaterThanOrEqual(2);
      expect(sound[0].seconds).toBeGreaterThan(0.5);
      expect(Math.max(...sound.map((s) => s.peak))).toBeGreaterThan(0.05);
      await shoot(page, 'text-view-listening', size);
      await audit(page, `reading aloud (${size})`);

      // Pause: the audio clock stops and the mark with it; resume goes on.
      await page.getByTestId('speech-pause').click();
      await expect(bar).toHaveAttribute('data-status', 'paused');
      await expect(bar.getByRole('status')).toHaveText(/^Đã tạm dừng: Điều \d+$/);
      await expect.poll(() => page.evaluate(() => window.contexts[0].state)).toBe('suspended');
      const word = await page.locator('.spoken-word').textContent();
      const pausedAt = await speakingBlock(page);
      await page.waitForTimeout(1500);
      expect(await speakingBlock(page)).toBe(pausedAt);
      expect(await page.locator('.spoken-word').textContent()).toBe(word);
      await page.getByTestId('speech-pause').click();
      await expect(bar).toHaveAttribute('data-status', 'playing');
      await expect.poll(() => page.evaluate(() => window.contexts[0].state)).toBe('running');

      // Next paragraph, and the speed.
      const before = await speakingBlock(page);
      await page.getByTestId('speech-next').click();
      await expect.poll(() => speakingBlock(page)).toBe(before + 1);
      await page.getByTestId('speech-speed').click();
      await expect(page.getByTestId('speech-speed')).toHaveAccessibleName('Tốc độ đọc: 1,25×. Bấm để đổi.');
      await page.getByTestId('speech-stop').click();
      await expect(bar).toHaveAttribute('data-status', 'idle');
      await expect(page.locator('.text-flow .speaking')).toHaveCount(0);
      // Nothing more is played.
      const played = (await page.evaluate(() => window.heard)).length;
      await page.waitForTimeout(1500);
      expect((await page.evaluate(() => window.heard)).length).toBe(played);
    });

    test('with a Vietnamese system voice, Nghe queues the text to it sentence by sentence, in vi-VN, at the speed chosen', async ({ page }) => {
      await systemVoice(page);
      await page.goto(`/#/publications/${LAW_ID}`);
      await expect(page.getByTestId('text-view-button')).toBeVisible();
      await shoot(page, 'publication-text-button', size);
      await page.getByTestId('text-view-button').click();
      await expect(page.getByTestId('text-title')).toHaveText(LAW_TITLE);
      if (size === 'phone') await page.getByTestId('contents-toggle').click();
      await contentsLink(page, 'Điều 3').click();
      await expect(page.locator('.text-heading', { hasText: 'Điều 3.' })).toBeFocused();
      await page.getByTestId('speech-settings').locator('summary').click();
      await expect(page.getByTestId('voice-in-use')).toHaveText('Đang dùng: Giọng của máy: Microsoft An - Vietnamese (Vietnam)');
      await page.getByTestId('speech-settings').locator('summary').click();

      await page.getByTestId('listen').click();
      await expect(page.getByTestId('read-aloud-bar')).toHaveAttribute('data-status', 'playing');
      const queued = () => page.evaluate(() => window.queued);
      expect((await queued())[0]).toEqual({ text: 'Điều 3. Giải thích từ ngữ', lang: 'vi-VN', voice: 'Microsoft An - Vietnamese (Vietnam)', rate: 1 });
      // The heading ends: the next piece is the first sentence of the article's first paragraph, its words followed.
      await page.evaluate(() => window.utterance?.onend?.(new Event('end') as SpeechSynthesisEvent));
      await expect.poll(async () => (await queued()).length).toBe(2);
      const sentence = (await queued())[1].text;
      expect(sentence).toMatch(/^Trong Luật này/);
      await expect(page.locator('.text-flow .speaking')).toContainText(sentence.trim());
      await page.evaluate(() => {
        const u = window.utterance as SpeechSynthesisUtterance;
        u.onboundary?.(Object.assign(new Event('boundary'), { name: 'word', charIndex: 6, charLength: 4 }) as unknown as SpeechSynthesisEvent);
      });
      await expect(page.locator('.spoken-word')).toHaveText(sentence.slice(6, 10));
      await shoot(page, 'text-view-system-voice', size);

      await page.getByTestId('speech-pause').click();
      expect(await page.evaluate(() => window.calls)).toContain('pause');
      await page.getByTestId('speech-pause').click();
      expect(await page.evaluate(() => window.calls)).toContain('resume');
      await page.getByTestId('speech-speed').click();
      await expect.poll(async () => (await queued()).at(-1)?.rate).toBe(1.25);
      expect((await queued()).at(-1)?.text).toBe(sentence);
      await page.getByTestId('speech-stop').click();
      expect(await page.evaluate(() => window.calls)).toContain('cancel');
    });

    test('the contents lead to an article of another part; parts turn; large text and high contrast reach the text', async ({ page }) => {
      await page.goto(`/#/text/${LAW_ID}`);
      await expect(page.getByText('Phần 1/3').first()).toBeVisible();
      if (size === 'phone') {
        await expect(page.getByTestId('contents-link').first()).toBeHidden();
        await page.getByTestId('contents-toggle').click();
        await shoot(page, 'text-view-contents', size);
      }
      await contentsLink(page, 'Điều 30').click();
      await expect(page.locator('.text-heading', { hasText: 'Điều 30.' })).toBeFocused();
      await expect(page.locator('.text-heading', { hasText: 'Điều 30.' })).toBeInViewport();
      await expect(page.getByText('Phần 2/3').first()).toBeVisible();
      await expect(contentsLink(page, 'Điều 30')).toHaveAttribute('aria-current', 'location');
      await page.getByTestId('part-next').first().click();
      await expect(page.getByText('Phần 3/3').first()).toBeVisible();
      // The new part is read from its start.
      await expect(page.locator('.text-flow > *').first()).toBeInViewport();
      await shoot(page, 'text-view-part', size);
      const normal = await textSize(page);
      await page.getByTestId('display-large-text').click();
      await page.getByTestId('display-contrast').click();
      await expect.poll(() => textSize(page)).toBeGreaterThanOrEqual(normal * 1.2);
      await shoot(page, 'text-view-large-contrast', size);
      await audit(page, `text view, large text + high contrast (${size})`);
    });

    test('a document without text says so and offers the reader', async ({ page }) => {
      test.skip(corporaMissing, corpusSkipReason());
      // A damaged PDF placed as a sync delivers it (tests/e2e/support/e2e-library.ts): its file is here, no text.
      await page.goto('/#/text/e2e-hong');
      await expect(page.getByTestId('no-text')).toContainText('chưa có phần chữ');
      await expect(page.getByTestId('read-original')).toHaveAttribute('href', '#/read/e2e-hong');
      await shoot(page, 'text-view-no-text', size);
      await audit(page, `text view without text (${size})`);
      await page.goto('/#/text/chi-thi-so-21-ct-ttg-469580');
      await expect(page.getByTestId('no-text')).toContainText('cũng chưa có tệp');
      await expect(page.getByTestId('read-original')).toHaveCount(0);
    });
  });
}

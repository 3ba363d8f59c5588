/**
 * The EPUB reader (epub.js) in the browser: reading Lão Hạc (contents, pages, text size,
 * colours, position, search without diacritics, the words of a hit in any order), the station's
 * large text and high contrast in the book, the reader fitting the window, the way to the text
 * view, and the security rules — book scripts never run (w3c scr-support, idpf quiz-bindings, a
 * crafted hostile book), links that leave the book open nothing (web addresses become a QR code),
 * and no request leaves 127.0.0.1. "Nghe": the voice reads from the top of the page, the sentence
 * and word marked in the book, the page turning with it and on into the next chapter (a system
 * voice's queue, stubbed) and real audio from the app's own voice on a phone.
 */
import { expect, test } from './support/station.js';
import type { APIRequestContext, Frame, Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { expectReaderFitsWindow } from './support/reader-layout.js';
import { listenToAudio, systemVoice } from './support/speech.js';
import { corporaMissing, corpusSkipReason } from '../helpers/corpora.js';
import { textPath } from '../../renderer/src/routes.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

interface Watch {
  problems: string[];
  outbound: string[];
  dialogs: string[];
}

const watches = new WeakMap<Page, Watch>();

test.beforeEach(async ({ page }) => {
  const watch: Watch = { problems: [], outbound: [], dialogs: [] };
  watches.set(page, watch);
  page.on('console', (message) => {
    if (message.type() === 'error') watch.problems.push(message.text());
  });
  page.on('pageerror', (error) => watch.problems.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return;
    if (url.hostname !== '127.0.0.1') watch.outbound.push(request.url());
  });
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});

test.afterEach(async ({ page }) => {
  const watch = watches.get(page);
  expect(watch?.problems, 'console errors or CSP violations').toEqual([]);
  expect(watch?.outbound, 'requests that left 127.0.0.1').toEqual([]);
  expect(watch?.dialogs, 'alert/confirm/prompt dialogs (a book script ran)').toEqual([]);
});

async function idOf(request: APIRequestContext, title: string): Promise<string> {
  const response = await request.post('/api/publications.list', { data: { limit: 100 } });
  const body = (await response.json()) as { result: { items: { id: string; title: string }[] } };
  const found = body.result.items.find((item) => item.title === title);
  if (!found) throw new Error(`no publication titled ${title}`);
  return found.id;
}

const IFRAME = '[data-testid=epub-stage] iframe';

/*
 * The book's frame is sandboxed without scripts, so it is read from the page's side (its
 * document is same-origin) rather than with Playwright's frame locators: those inject a
 * script world into the frame, whose listeners Chromium then blocks — and logs as errors —
 * on every later event. For the same reason this spec records no trace (trace snapshots
 * inject into every frame).
 */
test.use({ trace: 'off' });

/** Runs `fn` on the document of the section on screen (epub.js makes one iframe per section). */
async function inBook<T, A>(page: Page, fn: (doc: Document, arg: A) => T, arg: A): Promise<T> {
  // A string expression, as Playwright itself sends functions (the page's CSP has no unsafe-eval).
  const findDoc = `(() => { const f = document.querySelectorAll(${JSON.stringify(IFRAME)}); const d = f[f.length - 1]?.contentDocument; if (!d) throw new Error('no book frame'); return d; })()`;
  return page.evaluate(`(${fn.toString()})(${findDoc}, ${JSON.stringify(arg)})`) as Promise<T>;
}

async function bookText(page: Page): Promise<string> {
  return inBook(page, (doc) => doc.body?.innerText ?? '', null).catch(() => '');
}

async function bookFrame(page: Page): Promise<Frame> {
  const iframe = page.locator(IFRAME).last();
  await expect(iframe).toBeAttached();
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) throw new Error('no book frame');
  return frame;
}

async function expectBookText(page: Page, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(escape(text)) : text;
  await expect.poll(() => bookText(page), { timeout: 15_000 }).toMatch(pattern);
}

/**
 * Taps an element inside the book, found by CSS selector or by its exact link text, at its
 * place on the screen, like a finger.
 */
async function tap(page: Page, target: { css?: string; link?: string }): Promise<void> {
  const stage = await page.getByTestId('epub-stage').boundingBox();
  if (!stage) throw new Error('no stage');
  // Pages are columns of one wide frame: turn pages until the element is on the one shown.
  for (let turn = 0; turn < 8; turn += 1) {
    const frameBox = await page.locator(IFRAME).last().boundingBox();
    const box = await inBook(
      page,
      (doc, t: { css?: string; link?: string }) => {
        const el = t.css ? doc.querySelector(t.css) : Array.from(doc.querySelectorAll('a')).find((a) => a.textContent?.trim() === t.link);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      },
      target,
    );
    if (!box || !frameBox) throw new Error(`nothing to tap: ${JSON.stringify(target)}`);
    const x = frameBox.x + box.x + Math.min(box.width / 2, 20);
    const y = frameBox.y + box.y + box.height / 2;
    if (x >= stage.x && x <= stage.x + stage.width && y >= stage.y && y <= stage.y + stage.height) {
      await page.mouse.click(x, y);
      return;
    }
    await page.getByTestId('epub-next').click();
    await page.waitForTimeout(300);
  }
  throw new Error(`not on any page: ${JSON.stringify(target)}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function progressText(page: Page): Promise<string> {
  return (await page.getByTestId('epub-progress').innerText()).trim();
}

/** What the reader marks while reading aloud in the book's frame: the sentence and the word (CSS highlights), or null. */
async function spokenMarks(page: Page): Promise<{ sentence: string | null; word: string | null }> {
  return inBook(
    page,
    (doc) => {
      const registry = (doc.defaultView as Window & typeof globalThis).CSS.highlights;
      const text = (name: string) => {
        const highlight = registry.get(name);
        const range = highlight ? [...highlight][0] : undefined;
        return range ? range.toString() : null;
      };
      return { sentence: text('epub-spoken'), word: text('epub-word') };
    },
    null,
  ).catch(() => ({ sentence: null, word: null })); // the frame laid out again: nothing marked in it
}

/** Whether the sentence being read starts inside the page on screen (pages are columns of one wide frame). */
async function spokenOnScreen(page: Page): Promise<boolean> {
  const stage = await page.getByTestId('epub-stage').boundingBox();
  const frame = await page.locator(IFRAME).last().boundingBox();
  const at = await inBook(
    page,
    (doc) => {
      const range = [...((doc.defaultView as Window & typeof globalThis).CSS.highlights.get('epub-spoken') ?? [])][0];
      const box = range?.getClientRects()[0];
      return box ? { x: box.x, y: box.y } : null;
    },
    null,
  );
  if (!stage || !frame || !at) return false;
  const x = frame.x + at.x;
  const y = frame.y + at.y;
  return x >= stage.x && x < stage.x + stage.width && y >= stage.y && y < stage.y + stage.height;
}

/** Text compared as a voice hears it: white space collapsed, any case. */
const folded = (text: string | null) => (text ?? '').replace(/\s+/gu, ' ').trim().toLowerCase();

/** Opens the book at its "Lão Hạc" chapter through the table of contents. */
async function openChapter(page: Page, id: string): Promise<void> {
  await page.goto(`/#/read/${id}`);
  await expectBookText(page, 'dự án sách');
  await page.getByTestId('epub-tool-toc').click();
  await page.getByTestId('epub-panel-toc').getByRole('button', { name: 'Lão Hạc', exact: true }).click();
  await expectBookText(page, 'Lão Hạc thổi cái mồi rơm');
}

test.describe('reading an EPUB', () => {
  test.skip(corporaMissing, corpusSkipReason());

  test('Lão Hạc: text, contents, pages, text size, colours and position', async ({ page, request }, info) => {
    await page.setViewportSize({ width: 1366, height: 768 }); // the kiosk's screen
    const id = await idOf(request, 'Lão Hạc');
    await page.goto(`/#/read/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Lão Hạc' })).toBeVisible();
    await expectBookText(page, 'dự án sách cho thiết bị di động');
    expect((await bookFrame(page)).url()).toBe('about:srcdoc');
    await expect(page.locator(IFRAME)).toHaveAttribute('sandbox', 'allow-same-origin');
    await page.screenshot({ path: info.outputPath('reader-light.png') });

    // Contents.
    await page.getByTestId('epub-tool-toc').click();
    const toc = page.getByTestId('epub-panel-toc');
    await expect(toc.getByRole('navigation').getByRole('button')).toHaveText(['Mục lục', 'Giới thiệu', 'Lão Hạc']);
    await page.screenshot({ path: info.outputPath('toc.png') });
    await toc.getByRole('button', { name: 'Lão Hạc', exact: true }).click();
    await expect(toc).toBeHidden();
    await expectBookText(page, 'Lão Hạc thổi cái mồi rơm');

    // Position: page within the chapter, then a percentage once positions are worked out.
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 1\/\d+ của phần này/);
    await expect(page.getByTestId('epub-slider')).toBeEnabled({ timeout: 20_000 });
    await expect(page.getByTestId('epub-progress')).toContainText(/Đã đọc \d+%/);
    const percentAt = async () => Number(/Đã đọc (\d+)%/.exec(await progressText(page))?.[1]);
    const startPercent = await percentAt();

    // Next page: button, then keys.
    await page.getByTestId('epub-next').click();
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 2\/\d+/);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 3\/\d+/);
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 2\/\d+/);
    await expect.poll(percentAt).toBeGreaterThan(startPercent);

    // Text size: larger letters, so the chapter takes more pages.
    const fontSize = () => inBook(page, (doc) => parseFloat(getComputedStyle(doc.querySelector('#fontchu') ?? doc.body).fontSize), null);
    const pagesOf = async () => Number(/Trang \d+\/(\d+)/.exec(await progressText(page))?.[1]);
    const before = { size: await fontSize(), pages: await pagesOf() };
    await page.getByTestId('epub-tool-settings').click();
    await page.getByTestId('epub-font-larger').click();
    await page.getByTestId('epub-font-larger').click();
    await expect.poll(fontSize).toBeGreaterThan(before.size);
    await expect.poll(pagesOf, { timeout: 10_000 }).toBeGreaterThan(before.pages);

    // Colours.
    const background = () => inBook(page, (doc) => getComputedStyle(doc.body).backgroundColor, null);
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.getByTestId('epub-theme-dark').click();
    await expect.poll(background).toBe('rgb(27, 27, 29)');
    await expect(page.getByTestId('epub-reader')).toHaveClass(/epub-theme-dark/);
    await page.screenshot({ path: info.outputPath('settings-dark.png') });
    await page.getByTestId('epub-tool-settings').click();
    await page.screenshot({ path: info.outputPath('reader-dark.png') });
    await page.getByTestId('epub-tool-settings').click();
    await page.getByTestId('epub-theme-sepia').click();
    await expect.poll(background).toBe('rgb(244, 236, 216)');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: info.outputPath('reader-sepia.png') });

    // Every control is large enough to touch.
    for (const control of await page.getByTestId('epub-reader').locator('button, a, input').all()) {
      if (!(await control.isVisible())) continue;
      const box = await control.boundingBox();
      expect(box?.height, await control.evaluate((el) => el.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
    }
  });

  test('Nghe reads from the top of the page: the sentence and the word marked in the book, pages turning with the voice, on into the next chapter; a chapter chosen by hand stops it', async ({ page, request }, info) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await systemVoice(page);
    const id = await idOf(request, 'Lão Hạc');
    await openChapter(page, id);

    // The voice is among the settings, and says which it is.
    await page.getByTestId('epub-tool-settings').click();
    await page.getByTestId('voice-in-use').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('voice-in-use')).toHaveText('Đang dùng: Giọng của máy: Microsoft An - Vietnamese (Vietnam)');
    await page.getByTestId('epub-panel-settings').getByRole('radio', { name: /Nhanh \(1,25×\)/ }).check();
    await page.screenshot({ path: info.outputPath('settings-voice.png') });
    await page.getByTestId('epub-tool-settings').click();

    // Nghe: the controls take the page bar's place; the first sentence on the page is given to the voice and marked.
    await page.getByTestId('epub-listen').click();
    const bar = page.getByTestId('read-aloud-bar');
    await expect(bar).toHaveAttribute('data-status', 'playing');
    await expect(bar.getByRole('status')).toHaveText('Đang đọc: Lão Hạc');
    await expect(page.getByTestId('epub-next')).toBeHidden();
    await expect(page.getByTestId('epub-listen')).toHaveAttribute('aria-pressed', 'true');
    const queued = () => page.evaluate(() => window.queued);
    expect((await queued())[0]).toMatchObject({ lang: 'vi-VN', voice: 'Microsoft An - Vietnamese (Vietnam)', rate: 1.25 });
    await expect.poll(async () => folded((await spokenMarks(page)).sentence)).toBe(folded((await queued())[0].text));
    expect(await spokenOnScreen(page)).toBe(true);
    const sentence = (await queued())[0].text;
    const firstWord = /^\s*(\S+)/u.exec(sentence)?.[1] ?? '';
    await page.evaluate(
      ({ at, length }) => {
        const u = window.utterance as SpeechSynthesisUtterance;
        u.onboundary?.(Object.assign(new Event('boundary'), { name: 'word', charIndex: at, charLength: length }) as unknown as SpeechSynthesisEvent);
      },
      { at: sentence.length - sentence.trimStart().length, length: firstWord.length },
    );
    await expect.poll(async () => (await spokenMarks(page)).word).toBe(firstWord);
    await page.screenshot({ path: info.outputPath('listening.png') });
    await audit(page, 'EPUB reader reading aloud', [IFRAME]);

    // Sentence after sentence: the mark moves, and the page turns when the voice reads past it.
    const frameX = async () => (await page.locator(IFRAME).last().boundingBox())?.x ?? 0;
    const startX = await frameX();
    let turned = false;
    for (let i = 0; i < 120 && !turned; i += 1) {
      const count = (await queued()).length;
      await page.evaluate(() => window.utterance?.onend?.(new Event('end') as SpeechSynthesisEvent));
      await expect.poll(async () => (await queued()).length).toBe(count + 1);
      const text = (await queued()).at(-1)?.text ?? '';
      await expect.poll(async () => folded((await spokenMarks(page)).sentence)).toBe(folded(text));
      await expect.poll(() => spokenOnScreen(page)).toBe(true);
      turned = (await frameX()) !== startX;
    }
    expect(turned, 'the page turned with the voice').toBe(true);

    // Pause, resume, stop: the marks go and the page bar comes back.
    await page.getByTestId('speech-pause').click();
    expect(await page.evaluate(() => window.calls)).toContain('pause');
    await page.getByTestId('speech-pause').click();
    expect(await page.evaluate(() => window.calls)).toContain('resume');
    await page.getByTestId('speech-stop').click();
    await expect(page.getByTestId('epub-next')).toBeVisible();
    await expect.poll(() => spokenMarks(page)).toEqual({ sentence: null, word: null });

    // From the short introduction, reading goes on into the next chapter.
    await page.getByTestId('epub-tool-toc').click();
    await page.getByTestId('epub-panel-toc').getByRole('button', { name: 'Giới thiệu', exact: true }).click();
    await expectBookText(page, 'dự án sách');
    await page.getByTestId('epub-listen').click();
    await expect(bar).toHaveAttribute('data-status', 'playing');
    for (let i = 0; i < 60 && !(await bookText(page)).includes('Lão Hạc thổi cái mồi rơm'); i += 1) {
      const count = (await queued()).length;
      await page.evaluate(() => window.utterance?.onend?.(new Event('end') as SpeechSynthesisEvent));
      await expect.poll(async () => (await queued()).length).toBeGreaterThan(count);
    }
    await expectBookText(page, 'Lão Hạc thổi cái mồi rơm');
    await expect(bar).toHaveAttribute('data-status', 'playing');
    await expect.poll(async () => folded((await spokenMarks(page)).sentence)).toBe(folded((await queued()).at(-1)?.text ?? ''));

    // Another chapter turned to by hand stops the reading at once: the voice is cancelled, the marks go, the page bar comes back.
    const cancels = async () => (await page.evaluate(() => window.calls)).filter((call) => call === 'cancel').length;
    const cancelled = await cancels();
    const spoken = (await queued()).length;
    await page.getByTestId('epub-tool-toc').click();
    await page.getByTestId('epub-panel-toc').getByRole('button', { name: 'Giới thiệu', exact: true }).click();
    await expectBookText(page, 'dự án sách');
    await expect(page.getByTestId('epub-next')).toBeVisible();
    await expect(page.getByTestId('epub-listen')).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(cancels).toBeGreaterThan(cancelled);
    await expect.poll(() => spokenMarks(page)).toEqual({ sentence: null, word: null });
    expect((await queued()).length).toBe(spoken); // nothing more given to the voice
  });

  test('Nghe with the app’s own voice on a phone: real audio, the sentence marked, the controls within the screen', async ({ page, request }, info) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await listenToAudio(page);
    const id = await idOf(request, 'Lão Hạc');
    await openChapter(page, id);
    await page.getByTestId('epub-listen').click();
    const bar = page.getByTestId('read-aloud-bar');
    await expect(bar).toHaveAttribute('data-status', 'playing', { timeout: 30_000 });
    await expect.poll(async () => (await spokenMarks(page)).sentence, { timeout: 15_000 }).not.toBeNull();
    await expect.poll(() => page.evaluate(() => window.heard.length), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const sound = await page.evaluate(() => window.heard);
    expect(sound[0].seconds).toBeGreaterThan(0.5);
    expect(Math.max(...sound.map((s) => s.peak))).toBeGreaterThan(0.05);
    expect(await spokenOnScreen(page)).toBe(true);
    for (const control of await bar.getByRole('button').all()) await expect(control).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath('listening-phone.png') });
    await audit(page, 'EPUB reader reading aloud on a phone', [IFRAME]);
    await page.getByTestId('speech-stop').click();
    await expect(bar).toBeHidden();
  });

  test('searching "lao hac" without diacritics finds Lão Hạc and goes there', async ({ page, request }, info) => {
    const id = await idOf(request, 'Lão Hạc');
    await page.goto(`/#/read/${id}`);
    await expectBookText(page, 'dự án sách');
    await page.getByTestId('epub-tool-search').click();
    await page.getByLabel('Từ cần tìm').fill('lao hac');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const results = page.getByTestId('epub-result');
    await expect(page.getByTestId('epub-results')).toContainText(/Tìm thấy \d+ chỗ có “lao hac”/);
    expect(await results.count()).toBeGreaterThan(3);
    await expect(results.first().locator('mark')).toHaveText(/Lão Hạc/i);
    await page.screenshot({ path: info.outputPath('search-results.png') });

    // A match deep in the chapter: its page is shown and the words highlighted.
    const target = results.filter({ hasText: 'Trong phần: Lão Hạc' }).nth(3);
    const words = (await target.locator('.epub-result-text').innerText()).replace(/…/g, '').trim().slice(0, 30);
    await target.click();
    // Every run of the words in that passage is highlighted, the one chosen on the page shown.
    await expect(page.locator('.epub-search-hl').first()).toBeAttached();
    await expect(page.getByTestId('epub-progress')).not.toContainText(/Trang 1\//);
    const stage = await page.getByTestId('epub-stage').boundingBox();
    let shown = 0;
    for (const hl of await page.locator('.epub-search-hl').all()) {
      const box = await hl.boundingBox();
      if (box && stage && box.x >= stage.x && box.x < stage.x + stage.width) shown += 1;
    }
    expect(shown, 'a highlight is on the page shown').toBeGreaterThan(0);
    expect(await bookText(page)).toContain(words.split(' ').slice(1, 4).join(' '));
    await page.screenshot({ path: info.outputPath('search-jump.png') });
  });

  test('the words of the search that led here are found on opening', async ({ page, request }) => {
    const id = await idOf(request, 'Lão Hạc');
    await page.goto(`/#/read/${id}?q=${encodeURIComponent('ong giao')}`);
    await expect(page.getByTestId('epub-results')).toContainText(/Tìm thấy \d+ chỗ có “ong giao”/, { timeout: 20_000 });
    await expect(page.getByTestId('epub-result').first().locator('mark')).toHaveText(/ông giáo/i);
    await expect(page.locator('.epub-search-hl')).toHaveCount(1);
    await expectBookText(page, /ông giáo/i);
  });

  test('the words of a hit are found in any order, and the text view is one tap away', async ({ page, request }, info) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const id = await idOf(request, 'Lão Hạc');
    // The results page matches words, not the phrase as typed: a question in another order.
    const q = 'giáo ông là ai';
    await page.goto(`/#/read/${id}?q=${encodeURIComponent(q)}`);
    await expect(page.getByTestId('epub-results')).toContainText(/Tìm thấy \d+ chỗ/, { timeout: 20_000 });
    await expect(page.getByTestId('epub-result').first().locator('mark').first()).toBeVisible();
    const marked = (await page.getByTestId('epub-result').first().locator('mark').allInnerTexts()).join(' ').toLowerCase();
    expect(marked).toMatch(/ông|giáo/);
    await expect(page.locator('.epub-search-hl').first()).toBeAttached();
    await expect(page.getByTestId('reader-text-view')).toHaveAttribute('href', `#${textPath(id, { q })}`);
    await expect(page.getByTestId('reader-text-view')).toContainText('Xem chữ to');
    await expectReaderFitsWindow(page, ['epub-tool-toc', 'epub-next']);
    await page.screenshot({ path: info.outputPath('hit-any-order.png') });
  });

  test('the header’s large text and high contrast reach the book', async ({ page, request }, info) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const id = await idOf(request, 'Lão Hạc');
    await openChapter(page, id);
    const fontSize = () => inBook(page, (doc) => parseFloat(getComputedStyle(doc.querySelector('p') ?? doc.body).fontSize), null).catch(() => 0);
    const normal = await fontSize();
    await page.getByTestId('display-large-text').click();
    await expect.poll(fontSize, { timeout: 10_000 }).toBeGreaterThan(normal * 1.2);
    await expectReaderFitsWindow(page, ['epub-tool-toc', 'epub-next']);
    await page.getByTestId('display-contrast').click();
    await expect(page.getByTestId('epub-reader')).toHaveClass(/epub-theme-contrast/);
    const colours = () => inBook(page, (doc) => `${getComputedStyle(doc.body).color} on ${getComputedStyle(doc.body).backgroundColor}`, null).catch(() => '');
    await expect.poll(colours).toBe('rgb(0, 0, 0) on rgb(255, 255, 255)');
    await page.screenshot({ path: info.outputPath('large-contrast.png') });
    await audit(page, 'EPUB reader in large text and high contrast', [IFRAME]);
    await page.getByTestId('epub-tool-settings').click();
    await expect(page.getByTestId('epub-theme-contrast')).toHaveAttribute('aria-checked', 'true');
    // Chosen from the header, undone from the header: white pages again.
    await page.getByTestId('display-contrast').click();
    await expect(page.getByTestId('epub-theme-light')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('display-large-text').click();
    await expect.poll(fontSize, { timeout: 10_000 }).toBeLessThan(normal * 1.05);
  });

  test('a web link shows its address and a QR code and opens nothing; a link inside the book works', async ({ page, request }, info) => {
    const id = await idOf(request, 'Lão Hạc');
    await page.goto(`/#/read/${id}`);
    await expectBookText(page, 'dự án sách');
    const pageUrl = page.url();
    await tap(page, { link: 'http://vnthuquan.net' });
    const dialog = page.getByTestId('reader-link-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('reader-link-url')).toHaveText('http://vnthuquan.net/');
    await expect(page.getByTestId('reader-link-qr')).toBeVisible();
    expect(await page.getByTestId('reader-link-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await page.screenshot({ path: info.outputPath('link-qr.png') });
    expect(page.url()).toBe(pageUrl);
    expect((await bookFrame(page)).url()).toBe('about:srcdoc');
    expect(page.frames()).toHaveLength(2);
    await page.getByTestId('reader-link-close').click();
    await expect(dialog).toBeHidden();

    // The book's own contents page links to the chapter.
    await page.getByTestId('epub-tool-toc').click();
    await page.getByTestId('epub-panel-toc').getByRole('button', { name: 'Mục lục', exact: true }).click();
    await expectBookText(page, /Mục lục\s+Lão Hạc/);
    await tap(page, { link: 'Lão Hạc' });
    await expectBookText(page, 'Lão Hạc thổi cái mồi rơm');
    await expect(dialog).toBeHidden();
  });

  test('scripted EPUBs are shown with their scripts not running', async ({ page, request }) => {
    const support = await idOf(request, 'scr-support');
    await page.goto(`/#/read/${support}`);
    await expectBookText(page, 'This reading system does not support scripting. Test fails.');
    await expect(page.locator(IFRAME)).toHaveAttribute('sandbox', 'allow-same-origin');
    await page.waitForTimeout(500);
    expect(await bookText(page)).not.toContain('Test passes');

    const quiz = await idOf(request, 'Basic Quiz');
    await page.goto(`/#/read/${quiz}`);
    await expectBookText(page, 'At the center of the Solar System is the Sun');
    await expect(page.locator(IFRAME)).toHaveAttribute('sandbox', 'allow-same-origin');
    // The quiz widget (jQuery in a bound handler) never loads: its questions stay plain fallback text.
    expect(await bookText(page)).toContain('What is the name given to planets like Jupiter and Neptune?');
    expect(await inBook(page, (doc) => doc.querySelectorAll('object, iframe, script').length, null)).toBe(0);
    // Its own stylesheet still applies (inlined: the UI's CSP refuses blob: stylesheets).
    expect(await inBook(page, (doc) => doc.querySelectorAll('style').length, null)).toBeGreaterThan(0);
    expect(page.frames()).toHaveLength(2);
    const leaked = await page.evaluate(() => Object.keys(window).filter((key) => /^(jQuery|\$|quiz)/i.test(key)));
    expect(leaked).toEqual([]);
  });

  test('the reader fits a phone: swipes turn pages, nothing scrolls sideways', async ({ browser, request }, info) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const id = await idOf(request, 'Lão Hạc');
    await openChapter(page, id);
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 1\/\d+/);
    await expectReaderFitsWindow(page, ['epub-tool-toc', 'reader-text-view', 'epub-next']);
    await expect(page.getByTestId('reader-text-view')).toContainText('Xem chữ to');
    await page.screenshot({ path: info.outputPath('phone.png') });
    // A double tap on "Trang sau" turns one page.
    await page.getByTestId('epub-next').dblclick();
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 2\/\d+/);
    // One page back is the first (on page 2 if the double tap had turned two): "Trang trước" has its own repeat window.
    await page.getByTestId('epub-prev').click();
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 1\/\d+/);
    const stage = await page.getByTestId('epub-stage').boundingBox();
    if (!stage) throw new Error('no stage');
    const cdp = await context.newCDPSession(page);
    const swipe = async (fromX: number, toX: number) => {
      const y = stage.y + stage.height / 2;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fromX, y }] });
      for (const step of [0.33, 0.66, 1]) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: fromX + (toX - fromX) * step, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(stage.x + stage.width - 40, stage.x + 40);
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 2\/\d+/);
    await swipe(stage.x + 40, stage.x + stage.width - 40);
    await expect(page.getByTestId('epub-progress')).toContainText(/Trang 1\/\d+/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'no sideways scrolling on a phone').toBeLessThanOrEqual(0);
    for (const control of await page.getByTestId('epub-reader').locator('button, a, input').all()) {
      if (!(await control.isVisible())) continue;
      const box = await control.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
    }
    await page.getByTestId('epub-tool-search').click();
    await page.getByLabel('Từ cần tìm').fill('lao hac');
    await page.getByLabel('Từ cần tìm').press('Enter');
    await expect(page.getByTestId('epub-result').first()).toBeVisible();
    await page.screenshot({ path: info.outputPath('phone-search.png') });
    // Choosing a result closes the panel, which covers the page on a phone.
    await page.getByTestId('epub-result').filter({ hasText: 'Trong phần: Lão Hạc' }).nth(4).click();
    await expect(page.getByTestId('epub-panel-search')).toBeHidden();
    await expect(page.locator('.epub-search-hl').first()).toBeAttached();
    await expect(page.getByTestId('epub-tool-search')).toBeFocused();
    await page.screenshot({ path: info.outputPath('phone-search-jump.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});

// ---------- A hostile book, served in place of Truyện Kiều's file ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A stored (uncompressed) zip, enough for an EPUB. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const XHTML = (title: string, body: string, head = '') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xmlns:xlink="http://www.w3.org/1999/xlink"><head><title>${title}</title>${head}</head><body>${body}</body></html>`;

const HOSTILE_EPUB = zip({
  mimetype: 'application/epub+zip',
  'META-INF/container.xml':
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  'OEBPS/content.opf': `<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:hostile</dc:identifier><dc:title>Sách độc hại</dc:title><dc:language>vi</dc:language><meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml" properties="scripted svg remote-resources"/><item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>`,
  'OEBPS/nav.xhtml': XHTML(
    'Mục lục',
    '<nav epub:type="toc"><ol><li><a href="c1.xhtml">Chương một</a></li><li><a href="c2.xhtml">Chương hai</a></li><li><a href="javascript:parent.alert(\'nav\')">Mục độc</a></li></ol></nav>',
  ),
  'OEBPS/c1.xhtml': XHTML(
    'Chương một',
    [
      '<h1>Chương một</h1>',
      '<p id="inert">Văn bản an toàn.</p>',
      '<script>parent.document.title = "pwned"; parent.document.body.dataset.pwned = "script"; alert("script");</script>',
      '<p><img src="http://tracker.example/pixel.gif" alt="tracker"/><img src="data:image/png;base64,AAAA" alt="x" onerror="parent.document.body.dataset.pwned = \'onerror\'"/></p>',
      '<p style="background: url(http://tracker.example/bg.png)">Nền từ xa.</p>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image xlink:href="http://tracker.example/svg.png" width="10" height="10"/></svg>',
      '<object data="http://tracker.example/o.swf" type="application/x-shockwave-flash"><p>Nội dung thay thế.</p></object>',
      '<iframe src="javascript:parent.alert(\'frame\')"></iframe>',
      '<p><a id="js" href="javascript:parent.alert(\'link\')">Liên kết độc</a></p>',
      '<p><a id="tab" href="  java\tscript:parent.alert(1)">Liên kết độc 2</a></p>',
      '<p><a id="mail" href="mailto:someone@example.org">Thư</a> <a id="tel" href="tel:+84123">Gọi</a></p>',
      '<p><a id="web" href="https://example.org/luat?x=1" target="_top">Trang luật</a></p>',
      '<p><a id="next" href="c2.xhtml">Sang chương hai</a></p>',
      '<form action="http://tracker.example/f"><button id="send" type="submit">Gửi</button></form>',
    ].join(''),
    '<meta http-equiv="refresh" content="0;url=http://tracker.example/"/><link rel="stylesheet" href="http://tracker.example/x.css"/><style>@import url("http://tracker.example/i.css"); h1 { color: #333; }</style><base href="http://tracker.example/"/>',
  ),
  'OEBPS/c2.xhtml': XHTML('Chương hai', '<h1>Chương hai</h1><p>Đã sang chương hai.</p>'),
});

test.describe('a hostile book', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/publications/truyen-kieu/file', (route) =>
      route.fulfill({ status: 200, contentType: 'application/epub+zip', body: HOSTILE_EPUB }),
    );
  });

  test('runs nothing, fetches nothing from outside and opens no link that leaves it', async ({ page }, info) => {
    await page.goto('/#/read/truyen-kieu');
    await expectBookText(page, 'Văn bản an toàn.');
    await expect(page.locator(IFRAME)).toHaveAttribute('sandbox', 'allow-same-origin');
    expect(await bookText(page)).toContain('Nội dung thay thế.');
    const title = await page.title();
    expect(title).not.toBe('pwned');
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();

    const pageUrl = page.url();
    for (const id of ['js', 'tab', 'mail', 'tel', 'send']) {
      await tap(page, { css: `#${id}` });
      await expect(page.getByTestId('reader-link-dialog')).toBeHidden();
    }
    expect(page.url()).toBe(pageUrl);
    expect((await bookFrame(page)).url()).toBe('about:srcdoc');

    await tap(page, { css: '#web' });
    await expect(page.getByTestId('reader-link-url')).toHaveText('https://example.org/luat?x=1');
    await page.screenshot({ path: info.outputPath('hostile-link-qr.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('reader-link-dialog')).toBeHidden();
    expect(page.url()).toBe(pageUrl);

    await page.getByTestId('epub-tool-toc').click();
    // The contents entry with a javascript: link is not offered at all.
    await expect(page.getByTestId('epub-panel-toc').getByRole('navigation').getByRole('button')).toHaveText(['Chương một', 'Chương hai']);
    await page.getByTestId('epub-panel-toc').getByRole('button', { name: 'Chương một' }).click();
    await expectBookText(page, 'Văn bản an toàn.');
    await tap(page, { css: '#next' });
    await expectBookText(page, 'Đã sang chương hai.');
    expect(page.url()).toBe(pageUrl);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    expect(page.frames()).toHaveLength(2);
  });

  test('a book that cannot be opened says so plainly and offers the way back', async ({ page }, info) => {
    await page.unroute('**/publications/truyen-kieu/file');
    await page.route('**/publications/truyen-kieu/file', (route) =>
      route.fulfill({ status: 200, contentType: 'application/epub+zip', body: Buffer.from('this is not a zip file at all') }),
    );
    await page.goto('/#/read/truyen-kieu');
    await expect(page.getByRole('alert')).toContainText('Không mở được sách này');
    await expect(page.getByRole('alert')).toContainText('Truyện Kiều');
    await page.screenshot({ path: info.outputPath('open-failed.png') });
    await page.getByRole('link', { name: 'Quay lại trang thông tin sách' }).click();
    await expect(page).toHaveURL(/#\/publications\/truyen-kieu$/);
  });
});

test('Truyện Kiều (demo) opens and turns pages', async ({ page }) => {
  await page.goto('/#/read/truyen-kieu');
  await expect(page.getByRole('heading', { level: 1, name: /Truyện Kiều/ })).toBeVisible();
  await expect.poll(async () => (await bookText(page)).length, { timeout: 15_000 }).toBeGreaterThan(50);
  await page.getByTestId('epub-next').click();
  await expect(page.getByTestId('epub-progress')).toContainText(/Trang \d+\/\d+/);
});

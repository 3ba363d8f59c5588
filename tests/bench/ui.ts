/**
 * UI figures in Debian's Chromium (playwright-core, /usr/bin/chromium), against a station
 * started in this process on a fresh library: the demo set plus the corpora's 343-page gazette
 * PDF (5/VBHN-BTC) through the real importer, serving the built UI (BOOKSHELF_RENDERER_DIR,
 * default dist/renderer). Each figure has a baseline from the same run:
 *
 * - cold start to an interactive home (search box ready, home content loaded), each sample in a
 *   fresh browser context — baseline: the same index.html with JavaScript off (HTML + CSS only);
 * - click "Đọc" on the gazette's page, then on the 45-page law's, a second after the page shows
 *   (as a resident reads it first: the reader readies itself meanwhile) → its first page drawn
 *   (a canvas in page 1) — baseline: fetching the PDF's first 64 KB from the same page; and where
 *   that time went (the reader's performance marks: start, structure, page 1's objects, drawing,
 *   the frame showing it; the file's requests; whether page 1 was drawn ahead before the click),
 *   each phase's median over the opens;
 * - page turn (next-page button → the next page drawn and current), at reading pace (a pause
 *   before each turn) and back to back (each press as soon as the button counts one again:
 *   shared/steady.ts) — baseline: one animation frame after a click on the same button's
 *   neighbour (the input → paint floor);
 * - typing in the search box → suggestions updated, p95 over ~50 keystrokes — baseline: the
 *   suggest API call alone for the same prefixes, from the same page;
 * - JS heap after reading 150 pages (CDP Runtime.getHeapUsage after a forced GC) — baseline:
 *   the home page's heap.
 *
 * Skips with one visible line when Chromium, the built UI or the corpora are missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { importFiles } from '../../catalog/import/importer.js';
import { loadDemoIfEmpty } from '../../catalog/demo.js';
import { Library } from '../../catalog/library.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { startStation } from '../../catalog/station.js';
import { corpus, corpusFile } from '../helpers/corpora.js';
import { OPEN_MARKS } from '../../renderer/src/reader/pdf/open-marks.js';
import { REPEAT_MS } from '../../renderer/src/reader/shared/steady.js';

export type Row = [string, string, string];

// The functions given to page.evaluate run in Chromium; this file is type-checked for Node, so
// the few DOM globals they use are named here (module scope: nothing leaks into other files).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any, MutationObserver: any;
declare function requestAnimationFrame(callback: () => void): number;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GAZETTE = 'pdf/vn-congbao/van-ban-hop-nhat-so-5-vbhn-btc-469151.pdf';
const TARGETS = { coldStartMs: 1500, firstPageMs: 1000, firstPageLawMs: 500, pageTurnMs: 150, suggestP95Ms: 100, heapMB: 300 };
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Words a resident types, one key at a time (57 keystrokes). */
const TYPED = ['luat nguoi lao dong', 'bao hiem xa hoi', '69/2020', 'hon nhan gia'];

/** A context with tsx's `__name` helper defined (esbuild keepNames wraps named inner functions of evaluated code in it). */
async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', ...options });
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { n: samples.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const fmt = (s: { p50: number; p95: number; max: number }) => `p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`;
const verdict = (value: number, target: number, unit = 'ms') => `${value <= target ? '✓' : '✗'} target ≤ ${target} ${unit}`;

async function interactiveHome(page: Page): Promise<void> {
  await page.getByTestId('search-input').first().waitFor({ state: 'visible' });
  // Home content from the engine (lists, fields) and the footer's library.info answered.
  await page.locator('.library-name').waitFor({ state: 'visible' });
}

/** The 45-page law of the demo set, the second document whose first page is timed. */
const LAW = 'luat-so-69-2020-qh14-32699';
/** How long a resident looks at a publication's page before pressing "Đọc" (the reader readies itself meanwhile). */
const LOOKING_PAUSE_MS = 1000;

/** Opens a publication's page in a fresh tab and clicks "Đọc"; answers ms from click to page 1 drawn. */
async function openReader(browser: Browser, base: string, id: string): Promise<{ page: Page; ms: number; rangeMs: number; viewerMs: number; split: OpenSplit | null }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/#/publications/${encodeURIComponent(id)}`);
  const read = page.getByRole('link', { name: 'Đọc', exact: true });
  await read.waitFor({ state: 'visible' });
  const rangeMs = await page.evaluate(async (url) => {
    const start = performance.now();
    const response = await fetch(url, { headers: { Range: 'bytes=0-65535' } });
    await response.arrayBuffer();
    return performance.now() - start;
  }, `${base}/publications/${encodeURIComponent(id)}/file`);
  await page.waitForTimeout(LOOKING_PAUSE_MS);
  await page.evaluate(() => {
    const link = [...document.querySelectorAll('a')].find((a: { textContent: string | null }) => a.textContent?.trim() === 'Đọc')!;
    (window as unknown as { benchStart: number }).benchStart = performance.now();
    link.click();
  });
  const handle = await page.waitForFunction(
    () => {
      const canvas = document.querySelector('[data-testid="pdf-reader"] .page[data-page-number="1"] canvas');
      return canvas ? performance.now() - (window as unknown as { benchStart: number }).benchStart : false;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  // The reader's own figure (PdfReader.tsx): from the viewer's start to page 1's pagerendered.
  const reader = page.getByTestId('pdf-reader');
  await reader.and(page.locator('[data-first-page-ms]')).waitFor({ timeout: 10_000 }).catch(() => undefined);
  const viewerMs = Number((await reader.getAttribute('data-first-page-ms')) ?? Number.NaN);
  return { page, ms, rangeMs, viewerMs, split: await openSplit(page, ms) };
}

/** Where the time to page 1 went (renderer/src/reader/pdf/open-marks.ts), and the file's requests before it. */
interface OpenSplit {
  /** Click → the reader starts opening the file (route, pdf.js chunk, React). */
  startMs: number;
  /** → the document's structure fetched and parsed (cross-reference, page tree). */
  documentMs: number;
  /** → page 1's objects. */
  pageMs: number;
  /** → page 1 drawn (content, fonts, pixels). */
  drawMs: number;
  /** → the first frame with it (the bench sees its canvas; the main thread may be busy with the text layer, page 2…). */
  screenMs: number;
  /** Requests for the file before page 1 was drawn, their bytes, and the time at least one was in flight. */
  requests: number;
  kilobytes: number;
  fetchMs: number;
  /** 1 when page 1 had been drawn ahead (draw-ahead.ts) before the click, else 0 (in the median split: how many opens). */
  drawnAhead: number;
}

/** Null for a build whose reader sets no marks. */
async function openSplit(page: Page, ms: number): Promise<OpenSplit | null> {
  const marked = await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, OPEN_MARKS.drawn, { timeout: 10_000 }).then(() => true, () => false);
  if (!marked) return null;
  return page.evaluate(({ marks, ms }) => {
    const at = (name: string) => performance.getEntriesByName(name).at(-1)!.startTime;
    const start = (window as unknown as { benchStart: number }).benchStart;
    const drawn = at(marks.drawn);
    const file = (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number; transferSize: number }[])
      .filter((entry) => /\/file$/.test(entry.name) && entry.startTime >= start && entry.startTime <= drawn);
    let fetchMs = 0;
    let until = 0;
    for (const entry of [...file].sort((a, b) => a.startTime - b.startTime)) {
      fetchMs += Math.max(0, entry.responseEnd - Math.max(entry.startTime, until));
      until = Math.max(until, entry.responseEnd);
    }
    return {
      startMs: at(marks.open) - start,
      documentMs: at(marks.document) - at(marks.open),
      pageMs: at(marks.page) - at(marks.document),
      drawMs: drawn - at(marks.page),
      screenMs: ms - (drawn - start),
      requests: file.length,
      kilobytes: file.reduce((sum, entry) => sum + entry.transferSize, 0) / 1024,
      fetchMs,
      drawnAhead: performance.getEntriesByName(marks.drawnAhead).some((entry) => entry.startTime < start) ? 1 : 0,
    };
  }, { marks: OPEN_MARKS, ms });
}

/** Each phase's median over the opens (null when the build sets no marks). */
function medianSplit(splits: (OpenSplit | null)[]): OpenSplit | null {
  const all = splits.filter((s): s is OpenSplit => s !== null);
  if (all.length === 0) return null;
  const median = (key: keyof OpenSplit) => stats(all.map((s) => s[key])).p50;
  return {
    startMs: median('startMs'),
    documentMs: median('documentMs'),
    pageMs: median('pageMs'),
    drawMs: median('drawMs'),
    screenMs: median('screenMs'),
    requests: median('requests'),
    kilobytes: median('kilobytes'),
    fetchMs: median('fetchMs'),
    drawnAhead: all.reduce((sum, s) => sum + s.drawnAhead, 0),
  };
}

const formatSplit = (s: OpenSplit | null, opens: number) =>
  !s ? 'no marks in this build' : `start ${s.startMs.toFixed(0)} + structure ${s.documentMs.toFixed(0)} + page 1 objects ${s.pageMs.toFixed(0)} + draw ${s.drawMs.toFixed(0)} + to the screen ${s.screenMs.toFixed(0)} ms; ` +
  `${s.requests} requests, ${s.kilobytes.toFixed(0)} KB, ${s.fetchMs.toFixed(0)} ms in flight; page 1 drawn ahead before the click in ${s.drawnAhead} of ${opens}`;

/** Presses the next-page button; answers ms until that page is current and drawn. */
/** How long a reader looks at a page before turning it, in the paced page-turn figure. */
const READING_PAUSE_MS = 600;

async function turnPage(page: Page): Promise<number> {
  const handle = await page.evaluateHandle(() => {
    const reader = document.querySelector('[data-testid="pdf-reader"]')!;
    const target = Number(reader.dataset.page) + 1;
    const start = performance.now();
    document.querySelector('[data-testid="pdf-next"]')!.click();
    return new Promise<number>((resolve, reject) => {
      const deadline = start + 10_000;
      const check = () => {
        const drawn = document.querySelector(`.page[data-page-number="${target}"] canvas`);
        if (Number(reader.dataset.page) === target && drawn) resolve(performance.now() - start);
        else if (performance.now() > deadline) reject(new Error(`page ${target} not drawn in 10 s`));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  });
  return (await handle.jsonValue()) as number;
}

/** A click on a control that does nothing visible, then the next frame: the floor of any UI response. */
async function frameFloor(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        document.querySelector('[data-testid="pdf-container"]')?.click();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
      }),
  );
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  await cdp.detach();
  return usage.usedSize / 1024 / 1024;
}

/** What the JS heap does not show: the pixels of the canvases still in the page (4 bytes each). */
async function canvasMB(page: Page): Promise<{ canvases: number; mb: number }> {
  return page.evaluate(() => {
    const canvases: { width: number; height: number }[] = [...document.querySelectorAll('canvas')];
    return { canvases: canvases.length, mb: canvases.reduce((sum, c) => sum + c.width * c.height * 4, 0) / 1024 / 1024 };
  });
}

export async function benchUi(): Promise<{ rows: Row[]; json: Record<string, unknown> } | null> {
  const rendererDir = path.resolve(process.env.BOOKSHELF_RENDERER_DIR ?? path.join(PACKAGE_ROOT, 'dist', 'renderer'));
  const missing = !fs.existsSync(CHROMIUM)
    ? `${CHROMIUM} not found (install the Debian package "chromium")`
    : !fs.existsSync(path.join(rendererDir, 'index.html'))
      ? `the UI is not built in ${rendererDir} (npm run build)`
      : !fs.existsSync(corpus(GAZETTE))
        ? `${corpus(GAZETTE)} not found (the reader figures use this 343-page gazette PDF)`
        : null;
  if (missing) {
    console.log(`⚠ UI benchmarks skipped: ${missing}.`);
    return null;
  }

  const libraryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-ui-'));
  const library = await Library.open(libraryDir);
  await loadDemoIfEmpty(library);
  const imported = await importFiles(library, [corpusFile(GAZETTE)]);
  library.close();
  const id = imported.imported[0]?.id;
  if (!id) throw new Error(`importing the gazette failed: ${JSON.stringify(imported.refused)}`);
  const station = await startStation({ libraryDir, host: '127.0.0.1', port: 0, demo: false, rendererDir });
  const base = station.server.url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const rows: Row[] = [];
  const json: Record<string, unknown> = { targets: TARGETS };
  try {
    // 1. Cold start: each sample a fresh context (empty cache), navigation to interactive home.
    const cold: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await newContext(browser);
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${base}/?kiosk=1`, { waitUntil: 'commit' });
      await interactiveHome(page);
      cold.push(performance.now() - start);
      await context.close();
      const noJs = await newContext(browser, { javaScriptEnabled: false });
      const plain = await noJs.newPage();
      const startPlain = performance.now();
      await plain.goto(`${base}/?kiosk=1`, { waitUntil: 'load' });
      blank.push(performance.now() - startPlain);
      await noJs.close();
    }
    const coldStats = stats(cold);
    const blankStats = stats(blank);
    json.coldStart = { ...coldStats, baseline: blankStats };
    rows.push([
      'UI cold start → interactive home (5 fresh contexts)',
      `${fmt(coldStats)} (${verdict(coldStats.p50, TARGETS.coldStartMs)})`,
      `same index.html, JavaScript off: ${fmt(blankStats)}`,
    ]);

    // 2. "Đọc" on the gazette, then on the 45-page law → first page drawn (each open a fresh tab:
    // the first also loads the HTTP cache with the reader's chunk and pdf.js's worker).
    let reader: Page | null = null;
    const documents = [
      { key: 'firstPage', id, label: '343-page gazette', target: TARGETS.firstPageMs },
      { key: 'firstPageLaw', id: LAW, label: '45-page law', target: TARGETS.firstPageLawMs },
    ];
    for (const [index, doc] of documents.entries()) {
      const opens: number[] = [];
      const ranges: number[] = [];
      const viewer: number[] = [];
      const splits: (OpenSplit | null)[] = [];
      for (let i = 0; i < 4; i++) {
        // One reader at a time: a previous tab would still be fetching the rest of the PDF.
        if (reader) await reader.context().close();
        const opened = await openReader(browser, base, doc.id);
        opens.push(opened.ms);
        ranges.push(opened.rangeMs);
        viewer.push(opened.viewerMs);
        splits.push(opened.split);
        reader = opened.page;
      }
      // The page turns below read the gazette: the law's tab is closed, the gazette opened again.
      if (index > 0 && reader) {
        await reader.context().close();
        reader = (await openReader(browser, base, id)).page;
      }
      const openStats = stats(opens);
      const split = medianSplit(splits);
      json[doc.key] = { samples: opens, viewerToFirstPageRendered: viewer, splits, medianSplit: split, ...openStats, baselineRange64KB: stats(ranges) };
      rows.push([
        `click "Đọc" (after ${LOOKING_PAUSE_MS / 1000} s on its page) → page 1 of the ${doc.label} drawn`,
        `first ${opens[0].toFixed(0)} ms, then ${fmt(stats(opens.slice(1)))} (${verdict(openStats.max, doc.target)}); of which pdf.js viewer start → page 1 rendered: ${viewer.map((v) => v.toFixed(0)).join(', ')} ms`,
        `fetch of its first 64 KB: ${fmt(stats(ranges))}`,
      ]);
      rows.push(['  of which (median of the 4 opens): start, fetch and parse, draw', formatSplit(split, splits.length), `fetch of its first 64 KB: p50 ${stats(ranges).p50.toFixed(0)} ms`]);
      // Printed at once too: the page-turn figures below can stop a run on a loaded machine.
      for (const row of rows.slice(-2)) console.log(row.join(' | '));
    }

    // 3. Page turns, then 4. heap after reading 150 pages in that same tab.
    const page = reader!;
    const mode = await page.getByTestId('pdf-reader').getAttribute('data-mode');
    // At reading pace (a pause before each turn, as a reader looks at the page: the viewer draws
    // the next page ahead), then as fast as the button can be pressed (nothing drawn ahead).
    const paced: number[] = [];
    const turns: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(READING_PAUSE_MS);
      paced.push(await turnPage(page));
    }
    for (let i = 0; i < 100; i++) {
      // As soon as the button counts a press again (a second one within REPEAT_MS of the last is a double tap).
      await page.waitForTimeout(Math.max(0, REPEAT_MS + 5 - (turns.at(-1) ?? paced.at(-1) ?? 0)));
      turns.push(await turnPage(page));
      if (i % 5 === 0) floors.push(await frameFloor(page));
    }
    const pacedStats = stats(paced);
    const turnStats = stats(turns);
    json.pageTurn = { mode, readingPace: { pauseMs: READING_PAUSE_MS, ...pacedStats }, backToBack: turnStats, baselineFrame: stats(floors) };
    rows.push([
      `page turn (${mode ?? 'default'} mode), 50 turns ${READING_PAUSE_MS} ms apart`,
      `${fmt(pacedStats)} (${verdict(pacedStats.p95, TARGETS.pageTurnMs)} p95); 100 turns as fast as the button takes them (${REPEAT_MS} ms apart): ${fmt(turnStats)}`,
      `a click then the next frames: ${fmt(stats(floors))}`,
    ]);
    const readerHeap = await heapMB(page);
    const pixels = await canvasMB(page);
    const homeContext = await newContext(browser);
    const home = await homeContext.newPage();
    await home.goto(`${base}/`);
    await interactiveHome(home);
    const homeHeap = await heapMB(home);
    json.heap = { afterHundredPagesMB: readerHeap, homeMB: homeHeap, canvases: pixels.canvases, canvasMB: pixels.mb };
    rows.push([
      'JS heap after reading 150 pages of the gazette (main thread)',
      `${readerHeap.toFixed(1)} MB (${verdict(readerHeap, TARGETS.heapMB, 'MB')}); canvases kept: ${pixels.canvases}, ${pixels.mb.toFixed(0)} MB of pixels`,
      `home page: ${homeHeap.toFixed(1)} MB`,
    ]);

    // 5. Typeahead: one key at a time in the home search box, until the suggestions change.
    await home.evaluate(() => {
      const w = window as unknown as { keyAt: number; changedAt: number };
      w.keyAt = 0;
      w.changedAt = 0;
      document.addEventListener('keydown', () => (w.keyAt = performance.now()), true);
      new MutationObserver(() => {
        const list = document.querySelector('[data-testid="suggestions"]');
        if (list && !list.hidden && list.querySelector('[data-testid="suggestion"]')) w.changedAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
    });
    const input = home.getByTestId('search-input').first();
    const typed: number[] = [];
    let unanswered = 0;
    const prefixes: string[] = [];
    for (const words of TYPED) {
      await input.fill('');
      await input.focus();
      for (let i = 0; i < words.length; i++) {
        prefixes.push(words.slice(0, i + 1));
        await home.keyboard.type(words[i]);
        const handle = await home
          .waitForFunction(
            () => {
              const w = window as unknown as { keyAt: number; changedAt: number };
              return w.changedAt > w.keyAt ? w.changedAt - w.keyAt : false;
            },
            undefined,
            { polling: 'raf', timeout: 2_000 },
          )
          .catch(() => null);
        if (handle) typed.push((await handle.jsonValue()) as number);
        else unanswered++;
        await home.waitForTimeout(30);
      }
    }
    const api = await home.evaluate(async (list) => {
      const times: number[] = [];
      for (const q of list) {
        const start = performance.now();
        const response = await fetch('/api/suggest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q, limit: 8 }) });
        await response.json();
        times.push(performance.now() - start);
      }
      return times;
    }, prefixes);
    await homeContext.close();
    const typedStats = stats(typed.length > 0 ? typed : [Number.NaN]);
    json.typeahead = { keystrokes: prefixes.length, answered: typed.length, unanswered, ...typedStats, baselineApi: stats(api) };
    rows.push([
      `typing → suggestions shown, ${prefixes.length} keystrokes${unanswered ? ` (${unanswered} with no change in 2 s)` : ''}`,
      `${fmt(typedStats)} (${verdict(typedStats.p95, TARGETS.suggestP95Ms)} p95)`,
      `suggest API call alone: ${fmt(stats(api))}`,
    ]);
    await page.context().close();
  } finally {
    await browser.close();
    await station.close();
    fs.rmSync(libraryDir, { recursive: true, force: true });
  }
  return { rows, json };
}

// `tsx tests/bench/ui.ts` runs this part alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const result = await benchUi();
  if (result) {
    const width = Math.max(...result.rows.map((r) => r[0].length));
    for (const [name, value, baseline] of result.rows) console.log(`${name.padEnd(width)} | ${value} | ${baseline}`);
    console.log(JSON.stringify(result.json, null, 2));
  }
}

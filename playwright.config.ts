/**
 * Playwright: the renderer end to end in Debian's Chromium, through the HTTP transport. The
 * global setup builds the e2e library once (the demo set plus corpora documents,
 * tests/e2e/support/e2e-library.ts); each spec file that uses tests/e2e/support/station.ts gets
 * a station of its own on a copy of it, on a free port, as its baseURL — no spec sees another's
 * changes. BOOKSHELF_RENDERER_DIR and E2E_OUTPUT_DIR let runs go side by side. Without
 * /usr/bin/chromium the browser tests skip with a message naming the package, except under CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const rendererDir = process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer';
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  throw new Error('The UI is not built: run `npm run build` before `npx playwright test` (npm test does both).');
}
if (!fs.existsSync(CHROMIUM)) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install the Debian package "chromium".`);
  console.warn(`⚠ Browser tests skipped: ${CHROMIUM} not found — install the Debian package "chromium" (apt-get install chromium).`);
}

const launchOptions = {
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export default defineConfig({
  testDir: 'tests/e2e',
  // E2E_OUTPUT_DIR keeps side-by-side runs from wiping each other's artifacts (Playwright empties it first).
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  // Limits on how long a test may take on a busy machine, not speed claims (those are in `npm run bench`).
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './tests/e2e/support/global-setup.ts',
  use: {
    locale: 'vi-VN',
    launchOptions,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'kiosk', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, testMatch: /served\.spec\.ts/ },
  ],
});

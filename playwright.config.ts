/**
 * Playwright: the renderer end to end in Debian's Chromium, through the HTTP transport, against
 * a station on a fresh temporary library: the demo set plus corpora documents
 * (tests/e2e/support/serve-e2e.ts). E2E_PORT, BOOKSHELF_RENDERER_DIR and E2E_OUTPUT_DIR let runs go side by side. Without
 * /usr/bin/chromium the browser tests skip with a message naming the package, except under CI.
 * Without E2E_PORT the station takes 4790, or a free port when 4790 is in use.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The test station's port when E2E_PORT is not set. */
const DEFAULT_PORT = 4790;

/**
 * DEFAULT_PORT when 127.0.0.1 can bind it now, else a port the OS gives (said on the console):
 * another program on 4790 would otherwise stop the run with "already used". Checked in a child
 * process because the config is read synchronously.
 */
function freeTestPort(): number {
  const probe = `const net = require('node:net');
const take = (port, next) => { const s = net.createServer(); s.once('error', next); s.listen(port, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); }); };
take(${DEFAULT_PORT}, () => take(0, (e) => { throw e; }));`;
  const found = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 10_000 });
  const port = Number(found.stdout);
  if (found.status !== 0 || !Number.isInteger(port) || port <= 0) throw new Error(`No free port for the test station: ${found.stderr || found.error?.message}`);
  if (port !== DEFAULT_PORT) console.warn(`⚠ Port ${DEFAULT_PORT} is in use: the test station listens on ${port} (set E2E_PORT to choose).`);
  return port;
}

// Chosen once in the runner's process; its workers inherit E2E_PORT and agree on the address.
if (!process.env.E2E_PORT) process.env.E2E_PORT = String(freeTestPort());
const PORT = Number(process.env.E2E_PORT);
const library = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-e2e-'));
// The desk's scanners (tests/e2e/desk.spec.ts): the SANE test backend from a copy of its
// configuration, which the spec may change to simulate a fault, and a watched folder. Set once in
// the runner's process; workers inherit the same paths.
process.env.E2E_SANE_CONFIG_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-e2e-sane-'));
process.env.E2E_SCAN_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-e2e-scans-'));
const saneConfig = path.resolve(import.meta.dirname, '../shared/corpora/scanner/sane-config');
if (fs.existsSync(saneConfig) && !fs.existsSync(path.join(process.env.E2E_SANE_CONFIG_DIR, 'test.conf'))) {
  for (const name of fs.readdirSync(saneConfig)) fs.writeFileSync(path.join(process.env.E2E_SANE_CONFIG_DIR, name), fs.readFileSync(path.join(saneConfig, name)));
}

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
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'vi-VN',
    launchOptions,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'kiosk', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, testMatch: /served\.spec\.ts/ },
  ],
  webServer: {
    command: `node --import tsx tests/e2e/support/serve-e2e.ts "${library}" ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    env: { SANE_CONFIG_DIR: process.env.E2E_SANE_CONFIG_DIR, BOOKSHELF_SCAN_FOLDERS: process.env.E2E_SCAN_FOLDER },
  },
});

/**
 * The desktop app itself, where the Electron binary exists (it cannot be downloaded on the
 * project's build machines, so there this test is skipped and says why).
 */
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronRuntime } from '../../catalog/cli/electron-runtime.js';
import { say } from '../../shared/messages.js';
import { tempDirs } from './support/temp-dirs.js';

const runtime = findElectronRuntime();
const mainScript = path.resolve('dist/app/electron/main.js');

const SKIP_REASON = runtime.available ? '' : `Electron app test skipped: ${say('en', runtime.reason)} (the binary comes from GitHub)`;
if (SKIP_REASON) console.warn(`⚠ ${SKIP_REASON}`);
test.skip(!runtime.available, SKIP_REASON);
const temp = tempDirs(test);

test('the desktop app opens the demo library through IPC, locked down', async () => {
  expect(fs.existsSync(mainScript), 'npm run build first').toBe(true);
  const library = temp('bookshelf-electron-');
  const app = await electron.launch({ args: [path.resolve('.'), '--library', library] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText('Có 38 văn bản và sách')).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/bookshelf\//);
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as unknown as { bookshelf: object }).bookshelf).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', api: ['library.info', 'publications.get', 'publications.list'] });
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

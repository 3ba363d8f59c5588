/**
 * The desktop app itself, where the Electron binary exists (it cannot be downloaded on the
 * project's build machines, so there this test is skipped and says why). What it expects comes
 * from the code at test time: the bridge's methods from the contract (the preload's own list) and
 * the number of publications from the demo set's manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronRuntime } from '../../catalog/cli/electron-runtime.js';
import { DEMO_DIR } from '../../catalog/package-root.js';
import { METHOD_NAMES } from '../../shared/contract.js';
import { say } from '../../shared/messages.js';
import { formatCount } from '../../renderer/src/format.js';
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
  const demoCount = (JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'manifest.json'), 'utf8')) as { publications: unknown[] }).publications.length;
  expect(demoCount).toBeGreaterThan(0);
  const app = await electron.launch({ args: [path.resolve('.'), '--library', library] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText(say('vi', { key: 'home.allLink', params: { count: formatCount('vi', demoCount) } }))).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/bookshelf\//);
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as unknown as { bookshelf: object }).bookshelf).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', api: [...METHOD_NAMES].sort() });
    // Through the bridge, the library holds the demo set and nothing else.
    const info = await window.evaluate(() => (globalThis as unknown as { bookshelf: Record<string, () => Promise<unknown>> }).bookshelf['library.info']());
    expect(info).toMatchObject({ ok: true, result: { publications: demoCount } });
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

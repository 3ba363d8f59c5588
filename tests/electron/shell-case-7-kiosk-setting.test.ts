/**
 * Shell case 7, set by the station rather than the command line: with the library's kiosk
 * setting on (`bookshelf kiosk --on`), electron/main.ts starts locked down without --kiosk —
 * kiosk window options, no application menu, the kiosk home (?kiosk=1).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_HOME_URL } from '../../electron/app-origin.js';
import { Library } from '../../catalog/library.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  loaded: string[];
  options: { kiosk?: boolean };
}

let tmp: string;
let window: FakeWindow;
const argv = process.argv;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bookshelf-kiosk-setting-'));
  const library = await Library.open(tmp);
  library.updateKioskSettings({ enabled: true });
  library.close();
  vi.stubEnv('BOOKSHELF_HOME', tmp);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  process.argv = [...argv, '--no-demo'];
  const electron = (await import('electron')) as unknown as { markReady(): void };
  await import('../../electron/main.js');
  electron.markReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
  window = fake.windows[0] as FakeWindow;
}, 30_000);

afterAll(async () => {
  process.argv = argv;
  const electron = (await import('electron')) as unknown as { app: EventEmitter };
  electron.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(fake.calls).toContain('quit'));
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('shell case 7: the kiosk setting', () => {
  it('starts as a kiosk without --kiosk: kiosk window, no menu, the kiosk home', () => {
    expect(window.options.kiosk).toBe(true);
    expect(fake.calls).toContain('setApplicationMenu');
    expect(window.loaded).toEqual([KIOSK_HOME_URL]);
  });
});

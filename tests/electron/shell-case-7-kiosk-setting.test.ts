/**
 * Shell case 7, set by the station rather than the command line: with the library's kiosk
 * setting on (`bookshelf kiosk --on`), electron/main.ts starts locked down without --kiosk —
 * kiosk window options, no application menu, the kiosk home (?kiosk=1).
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_HOME_URL } from '../../electron/app-origin.js';
import { openTestLibrary } from '../helpers/temp-library.js';
import { fake } from './fake-electron.js';
import { quitMain, startMain } from './run-main.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  loaded: string[];
  options: { kiosk?: boolean };
}

let window: FakeWindow;

beforeAll(async () => {
  window = (await startMain(['--no-demo'], async (dir) => {
    (await openTestLibrary(dir)).updateKioskSettings({ enabled: true });
  })) as FakeWindow;
});

afterAll(() => quitMain());

describe('shell case 7: the kiosk setting', () => {
  it('starts as a kiosk without --kiosk: kiosk window, no menu, the kiosk home', () => {
    expect(window.options.kiosk).toBe(true);
    expect(fake.calls).toContain('setApplicationMenu');
    expect(window.loaded).toEqual([KIOSK_HOME_URL]);
  });
});

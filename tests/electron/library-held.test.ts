/**
 * Issue 18: a kiosk whose library folder another program holds (`bookshelf sync` run by an
 * official, the app in a second Windows session) must not exit — Shell Launcher would start it
 * again and again. electron/main.ts, against the stand-in `electron` module, shows a page naming
 * the holder in a locked kiosk window, keeps trying, and opens the app once the holder lets go.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_HOME_URL } from '../../electron/app-origin.js';
import { Library } from '../../catalog/library.js';
import { lockPath } from '../../catalog/library-lock.js';
import { translate } from '../../shared/messages.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fake } from './fake-electron.js';
import { quitMain } from './run-main.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

interface FakeWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions;
  loaded: string[];
  destroyed: boolean;
}

const argv = process.argv;

afterAll(() => quitMain());

describe('a library folder held by another program', () => {
  it('waits on a page naming the holder, without exiting, then opens the kiosk when it is free', async () => {
    const dir = tempDir('bookshelf-held-');
    const holder = await Library.open(dir, { writer: 'sync' });
    vi.stubEnv('BOOKSHELF_HOME', dir);
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    process.argv = [...argv, '--kiosk', '--no-demo'];
    const electron = (await import('electron')) as unknown as { markReady(): void; app: EventEmitter };
    await import('../../electron/main.js');
    electron.markReady();

    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
    const waiting = fake.windows[0] as FakeWindow;
    expect(waiting.loaded).toHaveLength(1);
    const page = decodeURIComponent(waiting.loaded[0].replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(waiting.loaded[0].startsWith('data:text/html')).toBe(true);
    const words = translate('vi', 'library.waiting', { dir, program: 'sync', pid: process.pid, since: (JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')) as { since: string }).since });
    expect(page).toContain(words.replace(/&/g, '&#38;'));
    expect(page).toContain("default-src 'none'"); // no script can run on it
    expect(waiting.options.webPreferences?.preload).toBeUndefined();
    // A kiosk's waiting page is as locked as the kiosk: full screen, a close vetoed.
    expect(waiting.options).toMatchObject({ kiosk: true, closable: false });
    let vetoed = false;
    waiting.emit('close', { preventDefault: () => void (vetoed = true) });
    expect(vetoed).toBe(true);
    expect(fake.calls.some((call) => call.startsWith('exit'))).toBe(false);
    expect(logged.filter((line) => line.includes('library held by another program (sync'))).toHaveLength(1);

    holder.close();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2), { timeout: 60_000 });
    const main = fake.windows[1] as FakeWindow;
    expect(main.loaded).toEqual([KIOSK_HOME_URL]);
    // The waiting page stays until the app's window has painted over it.
    expect(waiting.destroyed).toBe(false);
    main.emit('ready-to-show');
    expect(waiting.destroyed).toBe(true);
    expect(fake.calls.some((call) => call.startsWith('exit'))).toBe(false);
  }, 40_000);
});

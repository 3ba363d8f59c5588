/**
 * README § Where data lives: the desktop app and the command line open the same library — the
 * same `--library`, BOOKSHELF_HOME, per-user folder rule. electron/main.ts runs against the
 * stand-in `electron` module with only XDG_DATA_HOME set (the per-user folder on Linux); it fills
 * the empty library with the demo set; after it quits, `bookshelf info` with the same environment
 * counts those documents, and `--library` points both at one folder the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fake } from './fake-electron.js';
import { quitMain } from './run-main.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

const argv = process.argv;

afterAll(() => quitMain());

describe('the desktop app and the command line', () => {
  it('open the same library from the same environment', { timeout: 120_000 }, async () => {
    const dataHome = tempDir('same-library-');
    vi.stubEnv('XDG_DATA_HOME', dataHome);
    vi.stubEnv('BOOKSHELF_HOME', undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    process.argv = [...argv];
    const electron = (await import('electron')) as unknown as { markReady(): void };
    await import('../../electron/main.js');
    electron.markReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
    await quitMain();

    const folder = path.join(dataHome, 'tu-sach-phap-luat');
    expect(fs.existsSync(path.join(folder, 'catalog.sqlite'))).toBe(true);
    const env = { XDG_DATA_HOME: dataHome, BOOKSHELF_HOME: '' };
    const info = runCli(['info', '--json'], { env });
    expect(info.status).toBe(0);
    const counts = JSON.parse(info.stdout) as { publications: number };
    expect(counts.publications).toBeGreaterThan(0); // the demo set the app put there
    expect(JSON.parse(runCli(['info', '--json'], { library: folder }).stdout)).toMatchObject({ publications: counts.publications });
  });
});

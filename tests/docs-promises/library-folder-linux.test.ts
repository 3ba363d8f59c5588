/**
 * README § Where data lives, on Linux: with neither `--library` nor `BOOKSHELF_HOME`, a library is
 * `$XDG_DATA_HOME/tu-sach-phap-luat`, usually `~/.local/share/tu-sach-phap-luat` — the rule the
 * CLI and the desktop app share (catalog/paths.ts). Checked in the function and by `bookshelf info`
 * making its library there. (Windows and macOS: library-folder-other-systems.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveLibraryDir } from '../../catalog/paths.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

afterEach(() => void vi.unstubAllEnvs());

describe.skipIf(process.platform !== 'linux')('the default library folder on Linux', () => {
  it('is $XDG_DATA_HOME/tu-sach-phap-luat, else ~/.local/share/tu-sach-phap-luat', () => {
    vi.stubEnv('XDG_DATA_HOME', '/srv/du-lieu');
    expect(resolveLibraryDir(undefined, {})).toBe('/srv/du-lieu/tu-sach-phap-luat');
    vi.stubEnv('XDG_DATA_HOME', undefined);
    expect(resolveLibraryDir(undefined, {})).toBe(path.join(os.homedir(), '.local', 'share', 'tu-sach-phap-luat'));
  });

  it('is where `bookshelf info` opens its library when nothing else is said', () => {
    const xdg = tempDir('xdg-data-');
    const result = runCli(['info', '--json'], { env: { XDG_DATA_HOME: xdg, BOOKSHELF_HOME: '' } });
    expect(result.status, result.stderr).toBe(0);
    expect(fs.existsSync(path.join(xdg, 'tu-sach-phap-luat', 'catalog.sqlite'))).toBe(true);
  });
});

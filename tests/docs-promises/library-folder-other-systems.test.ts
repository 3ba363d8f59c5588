/**
 * README § Where data lives, on Windows and macOS: `%LOCALAPPDATA%\tu-sach-phap-luat\Data` and
 * `~/Library/Application Support/tu-sach-phap-luat`. These systems cannot run here, so the
 * platform is set for the call only: what is checked is the rule catalog/paths.ts asks env-paths
 * for (the folder's name, no "-nodejs" suffix, the data folder); the separators are this host's.
 */
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveLibraryDir } from '../../catalog/paths.js';

const platform = Object.getOwnPropertyDescriptor(process, 'platform') as PropertyDescriptor;

/** Calls `body` with `process.platform` reading `name`. */
function as<T>(name: NodeJS.Platform, body: () => T): T {
  Object.defineProperty(process, 'platform', { ...platform, value: name });
  try {
    return body();
  } finally {
    Object.defineProperty(process, 'platform', platform);
  }
}

afterEach(() => void vi.unstubAllEnvs());

describe('the default library folder on other systems', () => {
  it('is %LOCALAPPDATA%\\tu-sach-phap-luat\\Data on Windows, else under the home folder', () => {
    vi.stubEnv('LOCALAPPDATA', 'C:\\Users\\xa\\AppData\\Local');
    expect(as('win32', () => resolveLibraryDir(undefined, {}))).toBe(path.join('C:\\Users\\xa\\AppData\\Local', 'tu-sach-phap-luat', 'Data'));
    vi.stubEnv('LOCALAPPDATA', undefined);
    expect(as('win32', () => resolveLibraryDir(undefined, {}))).toBe(path.join(os.homedir(), 'AppData', 'Local', 'tu-sach-phap-luat', 'Data'));
  });

  it('is ~/Library/Application Support/tu-sach-phap-luat on macOS', () => {
    expect(as('darwin', () => resolveLibraryDir(undefined, {}))).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'tu-sach-phap-luat'));
  });

  it('still prefers --library, then BOOKSHELF_HOME, there too', () => {
    expect(as('win32', () => resolveLibraryDir('thu-vien', { BOOKSHELF_HOME: '/srv/khac' }))).toBe(path.resolve('thu-vien'));
    expect(as('darwin', () => resolveLibraryDir(undefined, { BOOKSHELF_HOME: '/srv/khac' }))).toBe(path.resolve('/srv/khac'));
  });
});

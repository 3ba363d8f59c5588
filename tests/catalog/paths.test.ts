import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME, resolveLibraryDir } from '../../catalog/paths.js';

describe('library folder', () => {
  it('prefers --library, then BOOKSHELF_HOME, then the per-user app-data folder', () => {
    expect(resolveLibraryDir('rel/lib', { BOOKSHELF_HOME: '/elsewhere' })).toBe(path.resolve('rel/lib'));
    expect(resolveLibraryDir(undefined, { BOOKSHELF_HOME: '/srv/tu-sach' })).toBe(path.resolve('/srv/tu-sach'));
    const fallback = resolveLibraryDir(undefined, {});
    expect(fallback.startsWith(os.homedir()) || fallback.includes(APP_DIR_NAME)).toBe(true);
    expect(path.basename(fallback)).toBe(APP_DIR_NAME);
  });

  it('never defaults into the repository', () => {
    expect(resolveLibraryDir(undefined, {}).startsWith(path.resolve('.'))).toBe(false);
  });
});

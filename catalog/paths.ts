/**
 * Where a library lives: `--library DIR`, else `BOOKSHELF_HOME`, else the operating system's
 * per-user app-data folder. The Electron shell uses the same rule, so the app and the CLI
 * open the same library.
 */
import path from 'node:path';
import envPaths from 'env-paths';

export const APP_DIR_NAME = 'tu-sach-phap-luat';

export function resolveLibraryDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.BOOKSHELF_HOME) return path.resolve(env.BOOKSHELF_HOME);
  return envPaths(APP_DIR_NAME, { suffix: '' }).data;
}

/** Files inside a library directory. */
export function libraryLayout(dir: string) {
  return {
    dir,
    database: path.join(dir, 'catalog.sqlite'),
    files: path.join(dir, 'files'),
    temp: path.join(dir, 'files', 'tmp'),
    /** Downloads in progress: kept across restarts so a cut download resumes. */
    partial: path.join(dir, 'files', 'partial'),
    /** A station's copies of the feed's text objects (`texts/ab/abcdef…`), served on to neighbours. */
    texts: path.join(dir, 'texts'),
    textsTemp: path.join(dir, 'texts', 'tmp'),
  };
}
export type LibraryLayout = ReturnType<typeof libraryLayout>;

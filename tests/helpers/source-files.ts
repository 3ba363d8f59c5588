/** The repository's own source files under a folder (code of any kind, no build configs), as repository-relative paths. */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';

export function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(PACKAGE_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|mts|cts|mjs|js)$/.test(name) && !/\.config\.ts$/.test(name) && !name.includes('node_modules'))
    .map((name) => path.posix.join(dir, name.split(path.sep).join('/')));
}

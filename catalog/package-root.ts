/**
 * The installed package's root folder and version, found by walking up from this module, so
 * it works from the TypeScript sources, from compiled output and inside Electron's asar.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'tu-sach-phap-luat';

function findRoot(): { root: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // no package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${PACKAGE_NAME} not found above ${import.meta.url}`);
    dir = parent;
  }
}

const found = findRoot();
export const PACKAGE_ROOT = found.root;
export const APP_VERSION = found.version;

/** The built renderer (vite build output). */
export const RENDERER_DIR = path.join(PACKAGE_ROOT, 'dist', 'renderer');
/** The demo set shipped with the app. */
export const DEMO_DIR = path.join(PACKAGE_ROOT, 'catalog', 'demo');

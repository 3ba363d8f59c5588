// Bundles the sandboxed preload (electron/preload.ts) into one CommonJS file,
// dist/app/electron/preload.cjs, next to main.js. A sandboxed preload can require only
// `electron`, so the shared code it uses (the bridge) is bundled in and `electron` alone stays
// external. The contract's method names are written in at build time (METHOD_NAMES_GLOBAL): the
// contract itself, with zod and every schema, would otherwise ride along only for its keys. Runs
// after tsc in `npm run build:electron`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { METHOD_NAMES } from '../shared/contract.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PRELOAD_ENTRY = path.join(packageRoot, 'electron', 'preload.ts');
export const PRELOAD_OUT_DIR = path.join(packageRoot, 'dist', 'app', 'electron');
export const PRELOAD_FILE_NAME = 'preload.cjs';
/** The global electron/preload.ts reads the method names from, replaced by their list when bundled. */
export const METHOD_NAMES_GLOBAL = '__BOOKSHELF_METHOD_NAMES__';

export default defineConfig({
  root: packageRoot,
  publicDir: false,
  logLevel: 'warn',
  define: { [METHOD_NAMES_GLOBAL]: JSON.stringify(METHOD_NAMES) },
  build: {
    outDir: PRELOAD_OUT_DIR,
    // tsc has already written main.js and friends here.
    emptyOutDir: false,
    target: 'chrome142',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    lib: {
      entry: PRELOAD_ENTRY,
      formats: ['cjs'],
      fileName: () => PRELOAD_FILE_NAME,
    },
    rolldownOptions: {
      external: ['electron'],
      output: { codeSplitting: false },
    },
  },
});

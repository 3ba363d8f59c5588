// Bundles the sandboxed preload (electron/preload.ts) into one CommonJS file,
// dist/app/electron/preload.cjs, next to main.js. A sandboxed preload can require only
// `electron`, so the shared code it uses (the contract's method names, the bridge) is bundled
// in and `electron` alone stays external. Runs after tsc in `npm run build:electron`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PRELOAD_ENTRY = path.join(packageRoot, 'electron', 'preload.ts');
export const PRELOAD_OUT_DIR = path.join(packageRoot, 'dist', 'app', 'electron');
export const PRELOAD_FILE_NAME = 'preload.cjs';

export default defineConfig({
  root: packageRoot,
  publicDir: false,
  logLevel: 'warn',
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

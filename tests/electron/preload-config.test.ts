/**
 * electron/vite.preload.config.ts: the preload is built as one CommonJS file,
 * dist/app/electron/preload.cjs next to main.js, with only `electron` left external
 * (shell case 1 runs the bundle it produces).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserConfig } from 'vite';
import preloadConfig, { PRELOAD_ENTRY, PRELOAD_FILE_NAME, PRELOAD_OUT_DIR } from '../../electron/vite.preload.config.js';

const root = path.resolve(import.meta.dirname, '../..');
const config = preloadConfig as UserConfig;

describe('preload build config', () => {
  it('builds electron/preload.ts as CommonJS into dist/app/electron/preload.cjs', () => {
    const lib = config.build?.lib;
    expect(lib && lib.formats).toEqual(['cjs']);
    expect(lib && lib.entry).toBe(PRELOAD_ENTRY);
    expect(PRELOAD_ENTRY).toBe(path.join(root, 'electron', 'preload.ts'));
    expect(PRELOAD_OUT_DIR).toBe(path.join(root, 'dist', 'app', 'electron'));
    expect(config.build?.outDir).toBe(PRELOAD_OUT_DIR);
    const fileName = lib && lib.fileName;
    expect(typeof fileName === 'function' ? fileName('cjs', 'preload') : fileName).toBe(PRELOAD_FILE_NAME);
    expect(PRELOAD_FILE_NAME).toBe('preload.cjs');
  });

  it('keeps only electron external and does not wipe tsc output', () => {
    expect(config.build?.rolldownOptions?.external).toEqual(['electron']);
    expect(config.build?.emptyOutDir).toBe(false);
  });
});

/**
 * The rules of the electron/ folder, read from its sources: only main.ts (the entry), desktop-app.ts
 * (the wiring it loads) and preload.ts import the `electron` module at run time (everything else takes Electron objects as parameters and
 * imports types only, so it runs under plain Node and in these tests); the preload imports only
 * what its bundle can carry. That electron/ never reaches into renderer/ is the layer rule
 * (tests/layers.test.ts), whose import parser these checks share.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../helpers/layers.js';

const ELECTRON_DIR = path.resolve(import.meta.dirname, '../../electron');
const sources = fs
  .readdirSync(ELECTRON_DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: fs.readFileSync(path.join(ELECTRON_DIR, name), 'utf8') }));

describe('electron/ layering', () => {
  it('only main.ts, desktop-app.ts and preload.ts import electron at run time', () => {
    const runtime = sources.filter(({ text }) => importsOf(text).some((entry) => entry.specifier === 'electron' && !entry.typeOnly));
    expect(runtime.map(({ name }) => name).sort()).toEqual(['desktop-app.ts', 'main.ts', 'preload.ts']);
  });

  it('uses .js extensions on relative imports (NodeNext output)', () => {
    for (const { name, text } of sources) {
      for (const { specifier } of importsOf(text)) {
        if (specifier.startsWith('.')) expect(specifier, name).toMatch(/\.js$/);
      }
    }
  });

  it('the preload imports nothing from catalog/ (its bundle runs in the sandbox)', () => {
    const preload = sources.find(({ name }) => name === 'preload.ts');
    const bridge = sources.find(({ name }) => name === 'bridge.ts');
    for (const source of [preload, bridge]) {
      expect(source).toBeDefined();
      for (const { specifier } of importsOf(source!.text)) expect(specifier).not.toMatch(/catalog|node:/);
    }
  });
});

/**
 * Shell case 1 (shared/notes/security.md): an injected script probing `require`, `process` and
 * the bridge finds the first two undefined and only the contract's methods on the bridge (and the
 * kiosk's print alone on the shell's bridge, issue 18).
 * Checked on the window options, on createBridge, and on the real preload bundle, built with
 * its Vite config and run in an empty V8 context whose `require` knows only a fake `electron`
 * (the bundle holds the method names written in at build time, not the contract).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from 'vite';
import type { InlineConfig } from 'vite';
import { METHOD_NAMES } from '../../shared/contract.js';
import { createBridge } from '../../electron/bridge.js';
import { mainWindowOptions } from '../../electron/window-options.js';
import { translate } from '../../shared/messages.js';
import preloadConfig, { PRELOAD_FILE_NAME } from '../../electron/vite.preload.config.js';
import { tempDir } from '../helpers/temp-dir.js';

const FORBIDDEN_NAMES = ['require', 'process', 'ipcRenderer', 'invoke', 'send', 'on', 'electron', 'module', 'Buffer', 'global'];

describe('shell case 1: no Node in the renderer, only allow-listed bridge methods', () => {
  it('window options isolate and sandbox the renderer in every mode', () => {
    for (const kiosk of [false, true]) {
      for (const production of [false, true]) {
        const web = mainWindowOptions({ preload: '/app/dist/app/electron/preload.cjs', kiosk, production }).webPreferences;
        expect(web).toMatchObject({
          preload: '/app/dist/app/electron/preload.cjs',
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          spellcheck: false,
        });
        expect(web?.devTools).toBe(!production && !kiosk);
        expect(web).not.toHaveProperty('enableBlinkFeatures');
      }
    }
  });

  it('the bridge has exactly one function per contract method and nothing else', () => {
    const bridge = createBridge(async () => ({ ok: true, result: null }), METHOD_NAMES);
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof bridge[name]).toBe('function');
    for (const name of FORBIDDEN_NAMES) expect(name in bridge).toBe(false);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(() => {
      (bridge as Record<string, unknown>).require = () => undefined;
    }).toThrow(TypeError);
  });

  it('a bridge function forwards only its own channel, its input and a known language', async () => {
    const invoke = vi.fn(async () => ({ ok: true, result: 'ok' }));
    const bridge = createBridge(invoke, METHOD_NAMES);
    const call = bridge['library.info'] as (...args: unknown[]) => Promise<unknown>;
    await expect(call({}, 'smuggled', { channel: 'bookshelf:other' })).resolves.toEqual({ ok: true, result: 'ok' });
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('bookshelf:library.info', {}, 'vi');
    await call({}, 'en', { channel: 'bookshelf:other' });
    expect(invoke).toHaveBeenLastCalledWith('bookshelf:library.info', {}, 'en');
  });

  it('a bridge function returns a rejected promise, not a throw, when IPC fails', async () => {
    const bridge = createBridge(() => {
      throw new Error('ipc down');
    }, METHOD_NAMES);
    const result = bridge['library.info']({});
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow('ipc down');
  });

  it('refuses method names that could reach the prototype or look like anything but a method', () => {
    const invoke = async () => null;
    expect(() => createBridge(invoke, ['__proto__'])).toThrow(/Invalid/);
    expect(() => createBridge(invoke, ['library info'])).toThrow(/Invalid/);
    expect(() => createBridge(invoke, ['library.info', 'library.info'])).toThrow(/Duplicate/);
  });

  describe('the built preload bundle', () => {
    let outDir: string;
    let code: string;

    beforeAll(async () => {
      outDir = tempDir('bookshelf-preload-');
      const config = preloadConfig as InlineConfig;
      await build({ ...config, configFile: false, logLevel: 'silent', build: { ...config.build, outDir } });
      code = await fs.readFile(path.join(outDir, PRELOAD_FILE_NAME), 'utf8');
    });

    it('is CommonJS and requires nothing but electron', () => {
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(code).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed require
    });

    it('carries the method names, not the contract: no zod, no schema, no message table', () => {
      // Issue 18: the preload runs before every page load of an old kiosk PC.
      expect(code.length).toBeLessThan(16 * 1024);
      expect(code).not.toMatch(/_zod|zod\//);
      expect(code).not.toContain(translate('vi', 'app.tagline'));
      for (const name of METHOD_NAMES) expect(code).toContain(JSON.stringify(name));
    });

    it('exposes window.bookshelf with exactly the contract methods, over their own channels', async () => {
      const exposed = new Map<string, unknown>();
      const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, result: { channel, input } }));
      const electron = {
        contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
        ipcRenderer: { invoke },
      };
      const requested: string[] = [];
      const sandboxRequire = (id: string) => {
        requested.push(id);
        if (id === 'electron') return electron;
        throw new Error(`module not found: ${id}`);
      };
      const module = { exports: {} };
      vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports }, { filename: PRELOAD_FILE_NAME });

      expect(requested).toEqual(['electron']);
      expect([...exposed.keys()]).toEqual(['bookshelf', 'bookshelfShell']);
      const bridge = exposed.get('bookshelf') as Record<string, (input: unknown) => Promise<unknown>>;
      expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES].sort());
      for (const name of FORBIDDEN_NAMES) expect(name in bridge).toBe(false);
      await expect(bridge['publications.get']({ id: 'x' })).resolves.toEqual({
        ok: true,
        result: { channel: 'bookshelf:publications.get', input: { id: 'x' } },
      });
      // The shell's bridge: the kiosk's print alone, on its own channel, with nothing from the page.
      const shell = exposed.get('bookshelfShell') as Record<string, (...args: unknown[]) => Promise<unknown>>;
      expect(Object.keys(shell)).toEqual(['print']);
      invoke.mockClear();
      await shell.print({ deviceName: 'Microsoft Print to PDF' });
      expect(invoke.mock.calls).toEqual([['bookshelf-shell:print']]);
    });
  });
});

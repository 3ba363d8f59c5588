/**
 * Shell case 6 (shared/notes/security.md): a packaged app ignores ELECTRON_RUN_AS_NODE,
 * --inspect and NODE_OPTIONS and refuses a tampered app.asar. Packaging cannot run here (no
 * Electron download), so this checks the fuses build/electron-builder.yml asks electron-builder
 * to flip, validates the whole file against electron-builder's own schema, and checks what it
 * packs. (Verify a real build with `npx @electron/fuses read --app <executable>`.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const CONFIG_PATH = path.resolve(import.meta.dirname, '../../build/electron-builder.yml');

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  directories: { output: string };
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: { target: string }[] };
  mac: { target: string[] };
  publish: { provider: string; url: string };
}

const config = yaml.load(fs.readFileSync(CONFIG_PATH, 'utf8')) as BuilderConfig;

describe('shell case 6: packaged app fuses', () => {
  it('flips the fuses that stop run-as-node, NODE_OPTIONS, --inspect and a tampered asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it("is a valid configuration for electron-builder's own schema", async () => {
    // Not exported from electron-builder's index; reached through its dependency app-builder-lib.
    const fromBuilder = createRequire(require.resolve('electron-builder'));
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
    };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, { isEnabled: false, add: () => undefined }),
    ).rejects.toThrow();
  });

  it('packs the compiled app, the renderer and the demo set, with the SQLite driver unpacked', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/app/**', 'dist/renderer/**', 'catalog/demo/**']));
    expect(config.files).toContain('!dist/app/electron/preload.js');
    expect(config.asarUnpack.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('.node'))).toBe(true);
    expect(config.directories.output).toBe('release');
  });

  it('targets AppImage and deb, NSIS and dmg, and has only a placeholder update server', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target.map((target) => target.target)).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.publish).toMatchObject({ provider: 'generic', url: 'https://example.invalid/updates' });
  });

  it("the package's main is the compiled Electron entry the build produces", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/app/electron/main.js');
  });
});

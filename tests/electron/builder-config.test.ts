/**
 * build/electron-builder.yml, the installer and update half (issue 7, "Updates and installers"):
 * per-machine NSIS with elevation, the publisher name electron-updater checks update installers
 * against, AppImage and deb, the placeholder generic update server, and native modules rebuilt
 * for Electron's ABI, and the search word lists packaged. The fuses and the validation of the whole file against electron-builder's
 * schema are in shell-case-6-fuses.test.ts; this file adds the schema's verdict on where the
 * publisher name may live.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { SEARCH_DATA_DIR } from '../../catalog/search/lexicon.js';

const require = createRequire(import.meta.url);
const CONFIG_PATH = path.resolve(import.meta.dirname, '../../build/electron-builder.yml');

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  nodeGypRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: { target: string; arch: string[] }[]; signtoolOptions: { publisherName: string | string[] }; verifyUpdateCodeSignature: boolean };
  nsis: Record<string, unknown>;
  publish: { provider: string; url: string; channel: string };
}

const config = yaml.load(fs.readFileSync(CONFIG_PATH, 'utf8')) as BuilderConfig;

async function validate(candidate: unknown): Promise<void> {
  // As in shell case 6: app-builder-lib's validator, reached through electron-builder.
  const fromBuilder = createRequire(require.resolve('electron-builder'));
  const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
  };
  await validateConfiguration(candidate, { isEnabled: false, add: () => undefined });
}

describe('installers and updates in build/electron-builder.yml', () => {
  it('installs per machine on Windows, with a choice of folder and elevation', () => {
    expect(config.win.target.map((target) => target.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true, deleteAppDataOnUninstall: false });
  });

  it('names the publisher whose signature electron-updater requires on an update installer', () => {
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
    const names = [config.win.signtoolOptions.publisherName].flat();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.trim()).not.toBe('');
    // A placeholder until the ministry's certificate is known: marked so nobody ships it unnoticed.
    expect(names.join(' ')).toMatch(/PLACEHOLDER/);
  });

  it("keeps the publisher name where electron-builder 26's schema wants it (win.publisherName is refused)", async () => {
    const { signtoolOptions, ...win } = structuredClone(config.win);
    await expect(validate({ ...structuredClone(config), win: { ...win, signtoolOptions } })).resolves.toBeUndefined();
    await expect(validate({ ...structuredClone(config), win: { ...win, publisherName: signtoolOptions.publisherName } })).rejects.toThrow(/configuration\.win/);
    await expect(validate({ ...structuredClone(config), nsis: { ...config.nsis, perMachne: true } })).rejects.toThrow();
  });

  it('builds an AppImage (self-updating) and a deb (updated by the package manager) for Linux', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('publishes to a generic server that is only a placeholder, on the latest channel', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: 'https://example.invalid/updates', channel: 'latest' });
    expect(new URL(config.publish.url).protocol).toBe('https:');
  });

  it("rebuilds better-sqlite3 for Electron's ABI and unpacks its .node from the asar", () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/build/Release/*.node');
  });

  it('keeps the fuses that make the installed app refuse run-as-node, NODE_OPTIONS, --inspect and a changed asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages the word lists search reads at run time, and leaves the unused dictionary data out', () => {
    // path.matchesGlob: electron-builder's `files` are minimatch globs of the same form.
    const packaged = (file: string) => {
      const included = config.files.filter((glob) => !glob.startsWith('!')).some((glob) => path.matchesGlob(file, glob));
      return included && !config.files.filter((glob) => glob.startsWith('!')).some((glob) => path.matchesGlob(file, glob.slice(1)));
    };
    const data = fs.readdirSync(SEARCH_DATA_DIR).map((name) => path.relative(PACKAGE_ROOT, path.join(SEARCH_DATA_DIR, name)));
    expect(data).toEqual(expect.arrayContaining(['catalog/search/data/everyday-words.txt', 'catalog/search/data/question-words.txt']));
    for (const file of data) expect(packaged(file), file).toBe(true);
    // node_modules of runtime dependencies are packaged unless excluded.
    const wordList = path.relative(PACKAGE_ROOT, require.resolve('@vntk/dictionary/data/Viet74K.txt'));
    expect(config.files.filter((glob) => glob.startsWith('!')).some((glob) => path.matchesGlob(wordList, glob.slice(1)))).toBe(false);
    expect(packaged('node_modules/@vntk/dictionary/data/dictionary.json')).toBe(false);
  });

  it('ships electron-updater as a runtime dependency, pinned, and has npm run dist', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.dependencies['electron-updater']).toBe('6.8.10');
    expect(pkg.scripts.dist).toContain('electron-builder --config build/electron-builder.yml');
  });
});

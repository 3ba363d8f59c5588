/**
 * build/electron-builder.yml, the installer and update half (issue 7, "Updates and installers"):
 * per-machine NSIS with elevation, the publisher name electron-updater checks update installers
 * against, AppImage and deb, the placeholder generic update server, and native modules rebuilt
 * for Electron's ABI and every native file of the runtime dependencies unpacked from the asar
 * (issue 18: sharp's libvips), x64-only Windows installers, and the search word lists packaged. The fuses and the validation of the whole file against electron-builder's
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

/** The minimatch electron-builder itself matches asarUnpack with (app-builder-lib's own dependency). */
const fromBuilderLib = createRequire(createRequire(require.resolve('electron-builder')).resolve('app-builder-lib/package.json'));
const { minimatch } = fromBuilderLib('minimatch') as { minimatch: (file: string, pattern: string, options: { dot: boolean }) => boolean };

/** Whether electron-builder unpacks `file` (relative to the app folder) from the asar: minimatch with dot, as app-builder-lib's fileMatcher.js. */
function unpacked(file: string): boolean {
  return config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }));
}

/** Native code a process loads from disk: Node modules, shared libraries (versioned ones too), DLLs, executables. */
const NATIVE_FILE = /\.(node|dll|dylib|exe)$|\.so(\.\d+)*$/;

/** The installed folders of package.json's runtime dependencies and of theirs (optional ones included when installed). */
function runtimePackageDirs(): string[] {
  const seen = new Set<string>();
  const visit = (fromDir: string, name: string) => {
    let dir: string;
    try {
      dir = path.dirname(createRequire(path.join(fromDir, 'package.json')).resolve(`${name}/package.json`));
    } catch {
      // Exports without ./package.json: find the folder the way Node looks for packages.
      const candidates = [];
      for (let at = fromDir; ; at = path.dirname(at)) {
        candidates.push(path.join(at, 'node_modules', name));
        if (path.dirname(at) === at) break;
      }
      const found = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'package.json')));
      if (!found) return; // an optional dependency for another platform
      dir = found;
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dir, dep);
  };
  const root = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(root.dependencies)) visit(PACKAGE_ROOT, dep);
  return [...seen];
}

/** Native files in one package's folder (its own node_modules are visited as packages), relative to the app folder. */
function nativeFilesIn(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((entry) => !entry.split(path.sep).includes('node_modules') && NATIVE_FILE.test(entry))
    .map((entry) => path.relative(PACKAGE_ROOT, path.join(dir, entry)).split(path.sep).join('/'));
}

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
    // @napi-rs/canvas has no win32-ia32 build and npm installs only the x64 sharp: no 32-bit installer.
    expect(config.win.target.map((target) => target.arch)).toEqual([['x64']]);
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
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
  });

  it("unpacks every native file the runtime dependencies ship, sharp's versioned libvips included", () => {
    const natives = runtimePackageDirs().flatMap(nativeFilesIn);
    // The packages this machine installed for the app: SQLite, sharp and its libvips, the canvas.
    const names = natives.map((file) => file.split('/').slice(0, -1).join('/'));
    expect(names.some((dir) => dir.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    expect(names.some((dir) => /^node_modules\/@img\/sharp-libvips-[^/]+\/lib$/.test(dir))).toBe(true);
    expect(names.some((dir) => dir.startsWith('node_modules/@napi-rs/canvas'))).toBe(true);
    const missed = natives.filter((file) => !unpacked(file));
    expect(missed).toEqual([]);
    // electron-builder's own automatic unpacking takes .node/.so/.dll, not libvips-cpp.so.8.17.3.
    expect(natives.some((file) => /\.so\.\d+(\.\d+)*$/.test(file))).toBe(true);
  });

  it('would miss libvips with the old patterns (the check can fail)', () => {
    const old = ['**/node_modules/better-sqlite3/build/Release/*.node', '**/node_modules/@napi-rs/canvas*/**/*.node'];
    const libvips = runtimePackageDirs().flatMap(nativeFilesIn).filter((file) => file.includes('libvips'));
    expect(libvips.length).toBeGreaterThan(0);
    for (const file of libvips) expect(old.some((pattern) => minimatch(file, pattern, { dot: true }))).toBe(false);
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

  it('leaves tsx and esbuild, which only load the TypeScript sources, out of the package', () => {
    const excluded = (file: string) => config.files.filter((glob) => glob.startsWith('!')).some((glob) => minimatch(file, glob.slice(1), { dot: true }));
    for (const file of ['node_modules/tsx/dist/cli.mjs', 'node_modules/esbuild/lib/main.js', 'node_modules/@esbuild/linux-x64/bin/esbuild']) expect(excluded(file), file).toBe(true);
    expect(excluded('node_modules/sharp/lib/index.js')).toBe(false);
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

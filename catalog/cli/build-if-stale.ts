/**
 * Before `npm start` (package.json): builds the UI and the Electron app only when a part is
 * missing or its sources are newer than its build, quietly (Vite at log level error, tsc prints
 * only errors), and says in one line what it does — instead of a full, noisy rebuild on every
 * start. Run as `node --import tsx catalog/cli/build-if-stale.ts`; exits with the build's code.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';
import { bilingual } from '../../shared/messages.js';
import type { MessageKey } from '../../shared/messages.js';

/** One part of the build: the npm script that makes it, what it is made from, what it makes. */
export interface BuildPart {
  script: 'build:renderer' | 'build:electron';
  /** Files and folders (walked whole) under the package root it is built from. */
  sources: readonly string[];
  /** Files it makes: one missing, or older than a source, means a build. */
  outputs: readonly string[];
}

export const BUILD_PARTS: readonly BuildPart[] = [
  { script: 'build:renderer', sources: ['renderer', 'shared', 'package.json'], outputs: ['dist/renderer/index.html'] },
  {
    script: 'build:electron',
    sources: ['electron', 'catalog', 'shared', 'package.json', 'tsconfig.json'],
    outputs: ['dist/app/electron/main.js', 'dist/app/electron/preload.cjs'],
  },
];

/** The newest modification time (ms) of a file, or of the files in a folder and below; 0 when there is none. */
export function newestTime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestTime(path.join(target, entry.name)));
  }
  return newest;
}

/** Why a part needs building: its build is missing or older than its sources; null when it is up to date. */
export function buildNeed(root: string, part: BuildPart): 'missing' | 'stale' | null {
  const outputs = part.outputs.map((file) => newestTime(path.join(root, file)));
  if (outputs.some((time) => time === 0)) return 'missing';
  const sources = Math.max(...part.sources.map((source) => newestTime(path.join(root, source))));
  return sources > Math.min(...outputs) ? 'stale' : null;
}

/** The one line saying what happens, in both languages. */
export function buildLine(needs: { part: BuildPart; need: 'missing' | 'stale' }[]): string {
  if (needs.length === 0) return bilingual({ key: 'cli.build.upToDate' });
  const scripts = needs.map(({ part }) => part.script);
  const what: MessageKey = scripts.length === 2 ? 'cli.build.what.both' : scripts[0] === 'build:renderer' ? 'cli.build.what.ui' : 'cli.build.what.app';
  const why = needs.some(({ need }) => need === 'missing') ? 'cli.build.missing' : 'cli.build.stale';
  return bilingual({ key: why, params: { what: { key: what } } });
}

/** Runs one npm script with Vite at log level error (appended to its last command): not even its chunk-size advice. */
function runScript(script: string): number {
  const args = ['run', '--silent', script, '--', '--logLevel', 'error'];
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, ...args], { cwd: PACKAGE_ROOT, stdio: 'inherit' })
    : spawnSync('npm', args, { cwd: PACKAGE_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

export function buildIfStale(): number {
  const needs = BUILD_PARTS.flatMap((part) => {
    const need = buildNeed(PACKAGE_ROOT, part);
    return need ? [{ part, need }] : [];
  });
  console.log(buildLine(needs));
  for (const { part } of needs) {
    const code = runScript(part.script);
    if (code !== 0) {
      console.error(bilingual({ key: 'cli.build.failed', params: { code } }));
      return code;
    }
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = buildIfStale();

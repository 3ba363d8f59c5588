/**
 * Finds the Electron binary installed with the `electron` npm package without loading that
 * package (loading it starts a download, which fails on machines without access to GitHub).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MessageRef } from '../../shared/messages.js';

export type ElectronRuntime = { available: true; binary: string } | { available: false; reason: MessageRef };

export function findElectronRuntime(env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: { key: 'cli.start.noElectronPackage' } };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { available: false, reason: { key: 'cli.start.noElectronBinary' } };
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(packageDir, 'dist', relative);
  return fs.existsSync(binary) ? { available: true, binary } : { available: false, reason: { key: 'cli.start.electronMissing', params: { binary } } };
}

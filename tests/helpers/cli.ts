/**
 * The `bookshelf` command as the tests run it, from the TypeScript sources: `runCli` waits for it
 * (status, stdout and stderr as text, or as bytes with `binary`), `startCli` starts it and hands
 * back the child (a server, imports running side by side). CI=1 keeps `serve` from opening a
 * browser; `library` adds `--library DIR`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams, SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';

export const BOOKSHELF_BIN = path.join(PACKAGE_ROOT, 'bin', 'bookshelf.mjs');

export interface CliOptions {
  library?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

const argv = (args: string[], options: CliOptions) => [BOOKSHELF_BIN, ...args, ...(options.library ? ['--library', options.library] : [])];
const envOf = (options: CliOptions) => ({ ...process.env, CI: '1', ...options.env });

export function runCli(args: string[], options?: CliOptions & { binary?: false }): SpawnSyncReturns<string>;
export function runCli(args: string[], options: CliOptions & { binary: true }): SpawnSyncReturns<Buffer>;
export function runCli(args: string[], options: CliOptions & { binary?: boolean } = {}): SpawnSyncReturns<string> | SpawnSyncReturns<Buffer> {
  const spawnOptions = { env: envOf(options), input: options.input, timeout: options.timeoutMs ?? 60_000 };
  return options.binary
    ? spawnSync(process.execPath, argv(args, options), { ...spawnOptions, encoding: 'buffer' })
    : spawnSync(process.execPath, argv(args, options), { ...spawnOptions, encoding: 'utf8' });
}

export function startCli(args: string[], options: Omit<CliOptions, 'input' | 'timeoutMs'> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, argv(args, options), { env: envOf(options) });
}

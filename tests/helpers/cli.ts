/**
 * The `bookshelf` command as the tests run it, from the TypeScript sources: `runCli` waits for it
 * (status, stdout and stderr as text, or as bytes with `binary`), `startCli` starts it and hands
 * back the child (a server, imports running side by side). CI=1 keeps `serve` from opening a
 * browser; `library` adds `--library DIR`. `whileServing` runs a body while `serve` or `start`
 * serves at the 127.0.0.1 address it printed, then stops it with SIGTERM and expects exit 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams, SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
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

/** Runs `body` with `bookshelf ARGS` serving at the 127.0.0.1 address it printed (and its standard output so far); stops it after, expecting exit 0. */
export async function whileServing(args: string[], options: Omit<CliOptions, 'input' | 'timeoutMs'>, body: (url: string, stdout: string) => Promise<void>): Promise<void> {
  const child = startCli(args, options);
  let out = '';
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        out += data.toString();
        const found = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (found) resolve(found[1]);
      });
      void exited.then(() => reject(new Error(`bookshelf ${args[0]} exited:\n${out}\n${stderr}`)));
    });
    await body(url, out);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}

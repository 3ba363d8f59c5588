/**
 * The `bookshelf` command as the tests run it, from the TypeScript sources: `runCli` waits for it
 * (status, stdout and stderr as text, or as bytes with `binary`), `startCli` starts it and hands
 * back the child (a server, imports running side by side). CI=1 keeps `serve` from opening a
 * browser; `library` adds `--library DIR`. `startServing` waits for `serve` or `start` to print
 * its 127.0.0.1 address; `whileServing` runs a body meanwhile, then stops it and expects exit 0.
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

export interface Serving {
  /** The 127.0.0.1 address it printed. */
  url: string;
  /** Its standard output and error so far. */
  output: () => string;
  /** Stops it with SIGTERM; resolves with its exit status. */
  stop: () => Promise<number | null>;
}

/** Starts `bookshelf ARGS` (`serve`, `start`) and waits, however long a busy machine takes, for the 127.0.0.1 address it prints; rejects if it exits first. */
export function startServing(args: string[], options: Omit<CliOptions, 'input' | 'timeoutMs'> = {}): Promise<Serving> {
  const child = startCli(args, options);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (found) resolve({ url: found[1], output: () => output, stop: () => (child.kill('SIGTERM'), exited) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`bookshelf ${args[0]} exited ${code}:\n${output}`)));
  });
}

/** Runs `body` with `bookshelf ARGS` serving at the address it printed (and its output so far); stops it after, expecting exit 0. */
export async function whileServing(args: string[], options: Omit<CliOptions, 'input' | 'timeoutMs'>, body: (url: string, output: string) => Promise<void>): Promise<void> {
  const serving = await startServing(args, options);
  let stopped = false;
  try {
    await body(serving.url, serving.output());
    stopped = true;
    expect(await serving.stop()).toBe(0);
  } finally {
    if (!stopped) await serving.stop();
  }
}

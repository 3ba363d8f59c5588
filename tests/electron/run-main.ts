/**
 * Runs electron/main.ts against the fake electron module (fake-electron.ts, mocked by the test
 * file) on a fresh library folder: `startMain` adds command-line arguments, lets the test prepare
 * the library, marks the app ready and waits for its window; `quitMain` quits the app and cleans up
 * (the folder goes after the test file, with tempDir's).
 */
import type { EventEmitter } from 'node:events';
import { expect, vi } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { fake } from './fake-electron.js';

const argv = process.argv;

export async function startMain(args: string[], prepare: (libraryDir: string) => Promise<void> = async () => undefined): Promise<unknown> {
  const libraryDir = tempDir('bookshelf-main-');
  await prepare(libraryDir);
  vi.stubEnv('BOOKSHELF_HOME', libraryDir);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  process.argv = [...argv, ...args];
  const electron = (await import('electron')) as unknown as { markReady(): void };
  await import('../../electron/main.js');
  electron.markReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
  return fake.windows[0];
}

export async function quitMain(): Promise<void> {
  process.argv = argv;
  const electron = (await import('electron')) as unknown as { app: EventEmitter };
  electron.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(fake.calls).toContain('quit'));
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
}

/**
 * Each spec file's own station (issue 19): `test` here is Playwright's, with a `station` fixture
 * and the `baseURL` pointed at it. The first test of a file that needs it copies the e2e library
 * (built once by global-setup.ts) into a temporary folder, with its own copy of the SANE `test`
 * backend's configuration and its own watched scan folder, starts a station there, in the worker,
 * on a port the server itself takes from the OS, and waits for its warm-up. The file's other
 * tests share it; the next file's first test stops it and deletes the folder first (the worker's
 * last one goes when the worker ends). So no file sees what another one added, changed or removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { corpus } from '../../helpers/corpora.js';

export { expect } from '@playwright/test';

export interface SpecStation {
  /** Where it serves, e.g. http://127.0.0.1:41234 (the tests' baseURL). */
  url: string;
  running: RunningStation;
  /** Its SANE configuration (a copy of the corpora's, with the `test` backend), which a test may change. */
  saneConfigDir: string;
  /** The folder it watches for a network scanner's files. */
  scanFolder: string;
}

interface FileStation {
  /** The spec file it belongs to. */
  file: string;
  /** The temporary folder holding its library, SANE configuration and scan folder. */
  dir: string;
  station: SpecStation;
}

const SANE_CONFIG = corpus('scanner', 'sane-config');

/** Runs `start` with `vars` set in this process's environment (undefined: unset), then puts the environment back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, start: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const put = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  put(vars);
  try {
    return await start();
  } finally {
    put(saved);
  }
}

/** Resolves once the station's read threads have loaded what searching needs (its warm-up), so the first test does not wait on them. */
async function warmedUp(running: RunningStation): Promise<void> {
  while (running.services.reads.load > 0) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function startFileStation(file: string): Promise<FileStation> {
  const template = process.env.E2E_TEMPLATE_LIBRARY;
  if (!template) throw new Error('E2E_TEMPLATE_LIBRARY is not set: run the specs through playwright.config.ts (its global setup builds the library)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-e2e-station-'));
  try {
    const libraryDir = path.join(dir, 'library');
    fs.cpSync(template, libraryDir, { recursive: true });
    const saneConfigDir = path.join(dir, 'sane-config');
    if (fs.existsSync(SANE_CONFIG)) fs.cpSync(SANE_CONFIG, saneConfigDir, { recursive: true });
    else fs.mkdirSync(saneConfigDir);
    const scanFolder = path.join(dir, 'scans');
    fs.mkdirSync(scanFolder);
    // The desk reads SANE_CONFIG_DIR and BOOKSHELF_SCAN_FOLDERS when the station starts.
    const running = await withEnv({ SANE_CONFIG_DIR: saneConfigDir, BOOKSHELF_SCAN_FOLDERS: scanFolder }, () =>
      startStation({ libraryDir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' }),
    );
    await warmedUp(running);
    return { file, dir, station: { url: running.server.url, running, saneConfigDir, scanFolder } };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function stopFileStation({ dir, station }: FileStation): Promise<void> {
  try {
    await station.running.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const test = base.extend<{ station: SpecStation }, { fileStations: { current?: FileStation } }>({
  fileStations: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use) => {
      const holder: { current?: FileStation } = {};
      await use(holder);
      if (holder.current) await stopFileStation(holder.current);
    },
    { scope: 'worker' },
  ],
  station: [
    async ({ fileStations }, use, testInfo) => {
      if (fileStations.current?.file !== testInfo.file) {
        const previous = fileStations.current;
        fileStations.current = undefined;
        if (previous) await stopFileStation(previous);
        fileStations.current = await startFileStation(testInfo.file);
      }
      await use(fileStations.current.station);
    },
    // Copying the library and starting the station has a budget of its own, not the first test's.
    { timeout: 120_000 },
  ],
  baseURL: async ({ station }, use) => use(station.url),
});

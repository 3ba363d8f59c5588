/**
 * Issue 18: the packaged app's `--self-test`, as electron/main.ts runs it (the stand-in
 * `electron` of fake-electron.ts; everything else real): the app's own modules are loaded, the
 * engine's checks run in this process, the report goes to stdout and the app exits 0 — with no
 * window and without opening the station's library.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SelfTestReport } from '../../catalog/self-test.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

const argv = process.argv;
afterAll(() => {
  process.argv = argv;
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('electron --self-test', () => {
  it('checks the app modules and every engine part, prints the report and exits 0 without a window', async () => {
    const home = tempDir('bookshelf-self-test-home-');
    vi.stubEnv('BOOKSHELF_HOME', home);
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    process.argv = [...argv, '--self-test', '--json'];
    await import('../../electron/main.js');
    await vi.waitFor(() => expect(fake.calls.some((call) => call.startsWith('exit '))).toBe(true), { timeout: 120_000 });
    const report = JSON.parse(written.join('')) as SelfTestReport;
    expect(report.checks.map((check) => check.name)).toEqual(['electron/desktop-app', 'better-sqlite3', 'sharp', '@napi-rs/canvas', 'pdf.js', 'extraction worker', 'station']);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(fake.calls).toContain('exit 0');
    expect(fake.windows).toHaveLength(0);
    expect(fake.calls).not.toContain('whenReady');
    expect(fs.readdirSync(home)).toEqual([]);
  }, 150_000);
});

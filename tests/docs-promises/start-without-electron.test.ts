/**
 * README § Three commands: where the Electron runtime is not installed, `npm start` (`bookshelf
 * start`) "says so in one line and serves the same interface" on 127.0.0.1, printing the address,
 * with an empty library filled with the demo set; docs/lan.md: `bookshelf start` passes the LAN
 * flags on when it serves a browser. `bookshelf start` as a process, the Electron binary made
 * missing (ELECTRON_OVERRIDE_DIST_PATH to an empty folder), a small built UI.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../catalog/cli/electron-runtime.js';
import { bilingual } from '../../shared/messages.js';
import { whileServing } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

function builtUi(): string {
  const dir = tempDir('start-ui-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body>Tủ sách pháp luật</body></html>');
  return dir;
}

const ENV = { ELECTRON_OVERRIDE_DIST_PATH: tempDir('no-electron-'), BOOKSHELF_RENDERER_DIR: builtUi() };

/** Runs `body` while `bookshelf start ARGS` serves a fresh library on a free port. */
const whileStarted = (args: string[], body: (url: string, stdout: string) => Promise<void>) =>
  whileServing(['start', ...args, '--port', '0', '--no-open', '--library', tempDir('start-library-')], { env: ENV }, body);

/** The status of GET / sent with this Host header. */
const statusFor = (url: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const request = http.get(`${url}/`, { headers: { Host: host } }, (answer) => {
      answer.resume();
      resolve(answer.statusCode ?? 0);
    });
    request.on('error', reject);
  });

describe('bookshelf start where Electron is missing', () => {
  it('says why in one line, then serves the UI and the demo set on 127.0.0.1 at the address it prints', { timeout: 120_000 }, async () => {
    const runtime = findElectronRuntime({ ...process.env, ...ENV });
    const why = runtime.available ? null : runtime.reason;
    expect(why).not.toBeNull();
    await whileStarted([], async (url, stdout) => {
      expect(stdout.split('\n')[0]).toBe(bilingual({ key: 'cli.start.inBrowser', params: { why: why! } }));
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Tủ sách pháp luật');
      const info = (await (await fetch(`${url}/api/library.info`, { method: 'POST', body: '{}' })).json()) as { ok: boolean; result: { publications: number } };
      expect(info.ok).toBe(true);
      expect(info.result.publications).toBeGreaterThan(0);
    });
  });

  it('passes --lan and --lan-name on to the server it starts', { timeout: 120_000 }, async () => {
    await whileStarted(['--lan', '--host', '127.0.0.1', '--lan-name', 'tusach.lan'], async (url) => {
      const port = new URL(url).port;
      expect(await statusFor(url, `tusach.lan:${port}`)).toBe(200);
      expect(await statusFor(url, `khac.lan:${port}`)).toBe(421);
    });
  });
});

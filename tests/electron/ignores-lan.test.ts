/**
 * docs/lan.md: "The Electron app ignores `--lan`" — phones are served by `bookshelf serve --lan`
 * (or `start` in a browser), never by the desktop app. electron/main.ts, against the stand-in
 * `electron` module, started with `--lan --host 0.0.0.0`: its window opens on the app's own
 * protocol and nothing in the process listens on a network port.
 */
import net from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { quitMain, startMain } from './run-main.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

afterAll(() => quitMain());

describe('the desktop app given --lan', () => {
  it('opens its window and listens on no port', async () => {
    const listen = vi.spyOn(net.Server.prototype, 'listen');
    const window = (await startMain(['--lan', '--host', '0.0.0.0', '--no-demo'])) as { loaded: string[] };
    await vi.waitFor(() => expect(window.loaded.length).toBeGreaterThan(0));
    expect(window.loaded[0]).toMatch(/^app:\/\//);
    expect(listen).not.toHaveBeenCalled();
  });
});

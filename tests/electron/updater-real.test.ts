/**
 * Updates tested with the real library (docs/install.md, security notes case 19): the app's
 * startUpdater drives electron-updater's own NsisUpdater (tests/helpers/real-updater.ts: only
 * Electron's app and network stack are replaced) against a generic-provider folder served on
 * 127.0.0.1. A genuine installer is downloaded and kept for the quit; a wrong sha512 is refused
 * and nothing is kept; a lower version is never offered, although setting the channel (as the
 * app does) turns electron-updater's allowDowngrade on; an unsigned installer is refused by the
 * app's signature verifier. The install itself (running the NSIS installer on quit) is Windows
 * only and is not reached.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NsisUpdater, UpdateInfo } from 'electron-updater';
import yaml from 'js-yaml';
import { expect, it } from 'vitest';
import { startUpdater } from '../../electron/updater.js';
import type { UpdaterHandle } from '../../electron/updater.js';
import { latestYml, realNsisUpdater, serveUpdates, sha512Of } from '../helpers/real-updater.js';

const INSTALLED = '1.2.0';
const INSTALLER = 'Tu-sach-phap-luat-Setup-1.3.0.exe';
/** An installer's bytes: a PE header and a body, unsigned (no Authenticode certificate table). */
const installer = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300 * 1024, 'tu sach phap luat ')]);

type Outcome = { event: 'update-downloaded'; info: UpdateInfo } | { event: 'update-not-available'; info: UpdateInfo } | { event: 'error'; error: Error & { code?: string } };

/** The first of: downloaded, nothing to update, an error (the check's or the download's). */
function outcomeOf(updater: NsisUpdater): Promise<Outcome> {
  return new Promise((resolve) => {
    updater.once('update-downloaded', (info: UpdateInfo) => resolve({ event: 'update-downloaded', info }));
    updater.once('update-not-available', (info: UpdateInfo) => resolve({ event: 'update-not-available', info }));
    updater.once('error', (error: Error) => resolve({ event: 'error', error }));
  });
}

/** The app's updater on this real one, pointed at `url` on the 'latest' channel; what it logged. */
async function startAppUpdater(updater: NsisUpdater, url: string): Promise<{ handle: UpdaterHandle; logged: string[] }> {
  const logged: string[] = [];
  const handle = await startUpdater({
    settings: () => ({ url, channel: 'latest' }),
    log: (message, error) => void logged.push(error === undefined ? message : `${message}: ${String(error)}`),
    loadUpdater: () => Promise.resolve(updater),
    platform: 'win32',
    env: {},
    intervalMs: 24 * 60 * 60 * 1000,
  });
  expect(handle).not.toBeNull();
  return { handle: handle!, logged };
}

const sorted = (names: string[]) => [...names].sort();

it('a genuine installer (its sha512 as latest.yml says) is downloaded and kept until the app quits', async () => {
  const server = await serveUpdates({ 'latest.yml': latestYml('1.3.0', INSTALLER, sha512Of(installer), installer.length), [INSTALLER]: installer });
  const real = realNsisUpdater(INSTALLED, server.url);
  const outcome = outcomeOf(real.updater);
  const { handle } = await startAppUpdater(real.updater, server.url);
  expect(await outcome).toMatchObject({ event: 'update-downloaded', info: { version: '1.3.0' } });
  expect(handle.state()).toMatchObject({ phase: 'ready', version: '1.3.0' });
  expect(server.requested).toContain(INSTALLER);
  expect(fs.readFileSync(path.join(real.cacheDir, 'pending', INSTALLER)).equals(installer)).toBe(true);
  handle.stop();
});

it('an installer whose sha512 is not the one latest.yml gives is refused, and nothing of it is kept', async () => {
  const tampered = Buffer.from(installer);
  tampered[1000] ^= 0xff;
  const server = await serveUpdates({ 'latest.yml': latestYml('1.3.0', INSTALLER, sha512Of(installer), installer.length), [INSTALLER]: tampered });
  const real = realNsisUpdater(INSTALLED, server.url);
  const downloaded: string[] = [];
  real.updater.on('update-downloaded', (info: UpdateInfo) => downloaded.push(info.version));
  const outcome = outcomeOf(real.updater);
  const { handle, logged } = await startAppUpdater(real.updater, server.url);
  const result = await outcome;
  expect(result.event).toBe('error');
  expect(result.event === 'error' && result.error.code).toBe('ERR_CHECKSUM_MISMATCH');
  // The whole file came, was hashed, and was thrown away.
  expect(server.requested).toContain(INSTALLER);
  await expect.poll(() => real.cached().filter((name) => name.endsWith('.exe'))).toEqual([]);
  expect(downloaded).toEqual([]);
  expect(handle.state()).toMatchObject({ phase: 'error' });
  expect(handle.state().error).toContain('sha512 checksum mismatch');
  expect(logged.join('\n')).toContain('check or download failed');
  handle.stop();
});

it('a lower version is never offered, though setting the channel turns electron-updater’s allowDowngrade on', async () => {
  const older = '1.1.0';
  const file = `Tu-sach-phap-luat-Setup-${older}.exe`;
  const files = { 'latest.yml': latestYml(older, file, sha512Of(installer), installer.length), [file]: installer };

  // The library alone, the channel set as the app sets it and nothing after: the older version is offered.
  const bare = await serveUpdates(files);
  const library = realNsisUpdater(INSTALLED, bare.url);
  library.updater.logger = null;
  library.updater.autoDownload = false;
  library.updater.channel = 'latest';
  expect(library.updater.allowDowngrade).toBe(true);
  expect(await library.updater.checkForUpdates()).toMatchObject({ isUpdateAvailable: true, updateInfo: { version: older } });

  // Through the app: not offered, and its installer never asked for.
  const server = await serveUpdates(files);
  const real = realNsisUpdater(INSTALLED, server.url);
  const outcome = outcomeOf(real.updater);
  const { handle } = await startAppUpdater(real.updater, server.url);
  expect(await outcome).toMatchObject({ event: 'update-not-available', info: { version: older } });
  expect(real.updater.allowDowngrade).toBe(false);
  expect(sorted(server.requested)).toEqual(['latest.yml']);
  expect(real.cached()).toEqual([]);
  await expect.poll(() => handle.state().phase).toBe('current');
  handle.stop();
});

it('an unsigned installer, its sha512 right, is refused by the app’s signature check, and nothing of it is kept', async () => {
  // app-update.yml names the publisher as electron-builder writes it from the Windows build's settings.
  const config = yaml.load(fs.readFileSync(path.resolve(import.meta.dirname, '../../build/electron-builder.yml'), 'utf8')) as { win: { signtoolOptions: { publisherName: string } } };
  const server = await serveUpdates({ 'latest.yml': latestYml('1.3.0', INSTALLER, sha512Of(installer), installer.length), [INSTALLER]: installer });
  const real = realNsisUpdater(INSTALLED, server.url, [config.win.signtoolOptions.publisherName]);
  const outcome = outcomeOf(real.updater);
  const { handle } = await startAppUpdater(real.updater, server.url);
  const result = await outcome;
  expect(result.event).toBe('error');
  expect(result.event === 'error' && result.error.code).toBe('ERR_UPDATER_INVALID_SIGNATURE');
  // Here PowerShell cannot run (no Windows): electron-updater's own check would pass the installer; the app's refuses.
  expect(result.event === 'error' && result.error.message).toMatch(/not signed by the application owner: .*(could not run|not valid)/);
  expect(server.requested).toContain(INSTALLER);
  await expect.poll(() => real.cached().filter((name) => name.endsWith('.exe'))).toEqual([]);
  expect(handle.state()).toMatchObject({ phase: 'error' });
  handle.stop();
});

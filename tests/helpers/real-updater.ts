/**
 * electron-updater's own NsisUpdater (the Windows kiosks' updater) running in Node, for
 * tests/electron/updater-real.test.ts: its provider, download, sha512 and signature checks are the
 * library's code. Two parts of Electron cannot exist here and are replaced through the library's
 * own seams — the app (version, paths, quit), by the AppAdapter its constructor takes, and
 * electron.net (Chromium's network stack), by an HttpExecutor on node:http; the rest of the
 * download (redirects, digest, temp file, rename) is builder-util-runtime's shared code. Also
 * here: a generic-provider update folder served on 127.0.0.1 (latest.yml and the installers)
 * that records what was asked of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RequestOptions } from 'node:http';
import electronUpdater from 'electron-updater';
import type { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { DownloadOptions } from 'builder-util-runtime';
import yaml from 'js-yaml';
import { afterAll } from 'vitest';
import { tempDir } from './temp-dir.js';

/** builder-util-runtime as electron-updater itself resolves it (the same copy, so the same HttpExecutor). */
const runtime = createRequire(createRequire(import.meta.url).resolve('electron-updater'))('builder-util-runtime') as typeof import('builder-util-runtime');

/**
 * electron.net's place, on node:http: `download` as ElectronHttpExecutor's (electronHttpExecutor.js),
 * its request on node:http; the base class does the rest (redirects, sha512 digest, the file).
 */
class NodeHttpExecutor extends runtime.HttpExecutor<http.ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      runtime.configureRequestUrl(url, requestOptions);
      runtime.configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }

  createRequest(options: RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options, callback);
  }
}

export const UPDATER_CACHE_DIR_NAME = 'tu-sach-phap-luat-updater';

/** The sha512 of bytes as latest.yml gives it (base64). */
export const sha512Of = (bytes: Buffer) => crypto.createHash('sha512').update(bytes).digest('base64');

/** A latest.yml for one installer: version, its file name, sha512 and size. */
export function latestYml(version: string, file: string, sha512: string, size: number): string {
  return yaml.dump({ version, files: [{ url: file, sha512, size }], path: file, sha512, releaseDate: '2026-12-01T00:00:00.000Z' });
}

const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Serves `files` (path → bytes) on 127.0.0.1; `requested` lists the paths asked for, query strings dropped. */
export async function serveUpdates(files: Record<string, Buffer | string>): Promise<{ url: string; requested: string[] }> {
  const requested: string[] = [];
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
    requested.push(name);
    const body = files[name];
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requested };
}

export interface RealUpdater {
  updater: NsisUpdater;
  /** Where the library keeps a downloaded installer until the app quits (and its temp files). */
  cacheDir: string;
  /** The files under cacheDir, relative. */
  cached(): string[];
}

/**
 * A real NsisUpdater for an installed app of `version`, whose packaged app-update.yml points at
 * `url` (and names `publisherName` when given, as electron-builder writes it from
 * win.signtoolOptions.publisherName).
 */
export function realNsisUpdater(version: string, url: string, publisherName?: string[]): RealUpdater {
  const dir = tempDir('updater-real-');
  const appUpdateConfigPath = path.join(dir, 'resources', 'app-update.yml');
  fs.mkdirSync(path.dirname(appUpdateConfigPath), { recursive: true });
  fs.writeFileSync(appUpdateConfigPath, yaml.dump({ provider: 'generic', url, updaterCacheDirName: UPDATER_CACHE_DIR_NAME, ...(publisherName ? { publisherName } : {}) }));
  const app: AppAdapter = {
    version,
    name: 'tu-sach-phap-luat',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: path.join(dir, 'user-data'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    // The install on quit (spawning the NSIS installer) is Windows-only: never reached here.
    onQuit: () => undefined,
  };
  const updater = new electronUpdater.NsisUpdater(null, app);
  const internals = updater as unknown as { httpExecutor: NodeHttpExecutor; _testOnlyOptions: { platform: NodeJS.Platform; isUseDifferentialDownload: boolean } };
  internals.httpExecutor = new NodeHttpExecutor();
  // As on a Windows kiosk: latest.yml (not latest-linux.yml), and a whole download (no blockmap of an installed version here).
  internals._testOnlyOptions = { platform: 'win32', isUseDifferentialDownload: false };
  const cacheDir = path.join(app.baseCachePath, UPDATER_CACHE_DIR_NAME);
  const cached = () => (fs.existsSync(cacheDir) ? (fs.readdirSync(cacheDir, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(cacheDir, name)).isFile()) : []);
  return { updater, cacheDir, cached };
}

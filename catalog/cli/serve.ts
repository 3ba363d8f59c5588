/**
 * `bookshelf serve` and `bookshelf start`. `start` runs the Electron app where its binary
 * exists; elsewhere it says so in one line and serves the same UI to a browser. A UI that was
 * never built is said on the console at start (and at `/`, catalog/http/ui-not-built.ts), with
 * how to build it. BOOKSHELF_RENDERER_DIR serves a UI built elsewhere (as the tests build theirs).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import open from 'open';
import { allowedHostnamesFor, checkServeHost, isLoopbackHost, isWildcardHost, lanAddresses, startStation } from '../station.js';
import { listen } from '../http/server.js';
import { createFeedApp } from '../feed/feed-server.js';
import { mountHubRoutes } from '../hub/routes.js';
import { Library } from '../library.js';
import type { RunningStation } from '../station.js';
import { uiBuilt, uiNotBuiltLines } from '../http/ui-not-built.js';
import { PACKAGE_ROOT, RENDERER_DIR } from '../package-root.js';
import { findElectronRuntime } from './electron-runtime.js';
import { labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';
import type { ServeFlags } from './main.js';

export { isLoopbackHost };

const HUB_REQUEST_TIMEOUT_MS = 10 * 60_000;

function canOpenBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CI || !process.stdout.isTTY) return false;
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The built UI this run serves: BOOKSHELF_RENDERER_DIR, or the package's dist/renderer. */
function rendererDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.BOOKSHELF_RENDERER_DIR ? path.resolve(env.BOOKSHELF_RENDERER_DIR) : RENDERER_DIR;
}

/** Says on the console, Vietnamese then English, that the UI is not built and how to build it. */
function warnIfNotBuilt(rendererDir: string): void {
  if (!uiBuilt(rendererDir)) for (const line of uiNotBuiltLines()) console.log(line);
}

async function startOnFreePort(flags: ServeFlags, kiosk: boolean, rendererDir: string): Promise<RunningStation> {
  // Without --lan or --host, the officials' LAN setting (the settings screen) decides.
  const lanFromSettings = !flags.lan && flags.host === '127.0.0.1';
  const options = { libraryDir: flags.libraryDir, host: flags.host, port: flags.port, demo: flags.demo, lan: flags.lan, lanName: flags.lanName, lanStaff: flags.lanStaff, lanFromSettings, kiosk, rendererDir };
  try {
    return await startStation(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && !flags.portGiven) {
      sayPortTaken(flags.port);
      return startStation({ ...options, port: 0 });
    }
    if (code === 'EADDRINUSE') throw new Error(bilingual({ key: 'cli.serve.portInUse', params: { port: flags.port } }), { cause: error });
    throw error;
  }
}

/** Says that the default port was taken, so the address printed next is another one (phones need the new one). */
function sayPortTaken(port: number): void {
  console.log(bilingual({ key: 'cli.serve.portFallback', params: { port } }));
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * `bookshelf serve --hub --feed DIR [--library DIR]`: a hub's feed folder over HTTP (any static
 * server would do), and the hub library's upload endpoint, moderation outcomes and usage reports
 * (catalog/hub/routes.ts). Chunks may take long on a slow link, so requests get 10 minutes.
 */
export async function runHub(flags: ServeFlags, feedDir: string): Promise<number> {
  checkServeHost(flags.host, flags.lan);
  const library = await Library.open(flags.libraryDir);
  let uploads: ReturnType<typeof mountHubRoutes> | undefined;
  const app = createFeedApp(path.resolve(feedDir), allowedHostnamesFor(flags.host, flags.lanName), (hub) => {
    uploads = mountHubRoutes(hub, library);
  });
  await uploads?.cleanUpExpired().catch(() => 0);
  const limits = { requestTimeoutMs: HUB_REQUEST_TIMEOUT_MS };
  const server = await listen(app, flags.host, flags.port, limits).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || flags.portGiven) throw error;
    sayPortTaken(flags.port);
    return listen(app, flags.host, 0, limits);
  });
  const url = localUrlOf(flags.host, server.url, server.port);
  console.log(labelled('cli.serve.feed', path.resolve(feedDir)));
  console.log(labelled('cli.serve.hubLibrary', flags.libraryDir));
  console.log(`${labelled('cli.serve.servingFeed', `${url}/root.json`)}  (${bilingual({ key: 'cli.serve.toStop' })})`);
  console.log(labelled('cli.serve.uploads', `${url}/uploads/`));
  if (flags.lan) printLanAddresses(flags, server.port, '/root.json');
  await untilSignal();
  await server.close();
  library.close();
  return 0;
}

/** Where phones on the LAN reach the station: the bound address, or each of this machine's. */
export function lanUrls(host: string, port: number, lanName?: string): string[] {
  const hosts = isWildcardHost(host) ? lanAddresses(host === '0.0.0.0' ? 'IPv4' : 'any') : [host];
  const names = [...(lanName ? [lanName] : []), ...hosts];
  return names.map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${port}`);
}

/** The address to open on this machine: a wildcard bind is reached through 127.0.0.1 (an allowed Host). */
function localUrlOf(host: string, serverUrl: string, port: number): string {
  return isWildcardHost(host) ? `http://127.0.0.1:${port}` : serverUrl;
}

function printLanAddresses(flags: ServeFlags, port: number, suffix = '/'): void {
  console.log(bilingual({ key: 'cli.serve.lanOn' }));
  for (const url of lanUrls(flags.host, port, flags.lanName)) console.log(`  ${url}${suffix}`);
}

/** The address a browser opens: with `start --kiosk --browser`, the renderer's kiosk mode (`?kiosk=1`). */
export function uiUrl(serverUrl: string, kiosk = false): string {
  return `${serverUrl}/${kiosk ? '?kiosk=1' : ''}`;
}

export async function runServe(flags: ServeFlags, options: { kiosk?: boolean } = {}): Promise<number> {
  const rendererDir = rendererDirOf();
  const station = await startOnFreePort(flags, options.kiosk === true, rendererDir);
  const { demo, server } = station;
  if (demo.loaded) {
    console.log(bilingual({ key: 'cli.serve.demoLoaded', params: { publications: demo.publications, files: demo.files } }));
  }
  console.log(labelled('cli.serve.library', flags.libraryDir));
  const kiosk = options.kiosk === true || station.library.kioskSettings().enabled;
  const localUrl = localUrlOf(station.host, server.url, server.port);
  const address = uiUrl(localUrl, kiosk);
  console.log(`${labelled('cli.serve.serving', `${localUrl}/`)}  (${bilingual({ key: 'cli.serve.toStop' })})`);
  if (kiosk) console.log(labelled('cli.serve.kiosk', address));
  if (flags.lan || station.host !== flags.host) printLanAddresses({ ...flags, host: station.host }, server.port);
  warnIfNotBuilt(rendererDir);
  if (flags.open && canOpenBrowser()) {
    open(address).catch(() => undefined);
  }
  await untilSignal();
  await station.close();
  return 0;
}

export async function runStart(flags: ServeFlags, options: { kiosk: boolean; forceBrowser: boolean }): Promise<number> {
  const runtime = findElectronRuntime();
  const mainScript = path.join(PACKAGE_ROOT, 'dist', 'app', 'electron', 'main.js');
  if (runtime.available && !options.forceBrowser && fs.existsSync(mainScript)) {
    if (flags.lan) console.log(`--lan ${bilingual({ key: 'cli.usage.onlyWith' })} \`bookshelf serve\``);
    warnIfNotBuilt(RENDERER_DIR);
    const args = [PACKAGE_ROOT, '--library', flags.libraryDir];
    if (options.kiosk) args.push('--kiosk');
    if (!flags.demo) args.push('--no-demo');
    const child = spawn(runtime.binary, args, { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }
  const why: MessageRef = runtime.available ? { key: options.forceBrowser ? 'cli.start.browserChosen' : 'cli.start.notBuilt' } : runtime.reason;
  console.log(bilingual({ key: 'cli.start.inBrowser', params: { why } }));
  return runServe(flags, { kiosk: options.kiosk });
}

/**
 * Starts a station's served mode: opens the library, fills it with the demo set when empty
 * (unless told not to), serves the UI, the API and the files over HTTP, clears files a crash
 * left behind, syncs on the officials' schedule while it runs, and offers its verified feed to
 * other stations on the LAN under /feed/.
 */
import os from 'node:os';
import { createHandlers } from './engine.js';
import { loadDemoIfEmpty } from './demo.js';
import type { DemoResult } from './demo.js';
import { Library } from './library.js';
import { createFileHandler } from './http/files.js';
import { createStaticHandler } from './http/static.js';
import { createHttpApp, listen } from './http/server.js';
import type { RunningServer } from './http/server.js';
import type { HttpLimits } from './http/limits.js';
import { contract } from '../shared/contract.js';
import { AppError } from '../shared/errors.js';
import { RENDERER_DIR } from './package-root.js';
import { removeOrphanFiles } from './store/gc.js';
import { createServices, disposeServices } from './services.js';
import type { Services } from './services.js';
import { createStationFeedHandler } from './sync/station-feed.js';
import { lanEnabled } from './admin/settings.js';

export interface StationOptions {
  libraryDir: string;
  /** The interface to listen on: a loopback address unless `lan` is set. */
  host: string;
  port: number;
  demo: boolean;
  rendererDir?: string;
  /** Serve readers on the LAN (off by default): allows a non-loopback `host`. */
  lan?: boolean;
  /** A DNS name phones may use for the station (added to the Host allow-list). */
  lanName?: string;
  /**
   * When `lan` is not asked for, follow the officials' stored setting (`lan.enabled`, the
   * settings screen): on → serve every interface, as `--lan` would.
   */
  lanFromSettings?: boolean;
  /** Let librarians and officials sign in from other machines on the LAN (off: only at this PC). */
  lanStaff?: boolean;
  /** Started as a kiosk (`bookshelf start --kiosk`): its screen may not create the first official. */
  kiosk?: boolean;
  /** Overrides of the HTTP limits (tests use short timeouts). */
  limits?: Partial<HttpLimits>;
}

export interface RunningStation {
  library: Library;
  /** The interface it listens on: the one asked for, or every interface when the stored LAN setting turned serving on. */
  host: string;
  server: RunningServer;
  demo: DemoResult;
  services: Services;
  close(): Promise<void>;
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** True for the addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/** Refuses to serve beyond this machine unless the LAN was asked for (design § security). */
export function checkServeHost(host: string, lan: boolean): void {
  if (!lan && !isLoopbackHost(host)) {
    throw new AppError('invalid_input', { key: 'feed.lanNeeded', params: { host } });
  }
}

/** This machine's addresses on its networks (what phones type or scan), for a wildcard bind. */
export function lanAddresses(family: 'IPv4' | 'IPv6' | 'any' = 'any'): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal && (family === 'any' || info.family === family))
    .map((info) => info!.address.replace(/%.*$/, ''));
}

/**
 * The host names the server answers to: the loopback names, the bound address (for a wildcard
 * bind, every address of this machine), and the LAN name if one was given. Any other Host is
 * refused with 421 (DNS rebinding).
 */
export function allowedHostnamesFor(host: string, lanName?: string): string[] {
  const names = [...LOOPBACK_NAMES, ...(isWildcardHost(host) ? lanAddresses() : [host.replace(/^\[|\]$/g, '')])];
  if (lanName) names.push(lanName);
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

/** The one address a QR code gives phones: the LAN name, else the bound address (for a wildcard bind, this machine's first IPv4 one). */
export function stationLanUrl(host: string, port: number, lanName?: string): string | null {
  const name = lanName ?? (isWildcardHost(host) ? (lanAddresses('IPv4')[0] ?? lanAddresses()[0]) : host.replace(/^\[|\]$/g, ''));
  if (!name) return null;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

export async function startStation(options: StationOptions): Promise<RunningStation> {
  checkServeHost(options.host, options.lan === true);
  // The folder's writer lock (catalog/library-lock.ts): one app, server or sync at a time.
  const library = await Library.open(options.libraryDir, { writer: 'serve' });
  try {
    const lan = options.lan === true || (options.lanFromSettings === true && lanEnabled(library));
    const host = lan && !options.lan ? '0.0.0.0' : options.host;
    const services = createServices(library, { kiosk: options.kiosk });
    services.reads.warm();
    const demo = options.demo ? await loadDemoIfEmpty(library) : { loaded: false, publications: 0, files: 0 };
    const app = createHttpApp({
      contract,
      handlers: createHandlers(services),
      sessions: services.accounts,
      staffOnLan: options.lanStaff === true,
      files: createFileHandler(library),
      ui: createStaticHandler(options.rendererDir ?? RENDERER_DIR),
      feed: createStationFeedHandler(library),
      allowedHostnames: allowedHostnamesFor(host, options.lanName),
    });
    const server = await listen(app, host, options.port, options.limits);
    if (lan) library.lanUrl = stationLanUrl(host, server.port, options.lanName);
    // Files a crash left stored but never saved in the catalog go, in the background.
    removeOrphanFiles(library).catch((error: unknown) => console.error('removing orphan files failed', error));
    services.sync.schedule();
    services.relations.start();
    return {
      library,
      host,
      server,
      demo,
      services,
      async close() {
        await disposeServices(services);
        await server.close();
        library.close();
      },
    };
  } catch (error) {
    library.close();
    throw error;
  }
}

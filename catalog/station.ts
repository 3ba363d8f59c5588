/**
 * Starts a station's served mode: opens the library, fills it with the demo set when empty
 * (unless told not to), serves the UI, the API and the files over HTTP, clears files a crash
 * left behind, syncs on the officials' schedule while it runs, and offers its verified feed to
 * other stations on the LAN under /feed/.
 */
import { createHandlers } from './engine.js';
import { loadDemoIfEmpty } from './demo.js';
import type { DemoResult } from './demo.js';
import { Library } from './library.js';
import { createFileHandler } from './http/files.js';
import { createStaticHandler } from './http/static.js';
import { createHttpApp, listen } from './http/server.js';
import type { RunningServer } from './http/server.js';
import { contract } from '../shared/contract.js';
import { RENDERER_DIR } from './package-root.js';
import { removeOrphanFiles } from './import/importer.js';
import { SyncService } from './sync/service.js';
import { createStationFeedHandler } from './sync/station-feed.js';

export interface StationOptions {
  libraryDir: string;
  host: string;
  port: number;
  demo: boolean;
  rendererDir?: string;
}

export interface RunningStation {
  library: Library;
  server: RunningServer;
  demo: DemoResult;
  sync: SyncService;
  close(): Promise<void>;
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

export async function startStation(options: StationOptions): Promise<RunningStation> {
  const library = await Library.open(options.libraryDir);
  try {
    const sync = new SyncService(library);
    const demo = options.demo ? await loadDemoIfEmpty(library) : { loaded: false, publications: 0, files: 0 };
    const app = createHttpApp({
      contract,
      handlers: createHandlers(library, sync),
      files: createFileHandler(library),
      ui: createStaticHandler(options.rendererDir ?? RENDERER_DIR),
      feed: createStationFeedHandler(library),
      allowedHostnames: [...new Set([...LOOPBACK_NAMES, options.host])],
    });
    const server = await listen(app, options.host, options.port);
    // Files a crash left stored but never saved in the catalog go, in the background.
    removeOrphanFiles(library).catch((error: unknown) => console.error('removing orphan files failed', error));
    sync.schedule();
    return {
      library,
      server,
      demo,
      sync,
      async close() {
        await sync.dispose();
        await server.close();
        library.close();
      },
    };
  } catch (error) {
    library.close();
    throw error;
  }
}

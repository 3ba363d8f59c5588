/**
 * The long-lived parts of a running app over one library: the read pool (heavy reads off the
 * event loop), the writer thread (long writes off it: sync, document saves, relations read in the
 * background — started by whoever runs the app, `relations.start()`), the sync service,
 * staff accounts, and each area's own service. Made once by whoever runs the app (served mode, Electron main,
 * a test) and handed to the contract's handlers (catalog/engine.ts); disposed in reverse order.
 */
import { Accounts } from './accounts/accounts.js';
import type { Library } from './library.js';
import { SyncService } from './sync/service.js';
import type { SyncServiceOptions } from './sync/service.js';
import { OutboxService } from './outbox/service.js';
import type { OutboxServiceOptions } from './outbox/service.js';
import { DeskService } from './desk/service.js';
import { ReadPool } from './read-pool/pool.js';
import { DeferredWrites } from './db/deferred-writes.js';
import { UsageGate } from './usage-gate.js';
import { WriterThread } from './writer/writer-thread.js';
import { RelationsService } from './relations/service.js';
import type { RelationsServiceOptions } from './relations/service.js';
import type { ReadPoolOptions } from './read-pool/pool.js';
import type { UpdaterPort } from './updates/handlers.js';
import type { DeskOptions } from './desk/service.js';

export interface Services {
  library: Library;
  reads: ReadPool;
  /** Sync runs and document saves, off the event loop (catalog/writer/). */
  writer: WriterThread;
  /** Counters written without waiting for the database (catalog/db/deferred-writes.ts). */
  counts: DeferredWrites;
  /** Which counts are taken from whom, how often (catalog/usage-gate.ts). */
  usageGate: UsageGate;
  sync: SyncService;
  /** Relations read and statuses derived in the background (catalog/relations/service.ts). */
  relations: RelationsService;
  accounts: Accounts;
  outbox: OutboxService;
  desk: DeskService;
  /** The installed app's updater, handed over by the Electron main process; null in served mode. */
  updater: UpdaterPort | null;
  /** This run was started as a kiosk (--kiosk): the first official cannot be created on its screen. */
  kiosk: boolean;
}

export interface ServiceOptions {
  /** Started as a kiosk (--kiosk); the stored kiosk setting is read where it matters. */
  kiosk?: boolean;
  reads?: ReadPoolOptions;
  sync?: SyncServiceOptions;
  outbox?: OutboxServiceOptions;
  desk?: DeskOptions;
  relations?: RelationsServiceOptions;
}

export function createServices(library: Library, options: ServiceOptions = {}): Services {
  const writer = new WriterThread(library.dir);
  const relations = new RelationsService(library, writer, options.relations);
  return {
    library,
    reads: new ReadPool(library.layout.database, library.db, options.reads),
    writer,
    counts: new DeferredWrites(library.db),
    usageGate: new UsageGate(),
    sync: new SyncService(library, { ...options.sync, writer, onTexts: () => relations.read() }),
    relations,
    accounts: new Accounts(library.db),
    outbox: new OutboxService(library, options.outbox),
    desk: new DeskService(library, { ...options.desk, writer }),
    updater: null,
    kiosk: options.kiosk === true,
  };
}

/** Stops background work (a sync in progress ends cleanly); the library stays open. */
export async function disposeServices(services: Services): Promise<void> {
  await services.desk.dispose();
  await services.outbox.dispose();
  await services.sync.dispose();
  services.relations.dispose();
  await services.writer.close();
  await services.reads.close();
  services.counts.close();
}

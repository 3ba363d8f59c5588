/**
 * The engine behind the contract: one handler per method, over an open library and the app's
 * services. The heavy reads go to the read pool (catalog/read-pool/), off the event loop. The readers' and sync handlers are here; each other area brings its own. Methods
 * marked `audited` in the contract are logged (who, what, when) after they succeed. Transports
 * (HTTP here, IPC in electron/) call these through shared/call.ts.
 */
import type { CallContext, Handlers } from '../shared/call.js';
import type { Contract } from '../shared/contract.js';
import { contract } from '../shared/contract.js';
import { accountHandlers } from './accounts/handlers.js';
import { withAudit } from './accounts/audit.js';
import { adminHandlers } from './admin/handlers.js';
import { deskHandlers } from './desk/handlers.js';
import { outboxHandlers } from './outbox/handlers.js';
import { hubHandlers } from './hub/handlers.js';
import { relationsHandlers } from './relations/handlers.js';
import { updateHandlers } from './updates/handlers.js';
import type { Services } from './services.js';
import { publicationExists } from './publications.js';
import { publicationPage } from './relations/related.js';
import { recordRead } from './reads.js';
import { countSearch, countUsage } from './usage.js';
import { addSource, listSources, removeSource, sourceInfo } from './sync/sources.js';
import { readSelection, saveSelection, selectionCounts } from './sync/selection.js';

export function createHandlers(services: Services): Handlers<Contract> {
  const { library, sync, reads, counts, usageGate } = services;
  const lane = (ctx: CallContext) => (ctx.client === undefined ? 'station' : 'lan');
  /** Counts come from the station itself or from a reading session it issued to a LAN device, never from a bare request. */
  const counted = (ctx: CallContext) => ctx.client === undefined || ctx.device !== undefined;
  const sources = () => listSources(library).map(sourceInfo);
  return withAudit(contract, library.db, {
    'library.info': () => library.info(),
    'publications.list': (input, ctx) => reads.run('publications.list', input, lane(ctx)),
    'publications.get': (input) => publicationPage(library.db, input.id),
    search: async (input, ctx) => {
      const result = await reads.run('search', input, lane(ctx));
      if (counted(ctx)) counts.add((db) => countSearch(db, input.q, input.offset, result.total));
      return result;
    },
    'publications.text': (input, ctx) => reads.run('publications.text', input, lane(ctx)),
    suggest: (input, ctx) => reads.run('suggest', input, lane(ctx)),
    facets: (input, ctx) => reads.run('facets', input, lane(ctx)),
    'reading.record': (input, ctx) => {
      if (!counted(ctx) || !publicationExists(library.db, input.id) || !usageGate.admit('read', ctx.client)) return { recorded: false };
      counts.add((db) => recordRead(db, input.id));
      return { recorded: true };
    },
    'publications.mostRead': (input, ctx) => reads.run('publications.mostRead', input, lane(ctx)),
    'usage.record': (input, ctx) => {
      if (!counted(ctx) || !usageGate.admit(input.counter, ctx.client, input.n)) return { recorded: false };
      counts.add((db) => countUsage(db, input.counter, input.n));
      return { recorded: true };
    },
    'usage.report': (input, ctx) => reads.run('usage.report', input, lane(ctx)),
    'kiosk.updateSettings': (input) => library.updateKioskSettings(input),
    'sync.sources': () => sources(),
    'sync.addSource': (input) => sourceInfo(addSource(library, input)),
    'sync.removeSource': async (input) => {
      await sync.release(input.id);
      await removeSource(library, input.id);
      return sources();
    },
    'sync.start': (input) => {
      sync.start('manual', input.sourceId);
      return sync.status();
    },
    'sync.stop': () => sync.stop(),
    'sync.status': () => sync.status(),
    'sync.history': (input) => ({ ...sync.history(input.offset, input.limit), offset: input.offset, limit: input.limit }),
    'sync.updateSettings': (input) => sync.updateSettings(input),
    'sync.selection': () => ({ selection: readSelection(library), counts: selectionCounts(library) }),
    'sync.setSelection': (input) => saveSelection(library, input),
    ...accountHandlers(services),
    ...deskHandlers(services),
    ...outboxHandlers(services),
    ...hubHandlers(services),
    ...adminHandlers(services),
    ...relationsHandlers(services),
    ...updateHandlers(services),
  });
}

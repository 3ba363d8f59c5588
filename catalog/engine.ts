/**
 * The engine behind the contract: one handler per method, over an open library and the app's
 * services. The heavy reads go to the read pool (catalog/read-pool/), off the event loop. The readers' and sync handlers are here; each other area brings its own. Methods
 * marked `audited` in the contract are logged (who, what, when) after they succeed. Transports
 * (HTTP here, IPC in electron/) call these through shared/call.ts.
 */
import type { Handlers } from '../shared/call.js';
import type { Contract } from '../shared/contract.js';
import { AppError } from '../shared/errors.js';
import { translate } from '../shared/messages.js';
import { contract } from '../shared/contract.js';
import { accountHandlers } from './accounts/handlers.js';
import { withAudit } from './accounts/audit.js';
import { adminHandlers } from './admin/handlers.js';
import { deskHandlers } from './desk/handlers.js';
import { outboxHandlers } from './outbox/handlers.js';
import { updateHandlers } from './updates/handlers.js';
import type { Services } from './services.js';
import { getPublication } from './publications.js';
import { recordRead } from './reads.js';
import { countSearch, countUsage } from './usage.js';
import { addSource, listSources, removeSource, sourceInfo } from './sync/sources.js';
import { readSelection, saveSelection, selectionCounts } from './sync/selection.js';

export function createHandlers(services: Services): Handlers<Contract> {
  const { library, sync, reads } = services;
  const sources = () => listSources(library).map(sourceInfo);
  return withAudit(contract, library.db, {
    'library.info': () => library.info(),
    'publications.list': (input) => reads.run('publications.list', input),
    'publications.get': (input, ctx) => {
      const publication = getPublication(library.db, input.id);
      if (!publication) throw new AppError('not_found', translate(ctx.lang, 'error.not_found'));
      return publication;
    },
    search: async (input) => {
      const result = await reads.run('search', input);
      countSearch(library.db, input.q, input.offset, result.total);
      return result;
    },
    suggest: (input) => reads.run('suggest', input),
    facets: (input) => reads.run('facets', input),
    'reading.record': (input) => ({ recorded: recordRead(library.db, input.id) }),
    'publications.mostRead': (input) => reads.run('publications.mostRead', input),
    'usage.record': (input) => {
      countUsage(library.db, input.counter, input.n);
      return { recorded: true };
    },
    'usage.report': (input) => reads.run('usage.report', input),
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
    ...adminHandlers(services),
    ...updateHandlers(services),
  });
}

/**
 * The engine behind the contract: one handler per method, over an open library and the app's
 * services. The readers' and sync handlers are here; each other area brings its own. Methods
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
import { getPublication, listPublications } from './publications.js';
import { facets, search } from './search/search.js';
import { suggest } from './search/suggest.js';
import { mostRead, recordRead } from './reads.js';
import { countSearch, countUsage, usageBetween } from './usage.js';
import { addSource, listSources, removeSource, sourceInfo } from './sync/sources.js';
import { readSelection, saveSelection, selectionCounts } from './sync/selection.js';

export function createHandlers(services: Services): Handlers<Contract> {
  const { library, sync } = services;
  const sources = () => listSources(library).map(sourceInfo);
  return withAudit(contract, library.db, {
    'library.info': () => library.info(),
    'publications.list': (input) => listPublications(library.db, input),
    'publications.get': (input, ctx) => {
      const publication = getPublication(library.db, input.id);
      if (!publication) throw new AppError('not_found', translate(ctx.lang, 'error.not_found'));
      return publication;
    },
    search: (input) => {
      const result = search(library.db, input);
      countSearch(library.db, input.q, input.offset, result.total);
      return result;
    },
    suggest: (input) => suggest(library.db, input.q, input.limit),
    facets: (input) => facets(library.db, input.q, input.filters, input.asTyped),
    'reading.record': (input) => ({ recorded: recordRead(library.db, input.id) }),
    'publications.mostRead': (input) => mostRead(library.db, input.limit, input.days),
    'usage.record': (input) => {
      countUsage(library.db, input.counter, input.n);
      return { recorded: true };
    },
    'usage.report': (input) => usageBetween(library.db, input.from, input.to),
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

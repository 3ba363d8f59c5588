/**
 * The engine behind the contract: one handler per method, over an open library.
 * Transports (HTTP here, IPC in electron/) call these through shared/call.ts.
 */
import type { Handlers } from '../shared/call.js';
import type { Contract } from '../shared/contract.js';
import { AppError } from '../shared/errors.js';
import { translate } from '../shared/messages.js';
import type { Library } from './library.js';
import { getPublication, listPublications } from './publications.js';
import { facets, search } from './search/search.js';
import { suggest } from './search/suggest.js';

export function createHandlers(library: Library): Handlers<Contract> {
  return {
    'library.info': () => library.info(),
    'publications.list': (input) => listPublications(library.db, input),
    'publications.get': (input, ctx) => {
      const publication = getPublication(library.db, input.id);
      if (!publication) throw new AppError('not_found', translate(ctx.lang, 'error.not_found'));
      return publication;
    },
    search: (input) => search(library.db, input),
    suggest: (input) => suggest(library.db, input.q, input.limit),
    facets: (input) => facets(library.db, input.q, input.filters),
  };
}

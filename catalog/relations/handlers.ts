/** Handlers of an official's corrections to relations (shared/contract/relations.ts): each answers with the page shown. */
import type { Handlers } from '../../shared/call.js';
import type { relationsMethods } from '../../shared/contract/relations.js';
import { AppError } from '../../shared/errors.js';
import type { PublicationDetail } from '../../shared/domain.js';
import type { Services } from '../services.js';
import { correctRelation, removeRelation, restoreRelation } from './corrections.js';
import { publicationDetail } from './related.js';

export function relationsHandlers(services: Services): Handlers<typeof relationsMethods> {
  const { db } = services.library;
  const page = (id: string): PublicationDetail => {
    const detail = publicationDetail(db, id);
    if (!detail) throw new AppError('not_found', { key: 'error.not_found' });
    return detail;
  };
  return {
    'relations.correct': ({ shown, ...correction }) => {
      correctRelation(db, correction);
      return page(shown ?? correction.publicationId);
    },
    'relations.remove': ({ relationId, shown }) => {
      removeRelation(db, relationId);
      return page(shown);
    },
    'relations.restore': ({ relationId, shown }) => {
      restoreRelation(db, relationId);
      return page(shown);
    },
  };
}

/** Handlers of an official's corrections to relations (shared/contract/relations.ts): each answers with the page shown. */
import type { Handlers } from '../../shared/call.js';
import type { relationsMethods } from '../../shared/contract/relations.js';
import type { Services } from '../services.js';
import { correctRelation, removeRelation, restoreRelation } from './corrections.js';
import { publicationPage } from './related.js';

export function relationsHandlers(services: Services): Handlers<typeof relationsMethods> {
  const { db } = services.library;
  return {
    'relations.correct': ({ shown, ...correction }) => {
      correctRelation(db, correction);
      return publicationPage(db, shown ?? correction.publicationId);
    },
    'relations.remove': ({ relationId, shown }) => {
      removeRelation(db, relationId);
      return publicationPage(db, shown);
    },
    'relations.restore': ({ relationId, shown }) => {
      restoreRelation(db, relationId);
      return publicationPage(db, shown);
    },
  };
}

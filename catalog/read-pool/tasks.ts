/**
 * The reads a pool worker runs (./pool.ts): the contract's heavy read methods, each over a
 * connection of its own. Reads only: nothing here writes (search models and term counts are
 * refreshed by `refresh`, over a writable connection, when a read finds them stale).
 */
import type { Db } from '../db/open.js';
import type { Contract, ParsedInputOf } from '../../shared/contract.js';
import { listPublications } from '../publications.js';
import { publicationText } from '../reading/text-view.js';
import { mostRead } from '../reads.js';
import { facets, search } from '../search/search.js';
import { suggest } from '../search/suggest.js';
import { usageBetween } from '../usage.js';

type Input<M extends keyof Contract> = ParsedInputOf<Contract, M>;

export const READ_TASKS = {
  search: (db: Db, input: Input<'search'>) => search(db, input),
  suggest: (db: Db, input: Input<'suggest'>) => suggest(db, input.q, input.limit),
  facets: (db: Db, input: Input<'facets'>) => facets(db, input.q, input.filters, input.asTyped),
  'publications.list': (db: Db, input: Input<'publications.list'>) => listPublications(db, input),
  'publications.mostRead': (db: Db, input: Input<'publications.mostRead'>) => mostRead(db, input.limit, input.days),
  'publications.text': (db: Db, input: Input<'publications.text'>) => publicationText(db, input),
  'usage.report': (db: Db, input: Input<'usage.report'>) => usageBetween(db, input.from, input.to),
} satisfies { [M in keyof Contract]?: (db: Db, input: Input<M>) => Contract[M]['output'] };

export type ReadTask = keyof typeof READ_TASKS;
export type ReadInput<T extends ReadTask> = Parameters<(typeof READ_TASKS)[T]>[1];
export type ReadOutput<T extends ReadTask> = ReturnType<(typeof READ_TASKS)[T]>;

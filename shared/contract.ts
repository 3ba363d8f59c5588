/**
 * The one API contract: every engine method with its input schema (validated at the
 * boundary), its output type and who may call it. The preload bridge, the IPC bindings,
 * the HTTP routes and the renderer's client are all derived from this table.
 */
import { z } from 'zod';
import { PUBLICATION_KINDS, PUBLICATION_SORTS } from './domain.js';
import type { LibraryInfo, Page, Publication, PublicationSummary, Role } from './domain.js';

export type Access = Role;

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  access: Access;
  summary: string;
  input: I;
  /** Type-only marker of the result; never read at run time. */
  output: O;
}

/** Declares a method whose result has type O; the input type comes from the schema. */
function method<O>() {
  return <I extends z.ZodType>(spec: { access: Access; summary: string; input: I }): MethodSpec<I, O> => ({
    ...spec,
    output: undefined as O,
  });
}

const publicationId = z.string().min(1).max(200);

export const contract = {
  'library.info': method<LibraryInfo>()({
    access: 'anyone',
    summary: 'Counts and versions of this library.',
    input: z.object({}).strict(),
  }),
  'publications.list': method<Page<PublicationSummary>>()({
    access: 'anyone',
    summary: 'A page of publications, sorted.',
    input: z
      .object({
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(100).default(20),
        sort: z.enum(PUBLICATION_SORTS).default('title'),
        order: z.enum(['asc', 'desc']).optional(),
        kind: z.enum(PUBLICATION_KINDS).optional(),
      })
      .strict(),
  }),
  'publications.get': method<Publication>()({
    access: 'anyone',
    summary: 'One publication with its files.',
    input: z.object({ id: publicationId }).strict(),
  }),
} satisfies Record<string, MethodSpec>;

export type ContractTable = Record<string, MethodSpec>;
export type Contract = typeof contract;
export type MethodName = keyof Contract;

/** What a caller sends (defaults may be left out). */
export type InputOf<M extends MethodName, C extends ContractTable = Contract> = z.input<C[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<C extends ContractTable, M extends keyof C> = z.output<C[M]['input']>;
export type OutputOf<M extends MethodName, C extends ContractTable = Contract> = C[M]['output'];

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

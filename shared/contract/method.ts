/**
 * How a contract method is declared: who may call it, what it does, its input schema and (as a
 * type only) its result. Each area of the contract (shared/contract/*.ts) declares its methods
 * with `method`; shared/contract.ts merges them into the one table.
 */
import type { z } from 'zod';
import type { Role } from '../domain.js';

export type Access = Role;

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  access: Access;
  summary: string;
  input: I;
  /** Changes made through this method go into the audit log (who, what, when). */
  audited?: boolean;
  /** Type-only marker of the result; never read at run time. */
  output: O;
}

/** Declares a method whose result has type O; the input type comes from the schema. */
export function method<O>() {
  return <I extends z.ZodType>(spec: { access: Access; summary: string; input: I; audited?: boolean }): MethodSpec<I, O> => ({
    ...spec,
    output: undefined as O,
  });
}

/** Contract methods of the officials' administration of a station: storage, station settings, use charts and the report; merged into shared/contract.ts. */
import type { MethodSpec } from './method.js';

export const adminMethods = {} satisfies Record<string, MethodSpec>;

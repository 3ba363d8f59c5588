/** Contract methods of the librarian's desk: scanning, page editing, OCR, describing and saving documents; merged into shared/contract.ts. */
import type { MethodSpec } from './method.js';

export const deskMethods = {} satisfies Record<string, MethodSpec>;

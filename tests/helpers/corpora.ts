/**
 * The shared test corpora (../shared/corpora beside the repository), for the vitest suites, the
 * browser specs and the benchmarks (free of vitest). What needs them, or a part of them, skips
 * with a visible message naming what is missing — except under CI, where that is a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';

export const CORPORA = path.resolve(PACKAGE_ROOT, '../shared/corpora');

export function corpus(...parts: string[]): string {
  return path.join(CORPORA, ...parts);
}

const warned = new Set<string>();

/** Whether `part` of the corpora (a folder or file in it; all of them when omitted) is missing: said once, an error under CI. */
export function corpusMissing(part = ''): boolean {
  const where = corpus(part);
  if (fs.existsSync(where)) return false;
  if (process.env.CI) throw new Error(`${where} is missing: CI must provide ../shared beside the repository.`);
  if (!warned.has(where) && !warned.has(CORPORA)) console.warn(`⚠ Skipped what needs ${where}: not found (the shared corpora sit beside the repository).`);
  warned.add(where);
  return true;
}

export const corporaMissing = corpusMissing();

/** The reason a browser spec gives test.skip when it needs `part` of the corpora. */
export function corpusSkipReason(part = ''): string {
  return `${corpus(part)} not found: this test uses the shared corpora`;
}

/** A file of the corpora by its path in them (e.g. 'pdf/vn-congbao/…'), an error naming it when missing. */
export function corpusFile(name: string): string {
  const file = corpus(...name.split('/'));
  if (!fs.existsSync(file)) throw new Error(`missing corpora file: ${file}`);
  return file;
}

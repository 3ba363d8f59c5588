/**
 * The shared test corpora (../shared/corpora beside the repository). Tests that need them skip
 * with a visible message where they are absent — except under CI, where that is a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';

export const CORPORA = path.resolve(PACKAGE_ROOT, '../shared/corpora');
export const corporaMissing = !fs.existsSync(CORPORA);

if (corporaMissing) {
  if (process.env.CI) throw new Error(`${CORPORA} is missing: CI must provide ../shared beside the repository.`);
  console.warn(`⚠ Corpus tests skipped: ${CORPORA} not found (the shared corpora sit beside the repository).`);
}

export function corpus(...parts: string[]): string {
  return path.join(CORPORA, ...parts);
}

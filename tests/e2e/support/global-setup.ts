/**
 * Playwright's global setup: builds the e2e library once (e2e-library.ts) into a temporary
 * template folder, named to the workers by E2E_TEMPLATE_LIBRARY; each spec file's station
 * copies it (station.ts). The returned function, run after all tests, deletes the template.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildE2eLibrary } from './e2e-library.js';

export default async function globalSetup(): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-e2e-template-'));
  const libraryDir = path.join(root, 'library');
  await buildE2eLibrary(libraryDir);
  process.env.E2E_TEMPLATE_LIBRARY = libraryDir;
  return () => fs.rmSync(root, { recursive: true, force: true });
}

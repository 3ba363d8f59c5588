/**
 * Libraries for tests that close themselves: opened inside a test (or its beforeEach), when that
 * test finishes; opened anywhere else (a beforeAll, a describe body), after the test file.
 * Tests about closing and reopening a library still close it themselves (closing twice is harmless).
 */
import { TestRunner, afterAll, onTestFinished } from 'vitest';
import { Library } from '../../catalog/library.js';
import { tempDir } from './temp-dir.js';

const openForTheFile: Library[] = [];
afterAll(() => {
  for (const library of openForTheFile.splice(0)) library.close();
});

/** A new library in a new temporary folder (removed after the test file). */
export function tempLibrary(prefix = 'library-'): Promise<Library> {
  return openTestLibrary(tempDir(prefix));
}

/** The library in `dir` (made there if missing, e.g. by a CLI command the test ran), closed like tempLibrary's. */
export async function openTestLibrary(dir: string): Promise<Library> {
  const library = await Library.open(dir);
  if (TestRunner.getCurrentTest()) onTestFinished(() => library.close());
  else openForTheFile.push(library);
  return library;
}

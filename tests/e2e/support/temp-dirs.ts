/**
 * Temporary folders for a Playwright spec (tests/helpers/temp-dir.ts is vitest's): `tempDirs(test)`
 * in the spec file (or a describe) gives a maker, and the folders it made go in a test.afterAll.
 * Playwright runs afterAll hooks in the order they were added: call tempDirs after the hook that
 * closes a station or library kept in one of the folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { test as baseTest } from '@playwright/test';

export function tempDirs(test: typeof baseTest): (prefix: string) => string {
  const made: string[] = [];
  test.afterAll(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/**
 * Where a worker thread's script is: from the TypeScript sources (the calling module's URL ends
 * in .ts: tsx or vitest) its `<name>-tsx.mjs` sibling, which registers tsx in the new thread (it
 * does not inherit the loader) and imports `<name>.ts`; from compiled JavaScript `<name>.js`.
 */
export function workerEntry(moduleUrl: string, name: string): URL {
  return new URL(moduleUrl.endsWith('.ts') ? `./${name}-tsx.mjs` : `./${name}.js`, moduleUrl);
}

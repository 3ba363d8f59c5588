/**
 * The layer rule of DESIGN.md as code: renderer → shared ← catalog ← electron, and inside the
 * engine, the command line (catalog/cli/) is a way in that nothing else leans on. Holds the one
 * parser of imports the tests use (static, type-only, re-export, dynamic and require) and reports
 * the imports that cross a layer the wrong way.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

export const LAYERS = ['shared', 'catalog', 'electron', 'renderer'] as const;
export type Layer = (typeof LAYERS)[number];

/** Folders each layer may import from (relative imports). */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  shared: ['shared'],
  catalog: ['catalog', 'shared'],
  electron: ['electron', 'catalog', 'shared'],
  renderer: ['renderer', 'shared'],
};

/** The command line: only its own modules import it (bin/ and tests, outside the layers, may too). */
const CLI_DIR = 'catalog/cli/';

const NODE_BUILTINS = new Set(builtinModules);

function packageAllowed(layer: Layer, specifier: string): boolean {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  const isNode = specifier.startsWith('node:') || NODE_BUILTINS.has(name);
  switch (layer) {
    case 'shared':
      return name === 'zod';
    case 'renderer':
      return !isNode && !['electron', 'electron-updater', 'better-sqlite3', 'hono', '@hono/node-server'].includes(name);
    case 'catalog':
      return name !== 'electron' && name !== 'electron-updater';
    case 'electron':
      return true;
  }
}

/** One import of a module; type-only when nothing of it is left at run time (`import type`, `export type`). */
export interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Each pattern captures `type ` (when type-only) and the specifier. */
const IMPORT_PATTERNS = [
  /\bimport\s+(type\s+)?(?:[\w*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(type\s+)?[\w*{}\s,]+\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*()['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*()['"]([^'"]+)['"]\s*\)/g,
];

export function importsOf(source: string): Import[] {
  return IMPORT_PATTERNS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => ({ specifier: match[2], typeOnly: Boolean(match[1]) })));
}

/** Violations in one file, given its path relative to the repository root. */
export function layerViolations(relativeFile: string, source: string): string[] {
  const layer = relativeFile.split('/')[0] as Layer;
  if (!LAYERS.includes(layer)) return [];
  const problems: string[] = [];
  for (const specifier of new Set(importsOf(source).map((entry) => entry.specifier))) {
    if (specifier.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(relativeFile), specifier));
      const targetLayer = target.split('/')[0] as Layer;
      if (!MAY_IMPORT[layer].includes(targetLayer)) problems.push(`${relativeFile}: ${layer} imports ${specifier} (${targetLayer || 'outside the layers'})`);
      else if (target.startsWith(CLI_DIR) && !relativeFile.startsWith(CLI_DIR)) problems.push(`${relativeFile}: imports the command line ${specifier}`);
    } else if (!packageAllowed(layer, specifier)) {
      problems.push(`${relativeFile}: ${layer} imports the package ${specifier}`);
    }
  }
  return problems;
}

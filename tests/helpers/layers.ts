/**
 * The layer rule of DESIGN.md as code: renderer → shared ← catalog ← electron. Finds every
 * import in a source file and reports those that cross a layer the wrong way.
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

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

export function importsOf(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) for (const match of source.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

/** Violations in one file, given its path relative to the repository root. */
export function layerViolations(relativeFile: string, source: string): string[] {
  const layer = relativeFile.split('/')[0] as Layer;
  if (!LAYERS.includes(layer)) return [];
  const problems: string[] = [];
  for (const specifier of importsOf(source)) {
    if (specifier.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(relativeFile), specifier));
      const targetLayer = target.split('/')[0] as Layer;
      if (!MAY_IMPORT[layer].includes(targetLayer)) problems.push(`${relativeFile}: ${layer} imports ${specifier} (${targetLayer || 'outside the layers'})`);
    } else if (!packageAllowed(layer, specifier)) {
      problems.push(`${relativeFile}: ${layer} imports the package ${specifier}`);
    }
  }
  return problems;
}

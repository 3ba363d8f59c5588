/**
 * The scanner sources this station uses, in one list: SANE (Linux) and watched folders (any
 * platform). A new kind — eSCL driverless network scanners, Windows WIA — is one class
 * implementing ScannerSource (source.ts) and one line here; the desk finds a scanner's source
 * by its id prefix and nothing else changes.
 */
import type { ScannerInfo } from '../../shared/desk.js';
import { FolderSource } from './folder.js';
import type { TakenFiles } from './folder.js';
import { SaneSource } from './sane.js';
import type { ScannerSource } from './source.js';

export interface SourcesOptions {
  /** Environment of scanner programs (SANE_CONFIG_DIR, PATH). */
  env: NodeJS.ProcessEnv;
  scanimage?: string;
  saneArgs?: string[];
  folders: () => string[];
  taken: TakenFiles;
}

export function scannerSources(options: SourcesOptions): ScannerSource[] {
  return [new SaneSource({ command: options.scanimage, env: options.env, extraArgs: options.saneArgs }), new FolderSource({ folders: options.folders, taken: options.taken })];
}

/** Every scanner of every source; a source that fails to list is left out. */
export async function listScanners(sources: ScannerSource[]): Promise<ScannerInfo[]> {
  const lists = await Promise.all(sources.map((source) => source.list().catch(() => [])));
  return lists.flat();
}

export function sourceFor(sources: ScannerSource[], scannerId: string): ScannerSource | null {
  return sources.find((source) => source.owns(scannerId)) ?? null;
}

/**
 * Where a station keeps the feed documents it verified from each source — root, signature,
 * snapshot, pages, thesaurus additions — in a folder per source laid out as the feed itself is,
 * so export-bundle copies it and the LAN feed serves it unchanged (the hub's signature still decides).
 */
import path from 'node:path';
import type { Library } from '../library.js';

/** The feed cache folder of a source. */
export function feedCacheDir(library: Library, sourceId: number): string {
  return path.join(library.dir, 'feed-cache', String(sourceId));
}

/** The file of a feed path (`pages/<sha256>.json`…) in a folder laid out as a feed: a cache, a bundle. */
export function feedFileIn(cacheDir: string, feedPath: string): string {
  return path.join(cacheDir, ...feedPath.split('/'));
}

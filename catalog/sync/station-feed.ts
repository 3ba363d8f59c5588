/**
 * A station as a source for the next one on the LAN (DESIGN.md § Sync: "another station on the
 * LAN. Same code path."): under /feed/ it serves the hub's documents it verified and cached
 * (root, signature, snapshot, pages — bytes unchanged, so the hub's signature still decides)
 * and the files it holds, by sha256, from its store. Only a file the catalog says is present
 * is served. With several sources, the one synced most recently is offered.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FetchHandler } from '../http/files.js';
import { STATION_FEED_PREFIX } from '../http/server.js';
import { createFeedHandlerWith } from '../feed/hub-server.js';
import type { FeedFile } from '../feed/hub-server.js';
import type { Library } from '../library.js';
import { feedCacheDir } from './apply.js';

const DOCUMENT = /^\/(root\.json|(signatures|pages)\/[0-9a-f]{64}\.json|snapshots\/[0-9a-f]{64}\.jsonl)$/;
const FILE = /^\/files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

async function statFile(file: string): Promise<FeedFile | null> {
  const stat = await fs.stat(file).catch(() => null);
  return stat?.isFile() ? { file, size: stat.size, mtimeMs: stat.mtimeMs } : null;
}

export function createStationFeedHandler(library: Library): FetchHandler {
  const present = library.db.prepare("SELECT size FROM files WHERE sha256 = ? AND state = 'present'").pluck();
  const offered = library.db.prepare('SELECT id FROM sync_sources WHERE last_sequence IS NOT NULL ORDER BY last_sync_at DESC, id LIMIT 1').pluck();
  return createFeedHandlerWith(async (pathname) => {
    const file = FILE.exec(pathname);
    if (file) {
      if (file[1] !== file[2].slice(0, 2)) return null;
      const size = present.get(file[2]) as number | undefined;
      const found = size === undefined ? null : await statFile(library.files.pathOf(file[2]));
      return found?.size === size ? found : null;
    }
    const sourceId = offered.get() as number | undefined;
    if (!DOCUMENT.test(pathname) || sourceId === undefined) return null;
    return statFile(path.join(feedCacheDir(library, sourceId), ...pathname.slice(1).split('/')));
  }, STATION_FEED_PREFIX);
}

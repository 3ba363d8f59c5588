/**
 * A station as a source for the next one on the LAN (DESIGN.md § Sync: "another station on the
 * LAN. Same code path."): under /feed/ it serves the hub's documents it verified and cached
 * (root, signature, snapshot, pages, thesaurus additions — bytes unchanged, so the hub's signature still decides),
 * the files it holds and the text objects it keeps, by sha256, from its stores. Only a file the
 * catalog says is present, and a text object a publication names, is served. With several
 * sources, the one synced most recently is offered.
 */
import fs from 'node:fs/promises';
import type { FetchHandler } from '../http/files.js';
import { STATION_FEED_PREFIX } from '../http/server.js';
import { createFeedHandlerWith } from '../feed/feed-server.js';
import type { FeedFile } from '../feed/feed-server.js';
import type { Library } from '../library.js';
import { feedCacheDir, feedFileIn } from './feed-cache.js';

const DOCUMENT = /^\/(root\.json|(signatures|pages)\/[0-9a-f]{64}\.json|snapshots\/[0-9a-f]{64}\.jsonl|thesaurus\/[0-9a-f]{64}\.txt)$/;
const BLOB = /^\/(files|texts)\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

async function statFile(file: string): Promise<FeedFile | null> {
  const stat = await fs.stat(file).catch(() => null);
  return stat?.isFile() ? { file, size: stat.size, mtimeMs: stat.mtimeMs } : null;
}

export function createStationFeedHandler(library: Library): FetchHandler {
  const present = library.db.prepare("SELECT size FROM files WHERE sha256 = ? AND state = 'present'").pluck();
  const named = library.db.prepare('SELECT text_size FROM publications WHERE text_sha256 = ? LIMIT 1').pluck();
  const offered = library.db.prepare('SELECT s.id FROM sync_sources s JOIN sync_keys k ON k.key_id = s.key_id ORDER BY s.last_sync_at DESC, s.id LIMIT 1').pluck();
  return createFeedHandlerWith(async (pathname) => {
    const blob = BLOB.exec(pathname);
    if (blob) {
      const [, kind, prefix, sha256] = blob;
      if (prefix !== sha256.slice(0, 2)) return null;
      // A file the catalog says is present, a text object a publication names; the size on disk must agree.
      const size = (kind === 'files' ? present : named).get(sha256) as number | undefined;
      const found = size === undefined ? null : await statFile((kind === 'files' ? library.files : library.texts).pathOf(sha256));
      return found?.size === size ? found : null;
    }
    const sourceId = offered.get() as number | undefined;
    if (!DOCUMENT.test(pathname) || sourceId === undefined) return null;
    return statFile(feedFileIn(feedCacheDir(library, sourceId), pathname.slice(1)));
  }, STATION_FEED_PREFIX);
}

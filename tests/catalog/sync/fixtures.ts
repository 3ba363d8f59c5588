/** A hub library with a published feed, and stations that sync from it, for the sync tests. */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, expect } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { publish } from '../../../catalog/feed/publish.js';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { ROOT_PATH, rootSchema } from '../../../catalog/feed/root.js';
import type { FeedRoot } from '../../../catalog/feed/root.js';
import { listen } from '../../../catalog/http/server.js';
import type { RunningServer } from '../../../catalog/http/server.js';
import { SyncRefusedError } from '../../../catalog/sync/errors.js';
import { getSource } from '../../../catalog/sync/sources.js';
import type { SyncSourceRow } from '../../../catalog/sync/sources.js';
import type { OpenWrite } from '../../../catalog/sync/stage.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { addDocument, keys } from '../feed/fixtures.js';

export { addDocument, keys };

export async function hubWith(ids: string[], contentSize = 64) {
  const library = await tempLibrary('sync-hub-');
  for (const id of ids) await addDocument(library, id, `Luật ${id}`, `%PDF-1.4 ${id} ${'x'.repeat(contentSize)}`);
  const key = keys();
  const feedDir = path.join(tempDir('sync-feed-'), 'feed');
  const publishNow = (now = new Date()) => publish(library, { outDir: feedDir, privateKey: key.privateKey, now });
  await publishNow();
  return { library, key, feedDir, publishNow };
}

export async function stationWithSource(location: string, publicKeyPath: string): Promise<{ station: Library; row: () => SyncSourceRow }> {
  const station = await tempLibrary('sync-station-');
  const pem = fs.readFileSync(publicKeyPath, 'utf8');
  const id = Number(station.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(location, JSON.stringify([pem])).lastInsertRowid);
  return { station, row: () => getSource(station, id) };
}

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Serves a feed folder over HTTP on 127.0.0.1 (closed after the test file). */
export async function serveFeed(feedDir: string): Promise<RunningServer> {
  const server = await listen(createFeedApp(feedDir, ['127.0.0.1', 'localhost']), '127.0.0.1', 0);
  servers.push(server);
  return server;
}

/**
 * What a sync could write, row by row: publications (every column), their files and file states,
 * texts, sections, the change log and the trust state per key. Compared before and after a
 * refused feed, so a rewritten title or file state shows, not only a changed count.
 */
export function snapshotOf(library: Library) {
  const all = (sql: string) => library.db.prepare(sql).all();
  return {
    publications: all('SELECT * FROM publications ORDER BY id'),
    files: all('SELECT sha256, size, media_type, state, wanted FROM files ORDER BY sha256'),
    links: all('SELECT * FROM publication_files ORDER BY publication_id, sha256'),
    texts: all('SELECT publication_id, length(text) AS length, object_sha256 FROM publication_texts ORDER BY publication_id'),
    sections: library.db.prepare('SELECT count(*) FROM sections').pluck().get(),
    changes: library.db.prepare('SELECT count(*) FROM changes').pluck().get(),
    keys: all('SELECT key_id, last_sequence, last_root_sha256, last_change, snapshot_sha256, snapshot_offset FROM sync_keys ORDER BY key_id'),
  };
}

/** A sync refused with this code (and a message matching, when given), nothing written (snapshotOf); the error. */
export async function expectRefused(station: Library, run: () => Promise<unknown>, code: string, message?: RegExp): Promise<SyncRefusedError> {
  const before = snapshotOf(station);
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SyncRefusedError);
  expect((error as SyncRefusedError).code).toBe(code);
  if (message) expect((error as Error).message).toMatch(message);
  expect(snapshotOf(station)).toEqual(before);
  return error as SyncRefusedError;
}

/** The root.json of a feed folder, parsed. */
export function readRoot(feedDir: string): FeedRoot {
  return rootSchema.parse(JSON.parse(fs.readFileSync(path.join(feedDir, ROOT_PATH), 'utf8')));
}

/** A copy of a feed folder, to tamper with. */
export function copyFeed(feedDir: string): string {
  const copy = path.join(tempDir('sync-copy-'), 'feed');
  fs.cpSync(feedDir, copy, { recursive: true });
  return copy;
}

/** mulberry32: a small seeded PRNG, so a random fault schedule reproduces from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A writer that fails like a full disk once `limit` bytes were written through it to the files `which` names. */
export function diskFull(limit: number, which: (file: string) => boolean = () => true): { openWrite: OpenWrite; opened: string[] } {
  let written = 0;
  const opened: string[] = [];
  const openWrite: OpenWrite = (file, flags) => {
    const real = fs.createWriteStream(file, { flags });
    if (!which(file)) return real;
    opened.push(file);
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (written + chunk.length > limit) {
          const error = Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
          real.write(chunk.subarray(0, Math.max(0, limit - written)), () => real.end(() => callback(error)));
          written = limit;
          return;
        }
        written += chunk.length;
        real.write(chunk, callback);
      },
      final(callback) {
        real.end(callback);
      },
    });
  };
  return { openWrite, opened };
}

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
import { sha256Hex } from '../../../catalog/store/hash.js';
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

/** Tables a sync writes (catalog/sync/apply.ts and what it calls), compared row by row, every column. */
const SYNC_TABLES = [
  'publications',
  'files',
  'publication_files',
  'sections',
  'passages',
  'relations',
  'relation_readings',
  'demo_publications',
  'text_extractions',
  'search_docs',
  'reads',
  'changes',
  'sync_keys',
  'settings',
  'term_stats',
  'search_models',
  'sqlite_sequence',
] as const;
/** The full-text indexes' own tables (binary segments), compared by one sha256 over their rows each. */
const INDEX_TABLES = ['meta_fts_data', 'meta_fts_idx', 'meta_fts_docsize', 'meta_fts_config', 'passage_fts_data', 'passage_fts_idx', 'passage_fts_docsize', 'passage_fts_config'] as const;

/** Columns left out: when a key was last heard from, which a run that finds the feed up to date refreshes. */
const NOT_COMPARED: Partial<Record<string, string>> = { sync_keys: 'updated_at' };

/** A row as one comparable string (blobs as hex), so rows sort the same whatever order SQLite gives them in. */
const rowKey = (row: Record<string, unknown>) => JSON.stringify(Object.entries(row).map(([column, value]) => [column, Buffer.isBuffer(value) ? value.toString('hex') : value]));

/**
 * What a sync could write: every row of every table it writes (texts by the sha256 of the text,
 * NOT_COMPARED aside), the full-text indexes by a hash over their rows. Compared before and after
 * a refused feed, so a rewritten title, file state, section, text or change shows, not only a
 * changed count (snapshot-of.test.ts proves it).
 */
export function snapshotOf(library: Library) {
  const rowsOf = (table: string) =>
    (library.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[])
      .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column !== NOT_COMPARED[table])))
      .sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : 1));
  const texts = (library.db.prepare('SELECT * FROM publication_texts ORDER BY publication_id').all() as { text: string }[]).map(({ text, ...row }) => ({ ...row, text: sha256Hex(text) }));
  const indexes = Object.fromEntries(INDEX_TABLES.map((table) => [table, sha256Hex(rowsOf(table).map(rowKey).join('\n'))]));
  return { ...Object.fromEntries(SYNC_TABLES.map((table) => [table, rowsOf(table)])), publication_texts: texts, indexes };
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

/** The seeded PRNG lives in tests/helpers/prng.ts (child processes load it too); re-exported for the sync tests. */
export { prng } from '../../helpers/prng.js';

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

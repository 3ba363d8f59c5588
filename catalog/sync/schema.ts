/**
 * Schema of migration 11: trust and progress kept per hub key (not per location), the feed's text
 * objects, texts a station extracted itself, and the demo set marked so it can retire. The data
 * step moves each source's state to its key, makes national what a synced feed carries (a hub's
 * imports used to arrive as 'local'), and marks the demo set's rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import type { Db } from '../db/open.js';
import { keyIdOf } from '../feed/keys.js';
import { feedPublicationSchema, pageSchema } from '../feed/pages.js';
import { rootSchema } from '../feed/root.js';
import { readSnapshotLines } from '../feed/snapshot-file.js';
import { DEMO_DIR } from '../package-root.js';

export const SYNC_TEXTS_SCHEMA = `
  -- What a station trusts and how far it applied, per hub signing key: every location that
  -- carries that key's feed (URL, USB folder, a neighbour station) is checked against it.
  CREATE TABLE sync_keys (
    key_id           TEXT PRIMARY KEY CHECK (length(key_id) = 64),
    last_sequence    INTEGER NOT NULL, -- the highest root sequence accepted under this key
    last_root_sha256 TEXT NOT NULL,    -- sha256 of that root's bytes: another root with this sequence is a fork
    last_change      INTEGER,          -- the hub's last change applied (snapshot or page)
    snapshot_sha256  TEXT,             -- a snapshot being applied in batches,
    snapshot_offset  INTEGER,          -- and how many of its bytes are applied
    updated_at       TEXT NOT NULL
  ) STRICT;
  -- The key that signed the last root accepted from this location.
  ALTER TABLE sync_sources ADD COLUMN key_id TEXT;

  -- The feed's text object of a publication (null: the feed carries none for it).
  ALTER TABLE publications ADD COLUMN text_sha256 TEXT;
  ALTER TABLE publications ADD COLUMN text_size INTEGER;
  -- At a station: the text object a stored text came from (null: extracted or imported here).
  -- At a hub: the text object published for this text (null: not published yet).
  ALTER TABLE publication_texts ADD COLUMN object_sha256 TEXT;
  ALTER TABLE publication_texts ADD COLUMN object_size INTEGER;

  -- A station's own extraction of a synced document's file (the feed carried no text), so the
  -- same file is not extracted again and again.
  CREATE TABLE text_extractions (
    publication_id TEXT PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE,
    file_sha256    TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('extracted', 'empty', 'failed')),
    detail         TEXT,
    at             TEXT NOT NULL
  ) STRICT;

  -- The demo set (catalog/demo/) while it stands in for a real catalog: it retires when the
  -- first feed is applied (its documents merge into the synced ones or leave).
  CREATE TABLE demo_publications (
    publication_id TEXT PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE
  ) STRICT, WITHOUT ROWID;
`;

interface LegacySource {
  id: number;
  trusted_keys: string;
  last_sequence: number | null;
  last_root_sha256: string | null;
  last_change: number | null;
  snapshot_sha256: string | null;
  snapshot_offset: number | null;
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The key that signed a source's cached root, else its one pinned key, else all of them. */
function keysOf(source: LegacySource, cacheDir: string | null): string[] {
  if (cacheDir) {
    try {
      return [rootSchema.parse(readJson(path.join(cacheDir, 'root.json'))).keyId];
    } catch {
      // no cached root: fall back to the pinned keys
    }
  }
  return (JSON.parse(source.trusted_keys) as string[]).map((pem) => keyIdOf(createPublicKey(pem)));
}

/** Every publication id a cached feed carries (its snapshot and the pages after it). */
function idsInCache(cacheDir: string): Set<string> {
  const ids = new Set<string>();
  try {
    const root = rootSchema.parse(readJson(path.join(cacheDir, 'root.json')));
    if (root.snapshot) {
      let header = true;
      for (const line of readSnapshotLines(path.join(cacheDir, ...root.snapshot.path.split('/')))) {
        if (!header) ids.add(feedPublicationSchema.parse(JSON.parse(line.text)).id);
        header = false;
      }
    }
    for (const ref of root.pages) {
      const file = path.join(cacheDir, ...ref.path.split('/'));
      if (!fs.existsSync(file)) continue;
      for (const op of pageSchema.parse(readJson(file)).ops) if (op.op === 'put') ids.add(op.publication.id);
    }
  } catch {
    // a cache that cannot be read adds nothing; the next sync applies what it needs
  }
  return ids;
}

function demoIds(): string[] {
  try {
    return (readJson(path.join(DEMO_DIR, 'manifest.json')) as { publications: { id: string }[] }).publications.map((p) => p.id);
  } catch {
    return [];
  }
}

export function migrateSyncTexts(db: Db): void {
  const libraryDir = db.name && db.name !== ':memory:' ? path.dirname(db.name) : null;
  const cacheOf = (id: number) => (libraryDir ? path.join(libraryDir, 'feed-cache', String(id)) : null);
  const sources = db.prepare('SELECT * FROM sync_sources ORDER BY id').all() as LegacySource[];
  const upsert = db.prepare(
    `INSERT INTO sync_keys (key_id, last_sequence, last_root_sha256, last_change, snapshot_sha256, snapshot_offset, updated_at)
     VALUES (@key, @last_sequence, @last_root_sha256, @last_change, @snapshot_sha256, @snapshot_offset, @now)
     ON CONFLICT (key_id) DO UPDATE SET last_sequence = excluded.last_sequence, last_root_sha256 = excluded.last_root_sha256,
       last_change = excluded.last_change, snapshot_sha256 = excluded.snapshot_sha256, snapshot_offset = excluded.snapshot_offset
     WHERE excluded.last_sequence > sync_keys.last_sequence`,
  );
  const now = new Date().toISOString();
  const carried = new Set<string>();
  for (const source of sources) {
    if (source.last_sequence === null || source.last_root_sha256 === null) continue;
    const keys = keysOf(source, cacheOf(source.id));
    for (const key of keys) upsert.run({ ...source, key, now });
    db.prepare('UPDATE sync_sources SET key_id = ? WHERE id = ?').run(keys[0], source.id);
    const cacheDir = cacheOf(source.id);
    if (cacheDir) for (const id of idsInCache(cacheDir)) carried.add(id);
  }
  for (const column of ['last_sequence', 'last_root_sha256', 'last_change', 'snapshot_sha256', 'snapshot_offset']) {
    db.exec(`ALTER TABLE sync_sources DROP COLUMN ${column}`);
  }
  // What a synced feed carries is national, whoever made it at the hub.
  db.prepare("UPDATE publications SET origin = 'national' WHERE origin = 'local' AND id IN (SELECT value FROM json_each(?))").run(JSON.stringify([...carried]));
  // The demo set's rows, unless a feed carries them (then they are the feed's).
  const demo = demoIds().filter((id) => !carried.has(id));
  db.prepare(
    `INSERT INTO demo_publications (publication_id)
     SELECT id FROM publications WHERE origin = 'national' AND id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify(demo));
}

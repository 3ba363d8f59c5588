/**
 * A station's sync sources (table sync_sources): their rows, read joined with the trust of the
 * key that signed their last root (key-state.ts); adding one with its pinned public keys (a new
 * source without a key is refused; more keys can be added later, never silently replaced);
 * listing them for the app, their last error by reference; and removing one (its feed cache goes,
 * the catalog it brought stays). Locations are normalised: an http(s) URL ending in '/', or an
 * absolute folder path.
 */
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { SyncSourceInfo } from '../../shared/sync-status.js';
import { keyIdOf } from '../feed/keys.js';
import type { Library } from '../library.js';
import { feedCacheDir } from './feed-cache.js';
import { readStoredRef } from '../db/stored-refs.js';

export interface SyncSourceRow {
  id: number;
  location: string;
  trusted_keys: string;
  label: string | null;
  last_sync_at: string | null;
  /** The last run's error or warning, a reference in JSON (catalog/db/stored-refs.ts). */
  last_error: string | null;
  /** The key that signed the last root accepted from this location; its state follows. */
  key_id: string | null;
  last_sequence: number | null;
  last_root_sha256: string | null;
  last_change: number | null;
  snapshot_sha256: string | null;
  snapshot_offset: number | null;
}

const SOURCE_SELECT = `SELECT s.id, s.location, s.trusted_keys, s.label, s.last_sync_at, s.last_error, s.key_id,
  k.last_sequence, k.last_root_sha256, k.last_change, k.snapshot_sha256, k.snapshot_offset
  FROM sync_sources s LEFT JOIN sync_keys k ON k.key_id = s.key_id`;

export function getSource(library: Library, id: number): SyncSourceRow {
  return library.db.prepare(`${SOURCE_SELECT} WHERE s.id = ?`).get(id) as SyncSourceRow;
}

/** An http(s) URL with a trailing '/', or the absolute form of a folder path. */
export function normalizeLocation(location: string): string {
  if (/^https?:\/\//i.test(location)) {
    const url = new URL(location);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    return url.toString();
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new AppError('invalid_input', { key: 'sync.locationUnsupported', params: { location: location.slice(0, 200) } });
  }
  return path.resolve(location);
}

/** The SPKI PEM of an Ed25519 public key given as PEM text; anything else is refused. */
function ed25519Pem(text: string): string {
  let key;
  try {
    key = createPublicKey(text);
  } catch {
    throw new AppError('invalid_input', { key: 'sync.keyUnreadable' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('invalid_input', { key: 'sync.keyNotEd25519', params: { type: String(key.asymmetricKeyType) } });
  return key.export({ type: 'spki', format: 'pem' }) as string;
}

/** Registers a source, or adds keys (and a label) to an existing one. */
export function addSource(library: Library, input: { location: string; label?: string; publicKeys: string[] }): SyncSourceRow {
  const location = normalizeLocation(input.location);
  const pems = input.publicKeys.map(ed25519Pem);
  const found = library.db.prepare('SELECT id, trusted_keys FROM sync_sources WHERE location = ?').get(location) as { id: number; trusted_keys: string } | undefined;
  if (!found) {
    if (pems.length === 0) {
      throw new AppError('invalid_input', { key: 'sync.keyNeeded', params: { location } });
    }
    const id = library.db
      .prepare('INSERT INTO sync_sources (location, trusted_keys, label) VALUES (?, ?, ?)')
      .run(location, JSON.stringify([...new Set(pems)]), input.label ?? null).lastInsertRowid;
    return getSource(library, Number(id));
  }
  const keys = [...new Set([...(JSON.parse(found.trusted_keys) as string[]), ...pems])];
  library.db.prepare('UPDATE sync_sources SET trusted_keys = ?, label = coalesce(?, label) WHERE id = ?').run(JSON.stringify(keys), input.label ?? null, found.id);
  return getSource(library, found.id);
}

export function sourceInfo(row: SyncSourceRow): SyncSourceInfo {
  return {
    id: row.id,
    location: row.location,
    label: row.label,
    keyIds: (JSON.parse(row.trusted_keys) as string[]).map((pem) => keyIdOf(createPublicKey(pem))),
    lastSequence: row.last_sequence,
    lastSyncAt: row.last_sync_at,
    lastError: readStoredRef(row.last_error),
  };
}

export function listSources(library: Library): SyncSourceRow[] {
  return library.db.prepare(`${SOURCE_SELECT} ORDER BY s.id`).all() as SyncSourceRow[];
}

/** Forgets a source and its feed cache; the publications it brought stay in the catalog. */
export async function removeSource(library: Library, id: number): Promise<void> {
  const removed = library.db.prepare('DELETE FROM sync_sources WHERE id = ?').run(id).changes;
  if (removed === 0) throw new AppError('not_found', { key: 'sync.noSuchSource', params: { id } });
  await fs.rm(feedCacheDir(library, id), { recursive: true, force: true });
}

/**
 * A station's trust per hub signing key (docs/feed.md § Trust): what every location of that key
 * shares — the highest root accepted and its hash (so an old USB stick or a neighbour's old
 * /feed/ can neither roll back nor fork it), the hub change applied, and a snapshot being applied
 * in batches — and the writes an apply makes to it.
 */
import type { Db } from '../db/open.js';

export interface KeyState {
  key_id: string;
  last_sequence: number;
  last_root_sha256: string;
  last_change: number | null;
  snapshot_sha256: string | null;
  snapshot_offset: number | null;
}

export function keyState(db: Db, keyId: string): KeyState | null {
  return (db.prepare('SELECT key_id, last_sequence, last_root_sha256, last_change, snapshot_sha256, snapshot_offset FROM sync_keys WHERE key_id = ?').get(keyId) as KeyState | undefined) ?? null;
}

/** The writes of one apply, each run inside the caller's transaction. */
export function keyStateWriter(db: Db, keyId: string, sourceId: number, now: string) {
  const accept = db.prepare(
    `INSERT INTO sync_keys (key_id, last_sequence, last_root_sha256, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key_id) DO UPDATE SET last_sequence = excluded.last_sequence, last_root_sha256 = excluded.last_root_sha256, updated_at = excluded.updated_at`,
  );
  const source = db.prepare('UPDATE sync_sources SET key_id = ? WHERE id = ?');
  const cursor = db.prepare('UPDATE sync_keys SET last_change = ?, snapshot_sha256 = NULL, snapshot_offset = NULL, updated_at = ? WHERE key_id = ?');
  const snapshot = db.prepare('UPDATE sync_keys SET snapshot_sha256 = ?, snapshot_offset = ?, updated_at = ? WHERE key_id = ?');
  return {
    /** The root is accepted: no location may offer an older one, or another with this sequence, from now on. */
    acceptRoot(sequence: number, rootSha256: string): void {
      accept.run(keyId, sequence, rootSha256, now);
      source.run(keyId, sourceId);
    },
    setCursor(lastChange: number): void {
      cursor.run(lastChange, now, keyId);
    },
    setSnapshotOffset(sha256: string, offset: number): void {
      snapshot.run(sha256, offset, now, keyId);
    },
  };
}

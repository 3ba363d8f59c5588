/**
 * Applying a feed's metadata to a station's catalog (docs/feed.md § Trust). The root is verified
 * against the source's pinned keys and last accepted sequence before anything is written; the
 * pages (and, for a new station, the snapshot) it needs are fetched and checked against the
 * sha256 and size the root gives; then each is applied in one transaction that also advances the
 * source's cursor. Files are linked 'pending' (kept 'present' if already held); download.ts fetches them.
 */
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { deletePublication, saveDocuments } from '../documents.js';
import type { Library } from '../library.js';
import { pageSchema, snapshotSchema } from '../feed/pages.js';
import type { FeedPublication } from '../feed/pages.js';
import { ROOT_PATH, sha256Hex, signaturePathOf, verifyRoot } from '../feed/root.js';
import type { VerifyFailure } from '../feed/root.js';
import { SourceError } from './source.js';
import type { FeedSource } from './source.js';

export const MAX_ROOT_BYTES = 4 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;

export interface SyncSourceRow {
  id: number;
  location: string;
  trusted_keys: string;
  last_sequence: number | null;
  last_root_sha256: string | null;
  last_change: number | null;
  last_sync_at: string | null;
  last_error: string | null;
}

/** A feed the station refuses; nothing was written. */
export class SyncRefusedError extends Error {
  constructor(
    readonly code: VerifyFailure | 'bad_page' | 'bad_snapshot',
    message: string,
  ) {
    super(`Từ chối nguồn cấp / Feed refused (${code}): ${message}`);
  }
}

/** The station's disk (or database size limit) is full: the page being applied was rolled back; retry later. */
export class SyncDiskFullError extends Error {
  constructor(cause: unknown) {
    super('Đĩa đầy: không ghi được danh mục, giữ nguyên danh mục trước; sẽ thử lại sau / The disk is full: the catalog could not be written; the previous catalog is kept and sync will be retried later', { cause });
  }
}

const isFull = (error: unknown) => ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'ENOSPC'].includes((error as { code?: string } | null)?.code ?? '');

export interface SyncResult {
  status: 'applied' | 'unchanged' | 'expired';
  warning?: string;
  sequence: number;
  added: number;
  updated: number;
  deleted: number;
}

export function getSource(library: Library, id: number): SyncSourceRow {
  return library.db.prepare('SELECT * FROM sync_sources WHERE id = ?').get(id) as SyncSourceRow;
}

function pinnedKeys(row: SyncSourceRow): KeyObject[] {
  return (JSON.parse(row.trusted_keys) as string[]).map((pem) => createPublicKey(pem));
}

/** Where a station keeps the verified feed documents of a source, in a feed's layout (export-bundle copies it). */
export function feedCacheDir(library: Library, sourceId: number): string {
  return path.join(library.dir, 'feed-cache', String(sourceId));
}

const fileExists = (file: string) => fs.stat(file).then((s) => s.isFile(), () => false);

/** Writes `bytes` at `file` under a temporary name, then renames it into place. */
export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Reads a content-addressed document and checks it against the size and hash the root gives. */
async function readBytesVerified(source: FeedSource, ref: { path: string; sha256: string; size: number }, code: 'bad_page' | 'bad_snapshot'): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(ref.path, ref.size);
  } catch (error) {
    if (error instanceof SourceError && /larger than/.test(error.message)) {
      throw new SyncRefusedError(code, `${ref.path} lớn hơn kích thước đã ký / is larger than its signed size`);
    }
    throw error;
  }
  if (bytes.length !== ref.size || sha256Hex(bytes) !== ref.sha256) {
    throw new SyncRefusedError(code, `${ref.path} không khớp mã băm hoặc kích thước đã ký / does not match its signed sha256 or size`);
  }
  return bytes;
}

function parseJson(bytes: Uint8Array, ref: { path: string }, code: 'bad_page' | 'bad_snapshot'): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new SyncRefusedError(code, `${ref.path} không phải JSON / is not JSON`);
  }
}

type Step =
  | { kind: 'snapshot'; lastChange: number; publications: FeedPublication[] }
  | { kind: 'page'; lastChange: number; ops: ({ op: 'put'; publication: FeedPublication } | { op: 'delete'; id: string })[] };

export async function syncOnce(library: Library, row: SyncSourceRow, source: FeedSource, now = new Date()): Promise<SyncResult> {
  const rootBytes = await source.read(ROOT_PATH, MAX_ROOT_BYTES);
  let signature: Uint8Array | null = null;
  try {
    signature = await source.read(signaturePathOf(rootBytes), MAX_SIGNATURE_BYTES);
  } catch (error) {
    if (!(error instanceof SourceError && error.notFound)) throw error;
  }
  const verified = verifyRoot(rootBytes, signature, {
    keys: pinnedKeys(row),
    lastSequence: row.last_sequence ?? undefined,
    lastRootSha256: row.last_root_sha256 ?? undefined,
  }, now);
  if (!verified.ok) throw new SyncRefusedError(verified.code, verified.message);
  const { root, sha256 } = verified;
  const base = { sequence: root.sequence, added: 0, updated: 0, deleted: 0 };
  if (verified.expired) {
    return { ...base, status: 'expired', warning: `Nguồn cấp đã hết hạn (${root.expiresAt}); giữ danh mục hiện tại / The feed expired (${root.expiresAt}); the current catalog is kept` };
  }
  if (root.sequence === row.last_sequence && sha256 === row.last_root_sha256) return { ...base, status: 'unchanged' };

  // Everything needed is fetched and checked before the first write.
  const steps: Step[] = [];
  /** Verified documents to keep in the feed cache (feed path → bytes). */
  const verifiedDocs = new Map<string, Uint8Array>();
  const readVerified = async (ref: { path: string; sha256: string; size: number }, code: 'bad_page' | 'bad_snapshot') => {
    const bytes = await readBytesVerified(source, ref, code);
    verifiedDocs.set(ref.path, bytes);
    return parseJson(bytes, ref, code);
  };
  let cursor = row.last_change ?? -1;
  if (row.last_change === null && root.snapshot) {
    const parsed = snapshotSchema.safeParse(await readVerified(root.snapshot, 'bad_snapshot'));
    if (!parsed.success || parsed.data.lastChange !== root.snapshot.lastChange) throw new SyncRefusedError('bad_snapshot', `${root.snapshot.path} sai định dạng / is malformed`);
    steps.push({ kind: 'snapshot', lastChange: parsed.data.lastChange, publications: parsed.data.publications });
    cursor = parsed.data.lastChange;
  }
  for (const ref of root.pages) {
    if (ref.lastChange <= cursor) continue;
    const parsed = pageSchema.safeParse(await readVerified(ref, 'bad_page'));
    if (!parsed.success || parsed.data.firstChange !== ref.firstChange || parsed.data.lastChange !== ref.lastChange) {
      throw new SyncRefusedError('bad_page', `${ref.path} sai định dạng / is malformed`);
    }
    steps.push({ kind: 'page', lastChange: ref.lastChange, ops: parsed.data.ops });
    cursor = ref.lastChange;
  }

  // The feed cache (export-bundle): the documents a new station needs from this root, verified.
  // Content-addressed files first; root.json only after the last page is committed.
  const cacheDir = feedCacheDir(library, row.id);
  let cacheComplete = true;
  try {
    const needed = [
      ...(root.snapshot ? [{ ref: root.snapshot, code: 'bad_snapshot' as const }] : []),
      ...root.pages.filter((ref) => !root.snapshot || ref.lastChange > root.snapshot.lastChange).map((ref) => ({ ref, code: 'bad_page' as const })),
    ];
    for (const { ref, code } of needed) {
      if (!verifiedDocs.has(ref.path) && !(await fileExists(path.join(cacheDir, ref.path)))) {
        verifiedDocs.set(ref.path, await readBytesVerified(source, ref, code));
      }
    }
    verifiedDocs.set(signaturePathOf(rootBytes), signature ?? new Uint8Array());
    for (const [feedPath, bytes] of verifiedDocs) {
      const file = path.join(cacheDir, ...feedPath.split('/'));
      if (!(await fileExists(file))) await writeAtomic(file, bytes);
    }
  } catch {
    cacheComplete = false; // the cache is a convenience: the catalog is still applied
  }

  const db = library.db;
  const exists = db.prepare('SELECT 1 FROM publications WHERE id = ?').pluck();
  const setCursor = db.prepare('UPDATE sync_sources SET last_change = ? WHERE id = ?');
  const setRoot = db.prepare('UPDATE sync_sources SET last_sequence = ?, last_root_sha256 = ? WHERE id = ?');
  const stamp = now.toISOString();
  const put = (pub: FeedPublication) => {
    if (exists.get(pub.id)) base.updated += 1;
    else base.added += 1;
    const { files, updatedAt: _updatedAt, ...publication } = pub;
    saveDocuments(db, [{ publication, files: files.map((file) => ({ ...file, state: 'pending' as const })) }], stamp);
  };
  const apply = db.transaction((step: Step, last: boolean) => {
    if (step.kind === 'snapshot') step.publications.forEach(put);
    else {
      for (const op of step.ops) {
        if (op.op === 'put') put(op.publication);
        else if (exists.get(op.id)) {
          deletePublication(db, op.id, stamp);
          base.deleted += 1;
        }
      }
    }
    setCursor.run(step.lastChange, row.id);
    if (last) setRoot.run(root.sequence, sha256, row.id);
  });
  try {
    steps.forEach((step, i) => apply(step, i === steps.length - 1));
    if (steps.length === 0) setRoot.run(root.sequence, sha256, row.id);
  } catch (error) {
    if (isFull(error)) throw new SyncDiskFullError(error);
    throw error;
  }
  if (cacheComplete) await writeAtomic(path.join(cacheDir, ROOT_PATH), rootBytes).catch(() => undefined);
  return { ...base, status: 'applied' };
}

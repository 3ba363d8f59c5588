/**
 * Applying a feed's metadata to a station's catalog (docs/feed.md § Trust). The root is verified
 * against the source's pinned keys and last accepted sequence before anything is written. The
 * snapshot (for a new station) and the pages it needs are then staged in the source's feed cache,
 * each checked against the sha256 and size the root gives, before the first catalog write. The
 * snapshot is applied in batches read line by line (bounded memory; the byte offset reached is
 * committed with each batch, so a kill resumes there), then each page in one transaction that
 * also advances the cursor. Files are linked 'pending' (kept 'present' if already held);
 * download.ts fetches them. A publication this station made itself (origin 'local') is never
 * overwritten or deleted by a feed.
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { deletePublication, saveDocuments } from '../documents.js';
import type { Library } from '../library.js';
import { feedPublicationSchema, pageSchema, snapshotHeaderSchema } from '../feed/pages.js';
import type { FeedPage, FeedPublication, SnapshotHeader } from '../feed/pages.js';
import { ROOT_PATH, sha256Hex, signaturePathOf, verifyRoot } from '../feed/root.js';
import type { FeedRoot, PageRef, VerifyFailure } from '../feed/root.js';
import { SnapshotLineError, readSnapshotLines } from '../feed/snapshot-file.js';
import { RangeMismatchError, SourceError } from './source.js';
import type { FeedSource } from './source.js';

export const MAX_ROOT_BYTES = 4 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;
/** Documents up to this size are read whole; larger ones (snapshots) are streamed to disk, resumably. */
const MAX_IN_MEMORY_DOC = 8 * 1024 * 1024;
/** Snapshot publications applied per transaction. */
export const DEFAULT_SNAPSHOT_BATCH = 500;

export interface SyncSourceRow {
  id: number;
  location: string;
  trusted_keys: string;
  last_sequence: number | null;
  last_root_sha256: string | null;
  last_change: number | null;
  last_sync_at: string | null;
  last_error: string | null;
  snapshot_sha256: string | null;
  snapshot_offset: number | null;
  label: string | null;
}

/** A feed the station refuses; nothing of it was applied after the last consistent point. */
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

/** The run was stopped (AbortSignal) between two transactions; the catalog is consistent and resumes there. */
export class SyncStoppedError extends Error {
  constructor() {
    super('Đã dừng đồng bộ; lần sau sẽ tiếp tục từ chỗ dừng / Sync stopped; the next run continues from here');
  }
}

export interface SyncResult {
  status: 'applied' | 'unchanged' | 'expired';
  warning?: string;
  sequence: number;
  added: number;
  updated: number;
  deleted: number;
}

export interface SyncProgress {
  phase: 'checking' | 'snapshot' | 'pages';
  /** Publications applied in this run (snapshot lines and page ops). */
  publicationsDone: number;
  /** The snapshot's publications, when one is applied. */
  publicationsTotal: number | null;
  pagesDone: number;
  pagesTotal: number | null;
}

export interface SyncOnceOptions {
  now?: Date;
  /** Stops between two transactions (SyncStoppedError). */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  snapshotBatch?: number;
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

/** Checks bytes against the size and hash the root (or the cache) gives. */
function matches(bytes: Uint8Array, ref: DocRef): boolean {
  return bytes.length === ref.size && sha256Hex(bytes) === ref.sha256;
}

type DocRef = { path: string; sha256: string; size: number };
type DocCode = 'bad_page' | 'bad_snapshot';

const notMatching = (ref: DocRef) => `${ref.path} không khớp mã băm hoặc kích thước đã ký / does not match its signed sha256 or size`;

/** Reads a content-addressed document and checks it against the size and hash the root gives. */
async function readBytesVerified(source: FeedSource, ref: DocRef, code: DocCode): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(ref.path, ref.size);
  } catch (error) {
    if (error instanceof SourceError && /larger than/.test(error.message)) {
      throw new SyncRefusedError(code, `${ref.path} lớn hơn kích thước đã ký / is larger than its signed size`);
    }
    throw error;
  }
  if (!matches(bytes, ref)) throw new SyncRefusedError(code, notMatching(ref));
  return bytes;
}

/** Stages a document in the feed cache (unless already there, verified); resumes a cut download of a large one. */
async function stage(source: FeedSource, cacheDir: string, ref: DocRef, code: DocCode): Promise<string> {
  const file = path.join(cacheDir, ...ref.path.split('/'));
  if ((await fs.stat(file).catch(() => null))?.size === ref.size && (await hashFile(file)) === ref.sha256) return file;
  if (ref.size <= MAX_IN_MEMORY_DOC) {
    await writeAtomic(file, await readBytesVerified(source, ref, code));
    return file;
  }
  const part = `${file}.part`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  let have = Math.min((await fs.stat(part).catch(() => null))?.size ?? 0, ref.size);
  for (let restart = 0; ; restart += 1) {
    try {
      const read = await source.readRange(ref.path, have);
      let written = read.start;
      await pipeline(
        Readable.from(read.body),
        async function* (chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
            written += chunk.length;
            if (written > ref.size) throw new SyncRefusedError(code, `${ref.path} lớn hơn kích thước đã ký / is larger than its signed size`);
            yield chunk;
          }
        },
        createWriteStream(part, { flags: read.start === 0 ? 'w' : 'a' }),
      );
      break;
    } catch (error) {
      if (error instanceof RangeMismatchError && restart === 0) {
        have = 0;
        continue;
      }
      if (error instanceof SyncRefusedError) await fs.rm(part, { force: true });
      throw error;
    }
  }
  if ((await fs.stat(part)).size !== ref.size || (await hashFile(part)) !== ref.sha256) {
    await fs.rm(part, { force: true });
    throw new SyncRefusedError(code, notMatching(ref));
  }
  await fs.rename(part, file);
  return file;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function parseJson(bytes: Uint8Array, ref: { path: string }, code: DocCode): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new SyncRefusedError(code, `${ref.path} không phải JSON / is not JSON`);
  }
}

/** Reads a staged page again (the cache is a disk, not a promise), checks and parses it. */
async function readPage(file: string, ref: PageRef): Promise<FeedPage> {
  const bytes = await fs.readFile(file);
  if (!matches(bytes, ref)) throw new SyncRefusedError('bad_page', notMatching(ref));
  const parsed = pageSchema.safeParse(parseJson(bytes, ref, 'bad_page'));
  if (!parsed.success || parsed.data.firstChange !== ref.firstChange || parsed.data.lastChange !== ref.lastChange) {
    throw new SyncRefusedError('bad_page', `${ref.path} sai định dạng / is malformed`);
  }
  return parsed.data;
}

/** The header of a staged snapshot: its first line. */
function readSnapshotHeader(file: string, ref: DocRef): SnapshotHeader {
  for (const line of readSnapshotLines(file)) {
    const parsed = snapshotHeaderSchema.safeParse(parseLine(line.text, ref));
    if (!parsed.success) break;
    return parsed.data;
  }
  throw new SyncRefusedError('bad_snapshot', `${ref.path} sai định dạng / is malformed`);
}

function parseLine(text: string, ref: DocRef): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SyncRefusedError('bad_snapshot', `${ref.path} có dòng không phải JSON / has a line that is not JSON`);
  }
}

/**
 * Reads a whole staged snapshot once before its first batch is applied: every line a valid
 * publication, ids strictly ascending, as many as the header says. A malformed snapshot is
 * refused with nothing written.
 */
async function validateSnapshot(file: string, ref: DocRef, header: SnapshotHeader): Promise<void> {
  let count = -1;
  let previous = '';
  try {
    for (const line of readSnapshotLines(file)) {
      count += 1;
      if (count === 0) continue;
      const parsed = feedPublicationSchema.safeParse(parseLine(line.text, ref));
      if (!parsed.success) throw new SyncRefusedError('bad_snapshot', `${ref.path}: ấn phẩm thứ ${count} sai định dạng / publication ${count} is malformed`);
      if (parsed.data.id <= previous) throw new SyncRefusedError('bad_snapshot', `${ref.path}: mã ấn phẩm không tăng dần / ids are not in ascending order`);
      previous = parsed.data.id;
      if (count % 5000 === 0) await yieldToEventLoop();
    }
  } catch (error) {
    if (error instanceof SnapshotLineError) throw new SyncRefusedError('bad_snapshot', `${ref.path}: ${error.message}`);
    throw error;
  }
  if (count !== header.publications) {
    throw new SyncRefusedError('bad_snapshot', `${ref.path}: ${count} ấn phẩm, tiêu đề ghi ${header.publications} / holds ${count} publications, its header says ${header.publications}`);
  }
}

/** Lets timers and I/O run between two transactions (the app keeps answering while a big sync applies). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The snapshot to apply: the one a previous run started (if still cached), else the root's for a new station. */
async function snapshotToApply(row: SyncSourceRow, root: FeedRoot, cacheDir: string): Promise<{ ref: DocRef; offset: number } | null> {
  if (row.snapshot_sha256) {
    const inProgress = { path: `snapshots/${row.snapshot_sha256}.jsonl`, sha256: row.snapshot_sha256 };
    const file = path.join(cacheDir, ...inProgress.path.split('/'));
    const size = (await fs.stat(file).catch(() => null))?.size;
    if (size !== undefined) return { ref: { ...inProgress, size }, offset: row.snapshot_offset ?? 0 };
    if (root.snapshot) return { ref: root.snapshot, offset: 0 };
  }
  if (row.last_change === null && root.snapshot) return { ref: root.snapshot, offset: 0 };
  return null;
}

export async function syncOnce(library: Library, row: SyncSourceRow, source: FeedSource, options: SyncOnceOptions = {}): Promise<SyncResult> {
  const now = options.now ?? new Date();
  const batchSize = Math.max(1, options.snapshotBatch ?? DEFAULT_SNAPSHOT_BATCH);
  const progress: SyncProgress = { phase: 'checking', publicationsDone: 0, publicationsTotal: null, pagesDone: 0, pagesTotal: null };
  const report = () => options.onProgress?.({ ...progress });
  const checkStop = () => {
    if (options.signal?.aborted) throw new SyncStoppedError();
  };
  report();
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
  const base = { sequence: root.sequence, added: 0, updated: 0, deleted: 0, skippedLocal: 0 };
  if (verified.expired) {
    return { ...base, status: 'expired', warning: `Nguồn cấp đã hết hạn (${root.expiresAt}); giữ danh mục hiện tại / The feed expired (${root.expiresAt}); the current catalog is kept` };
  }
  if (root.sequence === row.last_sequence && sha256 === row.last_root_sha256 && !row.snapshot_sha256) return { ...base, status: 'unchanged' };

  // Stage everything needed in the feed cache, verified, before the first catalog write.
  const cacheDir = feedCacheDir(library, row.id);
  let snapshot: { ref: DocRef; offset: number; file: string; header: SnapshotHeader } | null = null;
  try {
    const chosen = await snapshotToApply(row, root, cacheDir);
    if (chosen) {
      const file = await stage(source, cacheDir, chosen.ref, 'bad_snapshot');
      const header = readSnapshotHeader(file, chosen.ref);
      if (chosen.ref === root.snapshot && header.lastChange !== root.snapshot.lastChange) throw new SyncRefusedError('bad_snapshot', `${chosen.ref.path} sai định dạng / is malformed`);
      if (chosen.offset === 0) await validateSnapshot(file, chosen.ref, header);
      snapshot = { ...chosen, file, header };
    }
    const cursor = snapshot?.header.lastChange ?? row.last_change ?? -1;
    const pages: { ref: PageRef; file: string }[] = [];
    for (const ref of root.pages) {
      if (ref.lastChange <= cursor) continue;
      checkStop();
      pages.push({ ref, file: await stage(source, cacheDir, ref, 'bad_page') });
    }
    // What a new station needs from this root (export-bundle copies it): its snapshot and the pages after it.
    if (root.snapshot) await stage(source, cacheDir, root.snapshot, 'bad_snapshot');
    for (const ref of root.pages) {
      if (!root.snapshot || ref.lastChange > root.snapshot.lastChange) await stage(source, cacheDir, ref, 'bad_page');
    }
    await writeAtomic(path.join(cacheDir, ...signaturePathOf(rootBytes).split('/')), signature ?? new Uint8Array());

    const db = library.db;
    const existing = db.prepare('SELECT origin FROM publications WHERE id = ?').pluck();
    const setCursor = db.prepare('UPDATE sync_sources SET last_change = ?, snapshot_sha256 = NULL, snapshot_offset = NULL WHERE id = ?');
    const setSnapshotOffset = db.prepare('UPDATE sync_sources SET snapshot_sha256 = ?, snapshot_offset = ? WHERE id = ?');
    const setRoot = db.prepare('UPDATE sync_sources SET last_sequence = ?, last_root_sha256 = ? WHERE id = ?');
    const stamp = now.toISOString();
    const put = (publications: FeedPublication[]) => {
      const records = publications.flatMap((pub) => {
        const origin = existing.get(pub.id) as string | undefined;
        if (origin === 'local') {
          base.skippedLocal += 1;
          return [];
        }
        if (origin) base.updated += 1;
        else base.added += 1;
        const { files, updatedAt: _updatedAt, ...publication } = pub;
        return [{ publication, files: files.map((file) => ({ ...file, state: 'pending' as const })) }];
      });
      saveDocuments(db, records, stamp);
    };
    const remove = (id: string) => {
      const origin = existing.get(id) as string | undefined;
      if (origin === 'local') base.skippedLocal += 1;
      else if (origin) {
        deletePublication(db, id, stamp);
        base.deleted += 1;
      }
    };
    const full = (error: unknown) => (isFull(error) ? new SyncDiskFullError(error) : error);

    if (snapshot) {
      const { ref, file, header } = snapshot;
      progress.phase = 'snapshot';
      progress.publicationsTotal = header.publications;
      const applyBatch = db.transaction((batch: FeedPublication[], end: number, done: boolean) => {
        put(batch);
        if (done) setCursor.run(header.lastChange, row.id);
        else setSnapshotOffset.run(ref.sha256, end, row.id);
        if (done && pages.length === 0) setRoot.run(root.sequence, sha256, row.id);
      });
      let batch: FeedPublication[] = [];
      let end = snapshot.offset;
      let first = snapshot.offset === 0;
      try {
        for (const line of readSnapshotLines(file, snapshot.offset)) {
          end = line.end;
          if (first) {
            first = false; // the header, already read
            continue;
          }
          const parsed = feedPublicationSchema.safeParse(parseLine(line.text, ref));
          if (!parsed.success) throw new SyncRefusedError('bad_snapshot', `${ref.path}: một ấn phẩm sai định dạng / a publication is malformed`);
          batch.push(parsed.data);
          if (batch.length >= batchSize) {
            applyBatch(batch, end, false);
            progress.publicationsDone += batch.length;
            batch = [];
            report();
            await yieldToEventLoop();
            checkStop();
          }
        }
      } catch (error) {
        if (error instanceof SnapshotLineError) throw new SyncRefusedError('bad_snapshot', `${ref.path}: ${error.message}`);
        throw full(error);
      }
      try {
        applyBatch(batch, end, true);
      } catch (error) {
        throw full(error);
      }
      progress.publicationsDone += batch.length;
      report();
    }

    progress.phase = 'pages';
    progress.pagesTotal = pages.length;
    const applyPage = db.transaction((page: FeedPage, last: boolean) => {
      for (const op of page.ops) {
        if (op.op === 'put') put([op.publication]);
        else remove(op.id);
      }
      setCursor.run(page.lastChange, row.id);
      if (last) setRoot.run(root.sequence, sha256, row.id);
    });
    for (const [i, { ref, file }] of pages.entries()) {
      checkStop();
      const page = await readPage(file, ref);
      try {
        applyPage(page, i === pages.length - 1);
      } catch (error) {
        throw full(error);
      }
      progress.publicationsDone += page.ops.length;
      progress.pagesDone += 1;
      report();
      await yieldToEventLoop();
    }
    if (!snapshot && pages.length === 0) setRoot.run(root.sequence, sha256, row.id);
  } catch (error) {
    if (isFull(error)) throw new SyncDiskFullError(error);
    throw error;
  }
  await writeAtomic(path.join(cacheDir, ROOT_PATH), rootBytes).catch(() => undefined);
  const { skippedLocal, ...counts } = base;
  const warning =
    skippedLocal > 0
      ? `${skippedLocal} thay đổi bỏ qua vì trùng mã ấn phẩm do trạm này tạo / ${skippedLocal} change(s) skipped: the id belongs to a publication made at this station`
      : undefined;
  return { ...counts, status: 'applied', ...(warning ? { warning } : {}) };
}

/**
 * Applying a feed to a station's catalog (docs/feed.md § The station side). The root is verified
 * against the source's pinned keys and against what the station accepted under the signing key
 * from any location, before anything is written. The snapshot (for a new station) and the pages
 * it needs are staged in the source's feed cache and checked (stage.ts). Then the snapshot is
 * applied in batches read line by line (the byte offset reached is committed with each batch, so
 * a kill resumes there) and each page after it, the last transaction advancing the cursor; a
 * transaction holds the lock at most SLICE_MS, and commits at once when another write of the app
 * waits for it (a save sent to the writer thread; the kiosk's reads never wait, WAL); every
 * publication's text object is fetched — and what it says of its relations read, unless the feed
 * gives the hub's reading of it — before the transaction that writes it, so a document is
 * searchable, and its status derived, from the moment it appears. A publication already here as a demo row or as this
 * station's copy of the same file is merged, not duplicated (merge.ts); once a real national
 * record is in, the demo set retires. Files are linked 'pending' (kept 'present' if already held);
 * download.ts fetches them. A delete never removes a document this station made itself. The
 * hub's thesaurus additions are taken with the root's last transaction (thesaurus.ts). What the
 * run has to tell (an expired feed, the demo set retired) it returns by reference; how it fails,
 * errors.ts says.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import { deletePublication, storedText, writeDocuments } from '../documents.js';
import type { DocumentRecord } from '../documents.js';
import type { Library } from '../library.js';
import { retireDemo } from '../demo.js';
import { dropUnlinkedFiles, removeOrphanTexts } from '../store/gc.js';
import type { FeedPage, FeedPublication, SnapshotHeader } from '../feed/pages.js';
import { ROOT_PATH, signatureKeyId, signaturePathOf, verifyRoot } from '../feed/root.js';
import type { FeedRoot, PageRef } from '../feed/root.js';
import type { TextContent } from '../feed/text-object.js';
import { readText } from '../relations/readings.js';
import type { DocumentRelations } from '../../shared/legal/relations.js';
import type { MessageRef } from '../../shared/messages.js';
import { SyncDiskFullError, SyncError, SyncRefusedError, SyncStoppedError, isDiskFull } from './errors.js';
import { feedFileIn, feedCacheDir } from './feed-cache.js';
import { keyState, keyStateWriter } from './key-state.js';
import type { KeyState } from './key-state.js';
import { adoptDemoRow, findExisting, retireDuplicate } from './merge.js';
import { SourceError } from './source.js';
import type { FeedSource } from './source.js';
import type { SyncSourceRow } from './sources.js';
import { parseSnapshotLine, readPage, readSnapshotHeader, snapshotLines, stage, validateSnapshot, writeAtomic, yieldToEventLoop } from './stage.js';
import type { DocRef, OpenWrite } from './stage.js';
import { fetchTexts, heldTextObject, textWanted } from './texts.js';
import { statement } from '../db/statements.js';
import { writeWhenFree } from '../db/without-waiting.js';
import { stageThesaurus, storeThesaurus } from './thesaurus.js';

export const MAX_ROOT_BYTES = 4 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;
/** Snapshot publications read, their texts fetched and applied (in slices) per batch, the offset committed with its last slice… */
export const DEFAULT_SNAPSHOT_BATCH = 500;
/** …or fewer, so one batch holds at most ~1.5 MB of text (256 KiB of compressed text objects). */
const BATCH_TEXT_BYTES = 256 * 1024;
/**
 * A transaction of the apply holds the lock at most about this long, or this many items, while no
 * other write of the app waits for it (each commit flushes the search index: fewer are faster)…
 */
const SLICE_MS = 200;
const SLICE_ITEMS = 2_000;
/** …and commits after the item it is writing when one does (`othersWaiting`). */
const nobodyWaits = () => false;
/** Pages the apply's connection caches while it runs (KiB, as SQLite counts a negative cache_size): its indexes' pages stay in memory between two transactions. */
const APPLY_CACHE_KIB = 32 * 1024;

export interface SyncResult {
  status: 'applied' | 'unchanged' | 'expired';
  warning?: MessageRef;
  /** What else the run did that officials should read: the demo set retired. */
  notes: MessageRef[];
  sequence: number;
  added: number;
  updated: number;
  deleted: number;
  /** Publications that were already here under another id (the demo set, this station's copy of the file). */
  merged: number;
  /** Texts that arrived with their publications. */
  texts: number;
  /** Publications applied without the text the feed names (the source lacks it): fetched or extracted later. */
  textsMissing: number;
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
  /** Opens the files staging writes (fault tests replace it). */
  openWrite?: OpenWrite;
  /** Whether another write of the app waits for the lock now (a save sent to the writer thread): the apply then commits at once. */
  othersWaiting?: () => boolean;
}

function pinnedKeys(row: SyncSourceRow): KeyObject[] {
  return (JSON.parse(row.trusted_keys) as string[]).map((pem) => createPublicKey(pem));
}

/** The last hub change a root covers (-1 for an empty feed). */
function lastChangeOf(root: FeedRoot): number {
  return Math.max(-1, root.snapshot?.lastChange ?? -1, ...root.pages.map((page) => page.lastChange));
}

/** The snapshot to apply: the one in progress under this key (if this cache has it), else the root's for a station new to the key. */
async function snapshotToApply(state: KeyState | null, root: FeedRoot, cacheDir: string): Promise<{ ref: DocRef; offset: number } | null> {
  if (state?.snapshot_sha256) {
    const inProgress = { path: `snapshots/${state.snapshot_sha256}.jsonl`, sha256: state.snapshot_sha256 };
    const size = (await fs.stat(feedFileIn(cacheDir, inProgress.path)).catch(() => null))?.size;
    if (size !== undefined) return { ref: { ...inProgress, size }, offset: state.snapshot_offset ?? 0 };
    // Started from another location: this one starts its own root's snapshot over (puts are idempotent).
    if (root.snapshot) return { ref: root.snapshot, offset: 0 };
  }
  if ((state?.last_change ?? null) === null && root.snapshot) return { ref: root.snapshot, offset: 0 };
  return null;
}

async function readRoot(source: FeedSource): Promise<{ rootBytes: Uint8Array; signature: Uint8Array | null }> {
  const rootBytes = await source.read(ROOT_PATH, MAX_ROOT_BYTES);
  try {
    return { rootBytes, signature: await source.read(signaturePathOf(rootBytes), MAX_SIGNATURE_BYTES) };
  } catch (error) {
    if (!(error instanceof SourceError && error.notFound)) throw error;
    return { rootBytes, signature: null };
  }
}

/** Whether the cached root of this source already is these bytes. */
async function cachedRootIs(cacheDir: string, rootBytes: Uint8Array): Promise<boolean> {
  const cached = await fs.readFile(feedFileIn(cacheDir, ROOT_PATH)).catch(() => null);
  return cached !== null && Buffer.compare(cached, Buffer.from(rootBytes)) === 0;
}

export async function syncOnce(library: Library, row: SyncSourceRow, source: FeedSource, options: SyncOnceOptions = {}): Promise<SyncResult> {
  const db = library.db;
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-APPLY_CACHE_KIB}`);
  try {
    return await applyFeed(library, row, source, options);
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
}

/** syncOnce's body, with the connection's cache enlarged. */
async function applyFeed(library: Library, row: SyncSourceRow, source: FeedSource, options: SyncOnceOptions): Promise<SyncResult> {
  const db = library.db;
  const othersWaiting = options.othersWaiting ?? nobodyWaits;
  const now = options.now ?? new Date();
  const stamp = now.toISOString();
  const batchSize = Math.max(1, options.snapshotBatch ?? DEFAULT_SNAPSHOT_BATCH);
  const progress: SyncProgress = { phase: 'checking', publicationsDone: 0, publicationsTotal: null, pagesDone: 0, pagesTotal: null };
  const report = () => options.onProgress?.({ ...progress });
  const checkStop = () => {
    if (options.signal?.aborted) throw new SyncStoppedError();
  };
  report();
  const { rootBytes, signature } = await readRoot(source);
  const signedBy = signatureKeyId(signature);
  const state = signedBy ? keyState(db, signedBy) : null;
  const verified = verifyRoot(rootBytes, signature, { keys: pinnedKeys(row), lastSequence: state?.last_sequence, lastRootSha256: state?.last_root_sha256 }, now);
  if (!verified.ok) throw new SyncRefusedError(verified.code, verified.reason);
  const { root, sha256 } = verified;
  const result: SyncResult = { status: 'applied', notes: [], sequence: root.sequence, added: 0, updated: 0, deleted: 0, merged: 0, texts: 0, textsMissing: 0 };
  if (verified.expired) return { ...result, status: 'expired', warning: { key: 'feed.expired', params: { expiresAt: root.expiresAt } } };

  const cacheDir = feedCacheDir(library, row.id);
  const writer = keyStateWriter(db, root.keyId, row.id, stamp);
  const caughtUp =
    state !== null && state.last_sequence === root.sequence && state.last_root_sha256 === sha256 && state.snapshot_sha256 === null && (state.last_change ?? -1) >= lastChangeOf(root);
  const filesToDrop: string[] = [];
  const retireDemoIfReplaced = () => {
    const demo = db.prepare('SELECT count(*) FROM demo_publications').pluck().get() as number;
    const real = db.prepare("SELECT EXISTS (SELECT 1 FROM publications WHERE origin = 'national' AND id NOT IN (SELECT publication_id FROM demo_publications))").pluck().get() as number;
    if (demo === 0 || real === 0) return;
    const retired = retireDemo(library, stamp);
    filesToDrop.push(...retired.files);
    result.notes.push({ key: 'feed.demoRetired', params: { merged: retired.merged, removed: retired.removed } });
  };
  /** What a new station needs from this root (export-bundle and the LAN feed serve it): its snapshot, the pages after it, the signature. */
  const cacheForNewStations = async () => {
    if (root.snapshot) await stage(source, cacheDir, root.snapshot, 'bad_snapshot', options.openWrite);
    for (const ref of root.pages) {
      if (!root.snapshot || ref.lastChange > root.snapshot.lastChange) await stagePage(ref);
    }
    await writeAtomic(feedFileIn(cacheDir, signaturePathOf(rootBytes)), signature ?? new Uint8Array(), options.openWrite);
  };
  const stagePage = async (ref: PageRef) => {
    try {
      return await stage(source, cacheDir, ref, 'bad_page', options.openWrite);
    } catch (error) {
      if (error instanceof SourceError && error.notFound) throw new SyncError({ key: 'feed.pageMissing', params: { cursor: state?.last_change ?? -1 } }, { cause: error });
      throw error;
    }
  };

  try {
    const thesaurus = await stageThesaurus(db, source, cacheDir, root, options.openWrite);
    if (caughtUp) {
      db.transaction(() => {
        writer.acceptRoot(root.sequence, sha256); // this location now serves the key's current root
        storeThesaurus(db, thesaurus, root.keyId);
        retireDemoIfReplaced();
      })();
      if (!(await cachedRootIs(cacheDir, rootBytes))) {
        await cacheForNewStations();
        await writeAtomic(feedFileIn(cacheDir, ROOT_PATH), rootBytes, options.openWrite);
      }
      await dropUnlinkedFiles(library, filesToDrop);
      return { ...result, status: result.notes.length > 0 ? 'applied' : 'unchanged' };
    }

    // Stage everything needed, verified, before the first catalog write.
    let snapshot: { ref: DocRef; offset: number; file: string; header: SnapshotHeader } | null = null;
    const chosen = await snapshotToApply(state, root, cacheDir);
    if (chosen) {
      const file = await stage(source, cacheDir, chosen.ref, 'bad_snapshot', options.openWrite);
      const header = readSnapshotHeader(file, chosen.ref);
      if (chosen.ref === root.snapshot && header.lastChange !== root.snapshot.lastChange) throw new SyncRefusedError('bad_snapshot', { key: 'feed.malformed', params: { path: chosen.ref.path } });
      if (chosen.offset === 0) await validateSnapshot(file, chosen.ref, header);
      snapshot = { ...chosen, file, header };
    }
    const cursor = snapshot?.header.lastChange ?? state?.last_change ?? -1;
    const pages: { ref: PageRef; file: string }[] = [];
    for (const ref of root.pages) {
      if (ref.lastChange <= cursor) continue;
      checkStop();
      pages.push({ ref, file: await stagePage(ref) });
    }
    await cacheForNewStations();

    // Apply, texts first: each batch's text objects are in the store, and read, before its transaction.
    const wanted = textWanted(library);
    type Arrived = { content: TextContent; reading: DocumentRelations | null };
    const textsOf = async (publications: FeedPublication[]): Promise<Map<string, Arrived>> => {
      const wants = publications.flatMap((pub) => (pub.text && wanted(pub) && heldTextObject(db, pub.id) !== pub.text.sha256 ? [{ id: pub.id, ref: pub.text }] : []));
      if (wants.length === 0) return new Map();
      const fetched = await fetchTexts(library, source, wants, options.openWrite);
      result.textsMissing += fetched.missing.size;
      const arrived = new Map<string, Arrived>();
      for (const pub of publications) {
        const content = fetched.texts.get(pub.id);
        if (!content) continue;
        if (pub.reading) {
          arrived.set(pub.id, { content, reading: null }); // the hub's reading is stored instead
          continue;
        }
        arrived.set(pub.id, { content, reading: readText(pub.kind, content.text) });
        await yieldToEventLoop(); // a save sent meanwhile waits for one reading at most
      }
      return arrived;
    };
    /** The files a publication links (the statement cached: it runs for every update and delete). */
    const filesOf = (id: string) => statement(db, 'SELECT sha256 FROM publication_files WHERE publication_id = ?').pluck().all(id) as string[];
    const put = (publications: FeedPublication[], texts: Map<string, Arrived>) => {
      const records = publications.map((pub): DocumentRecord => {
        const existing = findExisting(db, pub);
        const arrived = texts.get(pub.id);
        const { files, updatedAt: _updatedAt, text: ref, reading: given, ...meta } = pub;
        const record: DocumentRecord = {
          publication: { ...meta, origin: 'national', textSha256: ref?.sha256 ?? null, textSize: ref?.size ?? null },
          files: files.map((file) => ({ ...file, state: 'pending' as const })),
          ...(given ? { givenReading: given } : {}),
        };
        if (arrived) {
          Object.assign(record, { text: arrived.content, sections: arrived.content.sections, textObject: ref, reading: arrived.reading });
          result.texts += 1;
        } else if (existing?.how === 'duplicate') {
          // The text the station already had for this document (demo, or extracted here) moves over.
          const kept = storedText(db, existing.id);
          if (kept) Object.assign(record, kept);
        } else record.keepText = true;
        if (existing?.how === 'duplicate') {
          filesToDrop.push(...retireDuplicate(library, existing, pub.id, stamp));
          result.merged += 1;
        } else if (existing) {
          if (existing.demo) adoptDemoRow(db, pub.id);
          // Files the hub replaced are dropped after commit (only those nothing links any more).
          filesToDrop.push(...filesOf(pub.id));
          result.updated += 1;
        } else result.added += 1;
        return record;
      });
      writeDocuments(db, records, stamp); // in the slice's transaction
    };
    const remove = (id: string) => {
      const origin = statement(db, 'SELECT origin FROM publications WHERE id = ?').pluck().get(id) as string | undefined;
      if (origin !== 'national') return; // not here, or made at this station (the feed never carried it here)
      filesToDrop.push(...filesOf(id));
      deletePublication(db, id, stamp);
      result.deleted += 1;
    };
    const finishRoot = () => {
      writer.setCursor(Math.max(cursor, lastChangeOf(root)));
      storeThesaurus(db, thesaurus, root.keyId);
      retireDemoIfReplaced();
    };

    let rootAccepted = false;
    /**
     * Applies items in transactions of at most SLICE_MS or SLICE_ITEMS each, cut short after any
     * item when another write waits (one item at least), the event loop free between them so the
     * writer thread takes saves and stops; `close` runs in the last one (it moves the
     * cursor or the snapshot offset). Cut short (a stop, a crash), the batch is applied again from
     * its start: puts and removes applied twice end the same.
     */
    const inSlices = async <T>(items: T[], apply: (item: T) => void, close: () => void) => {
      let next = 0;
      do {
        const from = next;
        // Another process writing (a CLI import) is waited for without holding the thread.
        await writeWhenFree(db, () => {
          const started = performance.now();
          next = from;
          if (!rootAccepted) writer.acceptRoot(root.sequence, sha256);
          while (next < items.length) {
            apply(items[next]);
            next += 1;
            if (othersWaiting() || next - from >= SLICE_ITEMS || performance.now() - started >= SLICE_MS) break;
          }
          if (next >= items.length) close();
        });
        rootAccepted = true; // committed with the run's first transaction
        progress.publicationsDone += next - from;
        report();
        await yieldToEventLoop();
      } while (next < items.length);
    };

    if (snapshot) {
      const { ref, file, header } = snapshot;
      progress.phase = 'snapshot';
      progress.publicationsTotal = header.publications;
      const applyBatch = async (batch: FeedPublication[], end: number, done: boolean) => {
        checkStop();
        const texts = await textsOf(batch);
        await inSlices(batch, (pub) => put([pub], texts), () => {
          if (!done) writer.setSnapshotOffset(ref.sha256, end);
          else if (pages.length > 0) writer.setCursor(header.lastChange);
          else finishRoot();
        });
      };
      let batch: FeedPublication[] = [];
      let batchTextBytes = 0;
      let end = snapshot.offset;
      let first = snapshot.offset === 0;
      for (const line of snapshotLines(file, ref, snapshot.offset)) {
        end = line.end;
        if (first) {
          first = false; // the header, already read
          continue;
        }
        // Checked against the schema once, whole, before its first batch (validateSnapshot), and the
        // staged file against its sha256 on every run since: the schema keeps the lines as they are.
        const pub = parseSnapshotLine(line.text, ref) as FeedPublication;
        batch.push(pub);
        batchTextBytes += pub.text?.size ?? 0;
        if (batch.length >= batchSize || batchTextBytes >= BATCH_TEXT_BYTES) {
          await applyBatch(batch, end, false);
          batch = [];
          batchTextBytes = 0;
        }
      }
      await applyBatch(batch, end, true);
    }

    progress.phase = 'pages';
    progress.pagesTotal = pages.length;
    for (const [i, { ref, file }] of pages.entries()) {
      checkStop();
      const page: FeedPage = await readPage(file, ref);
      const texts = await textsOf(page.ops.flatMap((op) => (op.op === 'put' ? [op.publication] : [])));
      await inSlices(
        page.ops,
        (op) => (op.op === 'put' ? put([op.publication], texts) : remove(op.id)),
        () => (i === pages.length - 1 ? finishRoot() : writer.setCursor(page.lastChange)),
      );
      progress.pagesDone += 1;
      report();
    }
    if (!snapshot && pages.length === 0) {
      db.transaction(() => {
        writer.acceptRoot(root.sequence, sha256);
        finishRoot();
      })();
    }
  } catch (error) {
    if (isDiskFull(error) && !(error instanceof SyncDiskFullError)) throw new SyncDiskFullError(error);
    throw error;
  }
  await writeAtomic(feedFileIn(cacheDir, ROOT_PATH), rootBytes, options.openWrite).catch(() => undefined);
  await dropUnlinkedFiles(library, filesToDrop);
  if (result.updated + result.deleted + result.merged > 0) await removeOrphanTexts(library);
  return result;
}

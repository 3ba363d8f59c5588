/**
 * Publishing a library as a feed folder (docs/feed.md): every text not yet published becomes a
 * text object under texts/ (and its publication a change, so the object travels); the changes
 * since the last publish become change pages of bounded size (ops, bytes, text to index); then
 * one pass over the catalog places new files under files/, writes a snapshot (JSON Lines) when
 * asked or when enough pages have piled up, and gathers the OPDS view, which is rewritten; with
 * no change, the root is only re-signed when it nears its expiry (or when asked); the hub's
 * thesaurus additions (docs/search.md), when it has any, are written under thesaurus/ and named
 * by the root — a change to them alone is published too; then the signed root is put in place
 * last — its signature first, under a name derived from the root's hash, then root.json by
 * rename — so a reader never sees a root whose pages, files, texts or signature are missing. Any
 * failure before that leaves the previous root as it was. The demo set is never published.
 * The catalog is read in batches from one read snapshot (catalog-reader.ts): memory stays flat
 * from ten thousand publications to half a million.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import { DEFAULT_LIBRARY_NAME } from '../library.js';
import type { Library } from '../library.js';
import { logChange, storedText } from '../documents.js';
import { fsyncDirectory, replaceFileAtomic, writeFileAtomic } from '../store/atomic-write.js';
import { sha256File, sha256Hex } from '../store/hash.js';
import { keyIdOf } from './keys.js';
import { CatalogReader, NOT_DEMO, READ_BATCH } from './catalog-reader.js';
import { changePages } from './change-pages.js';
import { OpdsView } from './opds.js';
import { MAX_PAGE_OPS } from './pages.js';
import { AppError } from '../../shared/errors.js';
import { encodeTextObject, textObjectPath } from './text-object.js';
import { SnapshotWriter } from './snapshot-file.js';
import { WritePool } from './write-pool.js';
import { FEED_FORMAT, ROOT_PATH, rootSchema, signRoot } from './root.js';
import type { FeedRoot, PageRef, SnapshotRef, ThesaurusRef } from './root.js';

export const DEFAULT_SNAPSHOT_THRESHOLD = 20;
/** A change page holds at most this many ops; a publish with more writes several pages. */
export const DEFAULT_PAGE_OPS = MAX_PAGE_OPS;
/** …and text objects of at most this many bytes in all (~3 MB of text: a station indexes a page in one transaction). */
export const DEFAULT_PAGE_TEXT_BYTES = 512 * 1024;
export const DEFAULT_EXPIRES_IN_DAYS = 30;
/** With no change, a publish still re-signs the root (a new sequence and expiry) when it expires within this many days. */
export const DEFAULT_REFRESH_WITHIN_DAYS = 10;

export interface PublishOptions {
  outDir: string;
  privateKey: KeyObject;
  /** Write a snapshot of all current publications now. */
  snapshot?: boolean;
  /** Most ops in one change page. */
  pageOps?: number;
  /** Most compressed text bytes the puts of one page name. */
  pageTextBytes?: number;
  /** Write a snapshot when this many pages exist since the last one. */
  snapshotThreshold?: number;
  expiresInDays?: number;
  /** Re-sign the root with a new sequence and expiry even with no change (a station refuses nothing, applies nothing). */
  refresh?: boolean;
  refreshWithinDays?: number;
  opdsPageSize?: number;
  /** OPDS entries sorted in memory before a run of them is written to disk (sorted-runs.ts). */
  opdsRunSize?: number;
  now?: Date;
}

export interface PublishResult {
  /** False when there was nothing to publish: no file was written. */
  published: boolean;
  /** True when only the root was re-signed (no change; it was expiring, or asked). */
  refreshed: boolean;
  sequence: number;
  ops: number;
  /** Change pages the root lists in all. */
  pages: number;
  snapshot: boolean;
  /** Files newly placed in the feed, and their bytes. */
  files: number;
  bytes: number;
  /** Text objects newly written, and their (compressed) bytes. */
  texts: number;
  textBytes: number;
  /** True when the hub's thesaurus additions changed (set, replaced or removed) with this root. */
  thesaurus: boolean;
}

async function readPreviousRoot(outDir: string): Promise<FeedRoot | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(outDir, ROOT_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = rootSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('invalid_input', { key: 'feed.notARoot', params: { file: path.join(outDir, ROOT_PATH) } });
  return parsed.data;
}

/** Writes content-addressed bytes (unless already there) and returns their reference. */
async function writeBytesAddressed(outDir: string, folder: string, bytes: Buffer, extension: string): Promise<{ path: string; sha256: string; size: number }> {
  const sha256 = sha256Hex(bytes);
  const relative = `${folder}/${sha256}.${extension}`;
  const file = path.join(outDir, relative);
  const existing = await fs.stat(file).catch(() => null);
  if (existing?.size !== bytes.length) await writeFileAtomic(file, bytes);
  return { path: relative, sha256, size: bytes.length };
}

/**
 * Writes the text object of every text not yet published into the feed (and again when the feed
 * folder lacks it), records it with the text, and logs a change for its publication so the next
 * page carries the object to stations — also the first time a hub that published without texts
 * publishes with them.
 */
async function publishTexts(library: Library, outDir: string, now: Date): Promise<{ texts: number; bytes: number }> {
  const db = library.db;
  const batch = db.prepare(
    `SELECT publication_id AS id, object_sha256 AS sha256, object_size AS size FROM publication_texts
     WHERE publication_id > ? AND publication_id ${NOT_DEMO} AND text != '' ORDER BY publication_id LIMIT ${READ_BATCH}`,
  );
  const record = db.prepare('UPDATE publication_texts SET object_sha256 = ?, object_size = ? WHERE publication_id = ?');
  let texts = 0;
  let bytes = 0;
  for (let after = ''; ; ) {
    const rows = batch.all(after) as { id: string; sha256: string | null; size: number | null }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      if (row.sha256 && (await fs.stat(path.join(outDir, ...textObjectPath(row.sha256).split('/'))).catch(() => null))?.size === row.size) continue;
      const stored = storedText(db, row.id);
      if (!stored) continue;
      const encoded = encodeTextObject({ ...stored.text, sections: stored.sections });
      const target = path.join(outDir, ...textObjectPath(encoded.sha256).split('/'));
      if ((await fs.stat(target).catch(() => null))?.size !== encoded.size) {
        await writeFileAtomic(target, encoded.bytes);
        texts += 1;
        bytes += encoded.size;
      }
      if (row.sha256 !== encoded.sha256) {
        db.transaction(() => {
          record.run(encoded.sha256, encoded.size, row.id);
          logChange(db, row.id, 'put', now.toISOString());
        })();
      }
    }
  }
  return { texts, bytes };
}

/** Places a file under files/ by hard link (else copy), verified by size and sha256. Returns true when newly placed. */
async function placeFile(library: Library, outDir: string, file: { sha256: string; size: number }): Promise<boolean> {
  const target = path.join(outDir, 'files', file.sha256.slice(0, 2), file.sha256);
  if ((await fs.stat(target).catch(() => null))?.size === file.size) return false;
  const source = library.files.pathOf(file.sha256);
  try {
    await replaceFileAtomic(target, async (temp) => {
      await fs.link(source, temp).catch(() => fs.copyFile(source, temp));
      const { size, sha256 } = await sha256File(temp);
      if (size !== file.size || sha256 !== file.sha256) {
        throw new AppError('internal', { key: 'feed.storedFileCorrupt', params: { sha256: file.sha256, size, expected: file.size } });
      }
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('not_found', { key: 'feed.storedFileMissing', params: { sha256: file.sha256 } }, undefined, { cause: error });
    }
    throw error;
  }
}

export async function publish(library: Library, options: PublishOptions): Promise<PublishResult> {
  const { outDir } = options;
  const now = options.now ?? new Date();
  const previous = await readPreviousRoot(outDir);
  const written = await publishTexts(library, outDir, now);
  const reader = CatalogReader.open(library);
  try {
    return await publishFrom(library, reader, previous, { ...options, now }, written);
  } finally {
    reader.close();
  }
}

async function publishFrom(library: Library, reader: CatalogReader, previous: FeedRoot | null, options: PublishOptions & { now: Date }, written: { texts: number; bytes: number }): Promise<PublishResult> {
  const { outDir, privateKey, now } = options;
  const keyId = keyIdOf(createPublicKey(privateKey));
  // The feed itself says what it holds (the root is renamed before settings are stored).
  const since = previous ? Math.max(0, ...previous.pages.map((page) => page.lastChange), previous.snapshot?.lastChange ?? 0) : 0;
  const lastChange = Math.max(reader.lastChange, since);
  const firstChange = reader.firstChangeSince(since);
  const sequence = Math.max(previous?.sequence ?? 0, getSetting(library.db, SETTINGS.publishSequence)) + 1;
  const unchanged = { published: false, refreshed: false, sequence: sequence - 1, ops: 0, pages: previous?.pages.length ?? 0, snapshot: false, files: 0, bytes: 0, texts: 0, textBytes: 0, thesaurus: false };
  const expiring = previous !== null && Date.parse(previous.expiresAt) - now.getTime() < (options.refreshWithinDays ?? DEFAULT_REFRESH_WITHIN_DAYS) * 86_400_000;
  const additions = getSetting(library.db, SETTINGS.thesaurus);
  const thesaurus = additions ? ((await writeBytesAddressed(outDir, 'thesaurus', Buffer.from(additions, 'utf8'), 'txt')) as ThesaurusRef) : undefined;
  const thesaurusChanged = (thesaurus?.sha256 ?? null) !== (previous?.thesaurus?.sha256 ?? null);
  const refreshed = firstChange === null && !options.snapshot && previous !== null && !thesaurusChanged && (options.refresh === true || expiring);
  if (firstChange === null && !options.snapshot && !thesaurusChanged && !refreshed) return unchanged;

  const pages: PageRef[] = [...(previous?.pages ?? [])];
  let ops = 0;
  if (firstChange !== null) {
    const built = changePages(reader.collapsedOps(since), { first: firstChange, size: options.pageOps ?? DEFAULT_PAGE_OPS, textBytes: options.pageTextBytes ?? DEFAULT_PAGE_TEXT_BYTES });
    for (const page of built) {
      pages.push({ ...(await writeBytesAddressed(outDir, 'pages', page.bytes, 'json')), firstChange: page.firstChange, lastChange: page.lastChange });
      ops += page.ops;
    }
  }

  let snapshot: SnapshotRef | null = previous?.snapshot ?? null;
  const pagesSinceSnapshot = pages.filter((page) => page.firstChange > (snapshot?.lastChange ?? -1)).length;
  const writeSnapshot = options.snapshot === true || pagesSinceSnapshot >= (options.snapshotThreshold ?? DEFAULT_SNAPSHOT_THRESHOLD);
  const title = getSetting(library.db, SETTINGS.libraryName) ?? DEFAULT_LIBRARY_NAME;
  // The OPDS view sorts in the library's temporary folder, under a name that marks this process as its owner (FileStore.clearTemp).
  const opds = new OpdsView(path.join(library.layout.temp, `${process.pid}-${randomBytes(4).toString('hex')}`), { title, pageSize: options.opdsPageSize, runSize: options.opdsRunSize });
  const snapshotWriter = writeSnapshot ? SnapshotWriter.open(outDir, lastChange, reader.publicationCount()) : null;
  const writes = new WritePool();
  /** Files being placed: a file two publications share is placed (and counted) once. */
  const placing = new Set<string>();
  let files = 0;
  let bytes = 0;
  try {
    // One pass over the catalog: files in place, the snapshot's lines, the OPDS view's entries.
    for (const batch of reader.publications()) {
      for (const { record, json, present } of batch) {
        for (const file of record.files) {
          if (!present.has(file.sha256) || placing.has(file.sha256)) continue;
          placing.add(file.sha256);
          await writes.run(async () => {
            if (await placeFile(library, outDir, file)) {
              files += 1;
              bytes += file.size;
            }
            placing.delete(file.sha256);
          });
        }
        snapshotWriter?.add(json);
        await opds.add(record, present);
      }
    }
    if (snapshotWriter) {
      snapshot = { ...snapshotWriter.finish(), sequence, lastChange };
      await fsyncDirectory(path.join(outDir, 'snapshots'));
    }
    // The files the view links to are in place before it is written.
    await writes.drain();
    await opds.write((file) => writes.run(() => writeFileAtomic(path.join(outDir, file.path), file.body)));
    await writes.drain();
  } finally {
    snapshotWriter?.abort();
    await writes.drain().catch(() => undefined);
    await opds.dispose();
  }

  const root: FeedRoot = {
    format: FEED_FORMAT,
    sequence,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.expiresInDays ?? DEFAULT_EXPIRES_IN_DAYS) * 86_400_000).toISOString(),
    keyId,
    pages,
    snapshot,
    opds: { path: 'opds/root.json' },
    thesaurus,
  };
  const signed = signRoot(root, privateKey);
  await writeFileAtomic(path.join(outDir, signed.signaturePath), signed.signature);
  await writeFileAtomic(path.join(outDir, ROOT_PATH), signed.bytes);

  library.db.transaction(() => {
    setSetting(library.db, SETTINGS.publishLastChange, lastChange);
    setSetting(library.db, SETTINGS.publishSequence, sequence);
  })();
  return { published: true, refreshed, sequence, ops, pages: pages.length, snapshot: writeSnapshot, files, bytes, texts: written.texts, textBytes: written.bytes, thesaurus: thesaurusChanged };
}

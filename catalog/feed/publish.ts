/**
 * Publishing a library as a feed folder (docs/feed.md): every text not yet published becomes a
 * text object under texts/ (and its publication a change, so the object travels); the changes
 * since the last publish become change pages of bounded size (ops, bytes, text to index); new
 * files are placed under files/; a snapshot (JSON Lines) is written when asked or when enough
 * pages have piled up; with no change, the root is only re-signed when it nears its expiry (or
 * when asked); the hub's thesaurus additions (docs/search.md), when it has any, are written
 * under thesaurus/ and named by the root — a change to them alone is published too; the OPDS
 * view is rewritten; then the signed root is put in place last — its
 * signature first, under a name derived from the root's hash, then root.json by rename — so a
 * reader never sees a root whose pages, files, texts or signature are missing. Any failure before
 * that leaves the previous root as it was. The demo set is never published.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import { DEFAULT_LIBRARY_NAME } from '../library.js';
import type { Library } from '../library.js';
import { getPublication } from '../publications.js';
import { publishedReading } from '../relations/published.js';
import { logChange, storedText } from '../documents.js';
import { fsyncDirectory, replaceFileAtomic, writeFileAtomic } from '../store/atomic-write.js';
import { sha256File, sha256Hex } from '../store/hash.js';
import { keyIdOf } from './keys.js';
import { buildOpds } from './opds.js';
import { MAX_PAGE_BYTES, MAX_PAGE_OPS, MAX_RECORD_BYTES, PAGE_FORMAT, toFeedPublication } from './pages.js';
import { AppError } from '../../shared/errors.js';
import { encodeTextObject, textObjectPath } from './text-object.js';
import type { TextRef } from './text-object.js';
import type { FeedOp, FeedPage, FeedPublication } from './pages.js';
import { writeSnapshotFile } from './snapshot-file.js';
import { FEED_FORMAT, ROOT_PATH, canonicalJson, rootSchema, signRoot } from './root.js';
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
  /** Write a snapshot when this many pages exist since the last one (and always on the first publish). */
  snapshotThreshold?: number;
  expiresInDays?: number;
  /** Re-sign the root with a new sequence and expiry even with no change (a station refuses nothing, applies nothing). */
  refresh?: boolean;
  refreshWithinDays?: number;
  opdsPageSize?: number;
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

interface CatalogRead {
  changes: { seq: number; id: string; op: 'put' | 'delete' }[];
  lastChange: number;
  publications: (FeedPublication & { present: Set<string> })[];
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

const NOT_DEMO = 'NOT IN (SELECT publication_id FROM demo_publications)';

/** Changes and current publications read in one transaction, so they agree with each other. */
function readCatalog(library: Library, since: number): CatalogRead {
  return library.db.transaction(() => {
    const changes = library.db
      .prepare(`SELECT seq, publication_id AS id, op FROM changes WHERE seq > ? AND publication_id ${NOT_DEMO} ORDER BY seq`)
      .all(since) as CatalogRead['changes'];
    const lastChange = (library.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM changes').get() as { n: number }).n;
    const ids = library.db.prepare(`SELECT id FROM publications WHERE id ${NOT_DEMO} ORDER BY id`).pluck().all() as string[];
    const textOf = library.db.prepare('SELECT object_sha256 AS sha256, object_size AS size FROM publication_texts WHERE publication_id = ? AND object_sha256 IS NOT NULL');
    const publications = ids.flatMap((id) => {
      const pub = getPublication(library.db, id);
      if (!pub) return [];
      const text = textOf.get(id) as TextRef | undefined;
      const record = toFeedPublication(pub, text, publishedReading(library.db, id));
      // A feed this hub writes must be one every station accepts.
      const size = Buffer.byteLength(canonicalJson(record));
      if (size > MAX_RECORD_BYTES) throw new AppError('invalid_input', { key: 'feed.recordTooLarge', params: { id, size, max: MAX_RECORD_BYTES } });
      return [{ ...record, present: new Set(pub.files.filter((f) => f.state === 'present').map((f) => f.sha256)) }];
    });
    return { changes, lastChange: Math.max(lastChange, since), publications };
  })();
}

/** An op and the change-log seq of the last change it stands for. */
interface CollapsedOp {
  op: FeedOp;
  seq: number;
}

/** The last op of each publication wins; ops keep the order of their last change. */
function collapse(read: CatalogRead): CollapsedOp[] {
  const last = new Map<string, { op: 'put' | 'delete'; seq: number }>();
  for (const change of read.changes) {
    last.delete(change.id);
    last.set(change.id, { op: change.op, seq: change.seq });
  }
  const byId = new Map(read.publications.map((pub) => [pub.id, pub]));
  return [...last].map(([id, { op, seq }]): CollapsedOp => {
    const pub = byId.get(id);
    if (op === 'delete' || !pub) return { op: { op: 'delete', id }, seq };
    const { present: _present, ...publication } = pub;
    return { op: { op: 'put', publication }, seq };
  });
}

/** Bytes a page keeps free for its envelope (format, change numbers). */
const PAGE_ENVELOPE_BYTES = 1024;

/**
 * Splits collapsed ops into pages of at most `size` ops, `MAX_PAGE_BYTES` bytes and `textBytes`
 * of text objects, so a station applies (and holds in memory) a bounded page at a time. Each page
 * ends at its last op's change; the last page ends at the last change read (changes collapsed
 * away belong to it).
 */
function* chunkOps(ops: CollapsedOp[], size: number, textBytes: number, lastRead: number): Generator<{ ops: FeedOp[]; lastChange: number }> {
  let chunk: CollapsedOp[] = [];
  let bytes = PAGE_ENVELOPE_BYTES;
  let text = 0;
  for (const [i, item] of ops.entries()) {
    const opBytes = Buffer.byteLength(canonicalJson(item.op)) + 1;
    const opText = item.op.op === 'put' ? (item.op.publication.text?.size ?? 0) : 0;
    if (chunk.length > 0 && (chunk.length >= size || bytes + opBytes > MAX_PAGE_BYTES || text + opText > textBytes)) {
      yield { ops: chunk.map((c) => c.op), lastChange: chunk[chunk.length - 1].seq };
      chunk = [];
      bytes = PAGE_ENVELOPE_BYTES;
      text = 0;
    }
    chunk.push(item);
    bytes += opBytes;
    text += opText;
    if (i === ops.length - 1) yield { ops: chunk.map((c) => c.op), lastChange: lastRead };
  }
}

/** Writes content-addressed JSON (unless already there) and returns its reference. */
async function writeAddressed(outDir: string, folder: string, value: unknown): Promise<{ path: string; sha256: string; size: number }> {
  return writeBytesAddressed(outDir, folder, Buffer.from(canonicalJson(value), 'utf8'), 'json');
}

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
  const rows = db
    .prepare(`SELECT publication_id AS id, object_sha256 AS sha256, object_size AS size FROM publication_texts WHERE publication_id ${NOT_DEMO} AND text != '' ORDER BY publication_id`)
    .all() as { id: string; sha256: string | null; size: number | null }[];
  const record = db.prepare('UPDATE publication_texts SET object_sha256 = ?, object_size = ? WHERE publication_id = ?');
  let texts = 0;
  let bytes = 0;
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
  const { outDir, privateKey } = options;
  const now = options.now ?? new Date();
  const keyId = keyIdOf(createPublicKey(privateKey));
  const previous = await readPreviousRoot(outDir);
  // The feed itself says what it holds (the root is renamed before settings are stored).
  const since = previous ? Math.max(0, ...previous.pages.map((page) => page.lastChange), previous.snapshot?.lastChange ?? 0) : 0;
  const written = await publishTexts(library, outDir, now);
  const read = readCatalog(library, since);
  const ops = collapse(read);
  const sequence = Math.max(previous?.sequence ?? 0, getSetting(library.db, SETTINGS.publishSequence)) + 1;
  const unchanged = { published: false, refreshed: false, sequence: sequence - 1, ops: 0, pages: previous?.pages.length ?? 0, snapshot: false, files: 0, bytes: 0, texts: 0, textBytes: 0, thesaurus: false };
  const expiring = previous !== null && Date.parse(previous.expiresAt) - now.getTime() < (options.refreshWithinDays ?? DEFAULT_REFRESH_WITHIN_DAYS) * 86_400_000;
  const additions = getSetting(library.db, SETTINGS.thesaurus);
  const thesaurus = additions ? ((await writeBytesAddressed(outDir, 'thesaurus', Buffer.from(additions, 'utf8'), 'txt')) as ThesaurusRef) : undefined;
  const thesaurusChanged = (thesaurus?.sha256 ?? null) !== (previous?.thesaurus?.sha256 ?? null);
  const refreshed = ops.length === 0 && !options.snapshot && previous !== null && !thesaurusChanged && (options.refresh === true || expiring);
  if (ops.length === 0 && !options.snapshot && !thesaurusChanged && !refreshed) return unchanged;

  let files = 0;
  let bytes = 0;
  for (const pub of read.publications) {
    for (const file of pub.files) {
      if (pub.present.has(file.sha256) && (await placeFile(library, outDir, file))) {
        files += 1;
        bytes += file.size;
      }
    }
  }

  const pages: PageRef[] = [...(previous?.pages ?? [])];
  let firstChange = read.changes[0]?.seq ?? 0;
  for (const chunk of chunkOps(ops, options.pageOps ?? DEFAULT_PAGE_OPS, options.pageTextBytes ?? DEFAULT_PAGE_TEXT_BYTES, read.changes[read.changes.length - 1]?.seq ?? 0)) {
    const lastChange = chunk.lastChange;
    const page: FeedPage = { format: PAGE_FORMAT, firstChange, lastChange, ops: chunk.ops };
    pages.push({ ...(await writeAddressed(outDir, 'pages', page)), firstChange, lastChange });
    firstChange = lastChange + 1;
  }

  let snapshot: SnapshotRef | null = previous?.snapshot ?? null;
  const pagesSinceSnapshot = pages.filter((page) => page.firstChange > (snapshot?.lastChange ?? -1)).length;
  const writeSnapshot = options.snapshot === true || pagesSinceSnapshot >= (options.snapshotThreshold ?? DEFAULT_SNAPSHOT_THRESHOLD);
  if (writeSnapshot) {
    const publications = read.publications.map(({ present: _p, ...pub }) => pub);
    snapshot = { ...writeSnapshotFile(outDir, read.lastChange, publications.length, publications), sequence, lastChange: read.lastChange };
    await fsyncDirectory(path.join(outDir, 'snapshots'));
  }

  const present = new Set(read.publications.flatMap((pub) => [...pub.present]));
  const title = getSetting(library.db, SETTINGS.libraryName) ?? DEFAULT_LIBRARY_NAME;
  for (const file of buildOpds(read.publications, present, { title, pageSize: options.opdsPageSize })) {
    await writeFileAtomic(path.join(outDir, file.path), file.body);
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
    setSetting(library.db, SETTINGS.publishLastChange, read.lastChange);
    setSetting(library.db, SETTINGS.publishSequence, sequence);
  })();
  return { published: true, refreshed, sequence, ops: ops.length, pages: pages.length, snapshot: writeSnapshot, files, bytes, texts: written.texts, textBytes: written.bytes, thesaurus: thesaurusChanged };
}

/**
 * Staging a feed's documents in a station's feed cache before anything of them is applied
 * (docs/feed.md § The station side): pages and snapshots, each checked against the sha256 and size
 * the root gives, and against the bounds of the format before a byte is fetched. A small document
 * is read whole; a snapshot streams to a `.part` that a cut resumes with a Range request from the
 * length it reached (every byte received is kept, body-copy.ts). A full disk removes the `.part`
 * and stops the run with a clear message; the catalog is untouched.
 * Reading staged documents back checks them again (the cache is a disk, not a promise); only a
 * file this process verified, unchanged since (same inode, size and change time), is not hashed
 * again when staged again (a station's 64 MB snapshot, kept for new stations, at every run).
 */
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { MAX_PAGE_BYTES, feedPublicationSchema, pageSchema, snapshotHeaderSchema } from '../feed/pages.js';
import type { FeedPage, SnapshotHeader } from '../feed/pages.js';
import { moveIntoPlace, writeFileAtomic } from '../store/atomic-write.js';
import type { Durability } from '../store/atomic-write.js';
import { sha256File, sha256Hex } from '../store/hash.js';
import type { PageRef } from '../feed/root.js';
import { SnapshotLineError, readSnapshotLines } from '../feed/snapshot-file.js';
import type { MessageRef } from '../../shared/messages.js';
import { SyncDiskFullError, SyncRefusedError, isDiskFull } from './errors.js';
import type { DocCode } from './errors.js';
import { feedFileIn } from './feed-cache.js';
import { copyBody, endWrite, fsyncPart } from './body-copy.js';
import { RangeMismatchError, SourceError } from './source.js';
import type { FeedSource, RangeRead } from './source.js';

/** Documents up to this size are read whole; larger ones (snapshots) are streamed to disk, resumably. */
const MAX_IN_MEMORY_DOC = MAX_PAGE_BYTES;

/** Opens a staging file for writing (flags 'w' or 'a'); node:fs by default, replaced in the fault tests. */
export type OpenWrite = (file: string, flags: 'w' | 'a') => Writable;

const openWriteDefault: OpenWrite = (file, flags) => createWriteStream(file, { flags });

export interface DocRef {
  path: string;
  sha256: string;
  size: number;
}

/** Files this process verified, by path: their identity (inode, size, change time) then and the sha256 found. */
const verified = new Map<string, string>();
/** More are forgotten at once (a writer thread staging page after page for days). */
const MAX_VERIFIED = 1_000;

const identityOf = async (file: string) => {
  const stat = await fs.stat(file, { bigint: true }).catch(() => null);
  return stat && { size: Number(stat.size), key: `${stat.ino}:${stat.size}:${stat.ctimeNs}` };
};

/** Whether a staged file is the document `ref` names: its size and sha256, unless this process verified it unchanged. */
async function isVerified(file: string, ref: DocRef): Promise<boolean> {
  const identity = await identityOf(file);
  if (!identity || identity.size !== ref.size) return false;
  if (verified.get(file) === `${identity.key}:${ref.sha256}`) return true;
  if ((await sha256File(file)).sha256 !== ref.sha256) return false;
  remember(file, identity.key, ref);
  return true;
}

function remember(file: string, key: string, ref: DocRef): void {
  if (verified.size >= MAX_VERIFIED) verified.clear();
  verified.set(file, `${key}:${ref.sha256}`);
}

/** Remembers a file just moved into place after its bytes on disk were verified. */
async function rememberMoved(file: string, ref: DocRef): Promise<void> {
  const identity = await identityOf(file);
  if (identity) remember(file, identity.key, ref);
}

const refused = (code: DocCode, key: MessageRef['key'], params: MessageRef['params']) => new SyncRefusedError(code, { key, params });
const notMatching = (code: DocCode, ref: DocRef) => refused(code, 'feed.notMatching', { path: ref.path });

/** Writes `file` whole (catalog/store/atomic-write.ts); a full disk is reported as SyncDiskFullError. */
export async function writeAtomic(file: string, bytes: Uint8Array, openWrite: OpenWrite = openWriteDefault, durability: Durability = 'durable'): Promise<void> {
  await writeFileAtomic(file, bytes, openWrite, durability).catch((error: unknown) => {
    throw isDiskFull(error) ? new SyncDiskFullError(error) : error;
  });
}

/** Reads a content-addressed document whole and checks it against the size and hash the root gives. */
export async function readVerified(source: FeedSource, ref: DocRef, code: DocCode): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(ref.path, ref.size);
  } catch (error) {
    if (error instanceof SourceError && error.tooLarge) throw refused(code, 'feed.largerThanSigned', { path: ref.path });
    throw error;
  }
  if (bytes.length !== ref.size || sha256Hex(bytes) !== ref.sha256) throw notMatching(code, ref);
  return bytes;
}

/**
 * Writes a read's body to `part` from the offset it starts at (a refusal when it brings more than
 * the root gives); after a cut, what arrived is all in the `.part`, fsynced (body-copy.ts).
 */
async function continuePart(part: string, read: RangeRead, ref: DocRef, code: DocCode, openWrite: OpenWrite): Promise<void> {
  let written = read.start;
  const out = openWrite(part, read.start === 0 ? 'w' : 'a');
  out.on('error', () => undefined); // kept in out.errored, which endWrite reports
  const take = (chunk: Uint8Array) => {
    written += chunk.length;
    if (written > ref.size) throw refused(code, 'feed.largerThanSigned', { path: ref.path });
  };
  let failure: unknown = await copyBody(read.body, out, take).then(
    () => null,
    (error: unknown) => error,
  );
  if (failure instanceof SyncRefusedError) out.destroy();
  else failure = await endWrite(out, failure);
  if (failure && !(failure instanceof SyncRefusedError) && !isDiskFull(failure)) await fsyncPart(part);
  if (failure) throw failure;
}

/**
 * Stages a document in the cache (unless already there, verified) and returns its path. A page
 * larger than the format allows is refused before it is fetched; a large snapshot resumes a cut
 * download from its `.part`.
 */
export async function stage(source: FeedSource, cacheDir: string, ref: DocRef, code: DocCode, openWrite: OpenWrite = openWriteDefault): Promise<string> {
  if (code === 'bad_page' && ref.size > MAX_PAGE_BYTES) throw refused(code, 'feed.tooLarge', { path: ref.path, size: ref.size, max: MAX_PAGE_BYTES });
  const file = feedFileIn(cacheDir, ref.path);
  if (await isVerified(file, ref)) return file;
  if (ref.size <= MAX_IN_MEMORY_DOC) {
    await writeAtomic(file, await readVerified(source, ref, code), openWrite);
    return file;
  }
  const part = `${file}.part`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  let have = Math.min((await fs.stat(part).catch(() => null))?.size ?? 0, ref.size);
  for (let restart = 0; ; restart += 1) {
    try {
      await continuePart(part, await source.readRange(ref.path, have), ref, code, openWrite);
      break;
    } catch (error) {
      if (error instanceof RangeMismatchError && restart === 0) {
        have = 0;
        continue;
      }
      if (error instanceof SyncRefusedError) await fs.rm(part, { force: true });
      if (isDiskFull(error)) {
        await fs.rm(part, { force: true });
        throw new SyncDiskFullError(error);
      }
      throw error;
    }
  }
  if ((await fs.stat(part)).size !== ref.size || (await sha256File(part)).sha256 !== ref.sha256) {
    await fs.rm(part, { force: true });
    throw notMatching(code, ref);
  }
  await moveIntoPlace(part, file);
  await rememberMoved(file, ref);
  return file;
}

function parseJson(bytes: Uint8Array | string, ref: { path: string }, code: DocCode, key: 'feed.notJson' | 'feed.lineNotJson'): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch {
    throw refused(code, key, { path: ref.path });
  }
}

/** Reads a staged page again, checks and parses it. */
export async function readPage(file: string, ref: PageRef): Promise<FeedPage> {
  const bytes = await fs.readFile(file);
  if (bytes.length !== ref.size || sha256Hex(bytes) !== ref.sha256) throw notMatching('bad_page', ref);
  const parsed = pageSchema.safeParse(parseJson(bytes, ref, 'bad_page', 'feed.notJson'));
  if (!parsed.success || parsed.data.firstChange !== ref.firstChange || parsed.data.lastChange !== ref.lastChange) {
    throw refused('bad_page', 'feed.malformed', { path: ref.path });
  }
  return parsed.data;
}

/** A snapshot line parsed as JSON, or a refusal. */
export function parseSnapshotLine(text: string, ref: DocRef): unknown {
  return parseJson(text, ref, 'bad_snapshot', 'feed.lineNotJson');
}

/** The lines of a staged snapshot from a byte offset; a line the format does not allow is a refusal. */
export function* snapshotLines(file: string, ref: DocRef, start = 0) {
  try {
    yield* readSnapshotLines(file, start);
  } catch (error) {
    if (error instanceof SnapshotLineError) throw new SyncRefusedError('bad_snapshot', error.reason);
    throw error;
  }
}

/** The header of a staged snapshot: its first line. */
export function readSnapshotHeader(file: string, ref: DocRef): SnapshotHeader {
  for (const line of snapshotLines(file, ref)) {
    const parsed = snapshotHeaderSchema.safeParse(parseSnapshotLine(line.text, ref));
    if (!parsed.success) break;
    return parsed.data;
  }
  throw refused('bad_snapshot', 'feed.malformed', { path: ref.path });
}

/** Lets timers and I/O run between two transactions (the app keeps answering while a big sync applies). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads a whole staged snapshot once before its first batch is applied: every line a valid
 * publication, ids strictly ascending, as many as the header says. A malformed snapshot is
 * refused with nothing written.
 */
export async function validateSnapshot(file: string, ref: DocRef, header: SnapshotHeader): Promise<void> {
  let count = -1;
  let previous = '';
  for (const line of snapshotLines(file, ref)) {
    count += 1;
    if (count === 0) continue;
    const parsed = feedPublicationSchema.safeParse(parseSnapshotLine(line.text, ref));
    if (!parsed.success) throw refused('bad_snapshot', 'feed.publicationMalformed', { path: ref.path, index: count });
    if (parsed.data.id <= previous) throw refused('bad_snapshot', 'feed.idsNotAscending', { path: ref.path });
    previous = parsed.data.id;
    if (count % 5000 === 0) await yieldToEventLoop();
  }
  if (count !== header.publications) throw refused('bad_snapshot', 'feed.countMismatch', { path: ref.path, count, announced: header.publications });
}

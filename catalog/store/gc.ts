/**
 * Garbage collection of a library's content-addressed stores: files (PDF, EPUB, covers) that no
 * catalog row references — those a failed save had stored, those a publication left, those a
 * crash left — and text objects (a station's copies of the feed's texts, served to neighbours)
 * that no publication names any more. A blob only goes when nothing refers to it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { durably } from '../db/durable.js';
import type { Library } from '../library.js';
import type { StoredFile } from './file-store.js';
import { sha256Hex } from './hash.js';

const SHA256_NAME = /^[0-9a-f]{64}$/;

function isReferenced(library: Library, sha256: string): boolean {
  return library.db.prepare('SELECT 1 FROM files WHERE sha256 = ? UNION ALL SELECT 1 FROM publication_files WHERE sha256 = ? LIMIT 1').get(sha256, sha256) !== undefined;
}

function isTextReferenced(library: Library, sha256: string): boolean {
  return library.db.prepare('SELECT 1 FROM publications WHERE text_sha256 = ? UNION ALL SELECT 1 FROM publication_texts WHERE object_sha256 = ? LIMIT 1').get(sha256, sha256) !== undefined;
}

/** Removes these stored files unless a catalog row references them. */
export async function removeUnreferencedFiles(library: Library, sha256s: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const sha256 of new Set(sha256s)) {
    if (isReferenced(library, sha256)) continue;
    await fs.rm(library.files.pathOf(sha256), { force: true });
    removed.push(sha256);
  }
  return removed;
}

/**
 * The files one save puts in the store (an import, a batch from the desk): those the store did
 * not hold before are removed again by `discard` when the save fails, unless something else
 * references them by then.
 */
export class FilesOfSave {
  private readonly added: string[] = [];

  constructor(private readonly library: Library) {}

  /** Stores a file from disk, checked against the sha256 and size it must have. */
  putFile(file: string, expected: StoredFile): Promise<StoredFile> {
    return this.put(expected.sha256, () => this.library.files.putFile(file, expected));
  }

  putBytes(bytes: Uint8Array): Promise<StoredFile> {
    const expected = { sha256: sha256Hex(bytes), size: bytes.byteLength };
    return this.put(expected.sha256, () => this.library.files.put(Readable.from([bytes]), expected));
  }

  private async put(sha256: string, put: () => Promise<StoredFile>): Promise<StoredFile> {
    const had = await this.library.files.has(sha256);
    const stored = await put();
    if (!had) this.added.push(stored.sha256);
    return stored;
  }

  /** Removes the files this save added, unless a catalog row references them; never throws. */
  async discard(): Promise<void> {
    await removeUnreferencedFiles(this.library, this.added).catch(() => undefined);
  }
}

/**
 * Drops the rows of these files when no publication links them any more (a publication that left
 * or merged into another), then their blobs. Call after (outside) the transaction that unlinked
 * them. The rows go durably (synchronous=FULL), which also syncs every commit before it: a power
 * cut after a blob is removed must not roll the catalog back to a row that calls it present.
 */
export async function dropUnlinkedFiles(library: Library, sha256s: Iterable<string>): Promise<string[]> {
  const unlinked = library.db.prepare('DELETE FROM files WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM publication_files WHERE sha256 = ?)');
  const dropped = durably(library.db, () => [...new Set(sha256s)].filter((sha256) => unlinked.run(sha256, sha256).changes > 0));
  return removeUnreferencedFiles(library, dropped);
}

/** Walks a store's `xx/<sha256>` blobs older than `olderThanMs` and removes those `referenced` denies. */
async function removeOrphans(root: string, referenced: (sha256: string) => boolean, olderThanMs: number): Promise<string[]> {
  const removed: string[] = [];
  const now = Date.now();
  for (const prefix of await fs.readdir(root).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await fs.readdir(path.join(root, prefix)).catch(() => [] as string[])) {
      if (!SHA256_NAME.test(name) || name.slice(0, 2) !== prefix || referenced(name)) continue;
      const file = path.join(root, prefix, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || now - stat.mtimeMs < olderThanMs) continue;
      await fs.rm(file, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/**
 * Removes files in the store that no catalog row references (left by a crash between storing
 * and saving). Only files older than `olderThanMs` go, so an import in progress keeps its own.
 */
export function removeOrphanFiles(library: Library, olderThanMs = 60 * 60 * 1000): Promise<string[]> {
  return removeOrphans(library.files.root, (sha256) => isReferenced(library, sha256), olderThanMs);
}

/** Removes text objects no publication names (a text the hub replaced, a publication deleted). */
export function removeOrphanTexts(library: Library, olderThanMs = 0): Promise<string[]> {
  return removeOrphans(library.texts.root, (sha256) => isTextReferenced(library, sha256), olderThanMs);
}

/**
 * The content-addressed file store: every file is named by its sha256 under
 * `files/ab/abcdef…`. A file is written to a temporary name, checked, and moved into place
 * durably (./atomic-write.ts), so a crash leaves either nothing or a complete, verified file —
 * never half of one.
 * Each store writes into a temporary folder of its own (`tmp/<pid>-<random>`), so commands that
 * open the same library at once never remove each other's work.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SHA256_PATTERN } from '../../shared/urls.js';
import { moveIntoPlace } from './atomic-write.js';
import { processAlive } from '../process-alive.js';

export interface StoredFile {
  sha256: string;
  size: number;
}

/** A temporary folder's owner: `<pid>-<random>`. */
const OWNED = /^(\d+)-[0-9a-f]+$/;

export class FileStore {
  /** This store's own temporary folder: another process (an import, a sync) has its own. */
  private readonly tempDir: string;

  constructor(
    readonly root: string,
    private readonly tempRoot = path.join(root, 'tmp'),
  ) {
    this.tempDir = path.join(tempRoot, `${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** Size on disk, or null when the file is absent. */
  async sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await fs.stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  /**
   * Stores a stream. When `expected` is given, a file whose hash or size differs is discarded
   * and the promise rejects; nothing is left behind in either case.
   */
  async put(source: Readable | AsyncIterable<Uint8Array>, expected?: Partial<StoredFile>): Promise<StoredFile> {
    await fs.mkdir(this.tempDir, { recursive: true });
    const temp = path.join(this.tempDir, `${Date.now()}-${randomBytes(6).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        source instanceof Readable ? source : Readable.from(source),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            size += chunk.length;
            if (expected?.size !== undefined && size > expected.size) {
              throw new Error(`more bytes than the expected ${expected.size}`);
            }
            yield chunk;
          }
        },
        createWriteStream(temp, { flags: 'wx' }),
      );
      const sha256 = hash.digest('hex');
      if (expected?.sha256 !== undefined && expected.sha256 !== sha256) {
        throw new Error(`sha256 mismatch: expected ${expected.sha256}, got ${sha256}`);
      }
      if (expected?.size !== undefined && expected.size !== size) {
        throw new Error(`size mismatch: expected ${expected.size}, got ${size}`);
      }
      await moveIntoPlace(temp, this.pathOf(sha256));
      return { sha256, size };
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  /** Stores a file from disk; a missing or unreadable file rejects before anything is written. */
  async putFile(file: string, expected?: Partial<StoredFile>): Promise<StoredFile> {
    // Opening first (not inside a read stream) turns ENOENT into a rejection instead of an
    // 'error' event that could fire before the pipeline listens.
    const handle = await fs.open(file, 'r');
    return this.put(handle.createReadStream(), expected);
  }

  /**
   * Removes temporary files left by a crash: the folders of processes that are gone, and loose
   * files. The folders of running processes — an import or a sync writing into the same library —
   * stay, so opening a library never breaks another command's work.
   */
  async clearTemp(): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(this.tempRoot, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const owner = OWNED.exec(entry.name);
      if (entry.isDirectory() && owner && processAlive(Number(owner[1]))) continue;
      await fs.rm(path.join(this.tempRoot, entry.name), { recursive: true, force: true });
    }
  }
}

/**
 * A station waiting for files: a library with files registered 'pending' (wanted), as a sync
 * leaves them for downloadPending — for the download tests and the bench. Also a slow disk: a
 * .part writer that holds each write a little, so a download's body waits on the file as it does
 * on an old PC's disk.
 */
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { Library } from '../../catalog/library.js';

export interface PendingFile {
  sha256: string;
  size: number;
}

/** The library in `dir` (made when missing) with `files` registered as pending downloads. */
export async function stationWithPending(dir: string, files: PendingFile[]): Promise<Library> {
  const library = await Library.open(dir);
  const insert = library.db.prepare("INSERT INTO files (sha256, size, media_type, state, created_at) VALUES (?, ?, 'application/pdf', 'pending', ?) ON CONFLICT DO NOTHING");
  library.db.transaction(() => {
    for (const file of files) insert.run(file.sha256, file.size, new Date().toISOString());
  })();
  return library;
}

/** Opens a real .part (flags 'w' or 'a') whose every write completes `delayMs` late. */
export function slowDisk(delayMs: number) {
  return (file: string, flags: 'w' | 'a'): Writable => {
    const real = fs.createWriteStream(file, { flags });
    return new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        real.write(chunk, (error) => setTimeout(() => callback(error), delayMs));
      },
      final(callback) {
        real.end(callback);
      },
      destroy(error, callback) {
        real.destroy();
        callback(error);
      },
    });
  };
}

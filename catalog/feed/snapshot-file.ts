/**
 * Snapshot files (docs/feed.md § Pages and snapshots): JSON Lines, written and read in bounded
 * memory. The hub writes one synchronously (inside the read transaction that gives it a
 * consistent view) by temporary name, hashing as it goes, then renames it to its address; a
 * station reads one line at a time from a byte offset, so a snapshot of any size is applied in
 * batches and resumed where the last committed batch ended.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_RECORD_BYTES, SNAPSHOT_FORMAT } from './pages.js';
import type { FeedPublication, SnapshotHeader } from './pages.js';
import { canonicalJson } from './root.js';
import { bilingual } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';

const WRITE_BUFFER_BYTES = 1 << 20;

export interface WrittenSnapshot {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Writes `snapshots/<sha256>.jsonl` under `outDir` from publications given in id order. The file
 * is fsynced and renamed into place; an existing file with the same address is kept.
 */
export function writeSnapshotFile(outDir: string, lastChange: number, count: number, publications: Iterable<FeedPublication>): WrittenSnapshot {
  const dir = path.join(outDir, 'snapshots');
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.jsonl.tmp`);
  const fd = fs.openSync(temp, 'wx');
  const hash = createHash('sha256');
  let size = 0;
  let buffered: string[] = [];
  let bufferedBytes = 0;
  const flush = () => {
    const bytes = Buffer.from(buffered.join(''), 'utf8');
    fs.writeSync(fd, bytes);
    hash.update(bytes);
    size += bytes.length;
    buffered = [];
    bufferedBytes = 0;
  };
  const push = (line: string) => {
    buffered.push(line, '\n');
    bufferedBytes += line.length + 1;
    if (bufferedBytes >= WRITE_BUFFER_BYTES) flush();
  };
  try {
    const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, lastChange, publications: count };
    push(canonicalJson(header));
    let written = 0;
    for (const publication of publications) {
      push(canonicalJson(publication));
      written += 1;
    }
    if (written !== count) throw new Error(`snapshot: ${written} publications written, ${count} announced`);
    flush();
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  const sha256 = hash.digest('hex');
  const relative = `snapshots/${sha256}.jsonl`;
  const target = path.join(outDir, relative);
  if (fs.statSync(target, { throwIfNoEntry: false })?.size === size) fs.rmSync(temp);
  else fs.renameSync(temp, target);
  return { path: relative, sha256, size };
}

/** A line of a snapshot file and the byte offset just after it (where a resumed read starts). */
export interface SnapshotLine {
  text: string;
  end: number;
}

/** A snapshot line longer than a record may be, or an unterminated last line: the file is malformed. */
export class SnapshotLineError extends Error {
  constructor(readonly reason: MessageRef) {
    super(bilingual(reason));
  }
}

const tooLong = () => new SnapshotLineError({ key: 'feed.lineTooLong', params: { max: MAX_RECORD_BYTES } });

/** Yields the lines of a snapshot file from byte `start` (a line start), reading 1 MB at a time; no line may exceed a record's bound. */
export function* readSnapshotLines(file: string, start = 0): Generator<SnapshotLine> {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(WRITE_BUFFER_BYTES);
    let carry = Buffer.alloc(0);
    let position = start;
    let lineStart = start;
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      let data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let from = 0;
      for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
        if (nl - from > MAX_RECORD_BYTES) throw tooLong();
        const end = lineStart + (nl - from) + 1;
        yield { text: data.toString('utf8', from, nl), end };
        lineStart = end;
        from = nl + 1;
      }
      data = data.subarray(from);
      if (data.length > MAX_RECORD_BYTES) throw tooLong();
      carry = Buffer.from(data);
    }
    if (carry.length > 0) throw new SnapshotLineError({ key: 'feed.lineUnterminated' });
  } finally {
    fs.closeSync(fd);
  }
}

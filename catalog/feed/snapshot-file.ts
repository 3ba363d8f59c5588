/**
 * Snapshot files (docs/feed.md § Pages and snapshots): JSON Lines, written and read in bounded
 * memory. The hub writes one a line at a time as it reads its catalog in batches (in the read
 * transaction that gives it a consistent view) by temporary name, hashing as it goes, then
 * renames it to its address; a station reads one line at a time from a byte offset, so a
 * snapshot of any size is applied in batches and resumed where the last committed batch ended.
 * The same bounded line reader reads a publish's sorted runs (sorted-runs.ts).
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
 * Writes `snapshots/<sha256>.jsonl` under `outDir` a line at a time: the header, then each
 * publication's canonical JSON in id order (`add`), hashed as it goes. `finish` checks the count
 * the header announced, fsyncs the file and renames it to its address (an existing file with the
 * same address is kept); `abort` removes an unfinished one.
 */
export class SnapshotWriter {
  private readonly hash = createHash('sha256');
  private size = 0;
  private written = 0;
  private buffered: string[] = [];
  private bufferedBytes = 0;
  private closed = false;

  private constructor(
    private readonly outDir: string,
    private readonly temp: string,
    private readonly fd: number,
    private readonly count: number,
  ) {}

  static open(outDir: string, lastChange: number, count: number): SnapshotWriter {
    const dir = path.join(outDir, 'snapshots');
    fs.mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.jsonl.tmp`);
    const writer = new SnapshotWriter(outDir, temp, fs.openSync(temp, 'wx'), count);
    const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, lastChange, publications: count };
    writer.push(canonicalJson(header));
    return writer;
  }

  /** Adds the next publication, given as its canonical JSON. */
  add(canonical: string): void {
    this.push(canonical);
    this.written += 1;
  }

  finish(): WrittenSnapshot {
    try {
      if (this.written !== this.count) throw new Error(`snapshot: ${this.written} publications written, ${this.count} announced`);
      this.flush();
      fs.fsyncSync(this.fd);
    } catch (error) {
      this.abort();
      throw error;
    }
    fs.closeSync(this.fd);
    this.closed = true;
    const sha256 = this.hash.digest('hex');
    const relative = `snapshots/${sha256}.jsonl`;
    const target = path.join(this.outDir, relative);
    if (fs.statSync(target, { throwIfNoEntry: false })?.size === this.size) fs.rmSync(this.temp);
    else fs.renameSync(this.temp, target);
    return { path: relative, sha256, size: this.size };
  }

  /** Removes the unfinished file (nothing once finished). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
    fs.rmSync(this.temp, { force: true });
  }

  private push(line: string): void {
    this.buffered.push(line, '\n');
    this.bufferedBytes += line.length + 1;
    if (this.bufferedBytes >= WRITE_BUFFER_BYTES) this.flush();
  }

  private flush(): void {
    const bytes = Buffer.from(this.buffered.join(''), 'utf8');
    fs.writeSync(this.fd, bytes);
    this.hash.update(bytes);
    this.size += bytes.length;
    this.buffered = [];
    this.bufferedBytes = 0;
  }
}

/** Writes a whole snapshot from publications given in id order (SnapshotWriter). */
export function writeSnapshotFile(outDir: string, lastChange: number, count: number, publications: Iterable<FeedPublication>): WrittenSnapshot {
  const writer = SnapshotWriter.open(outDir, lastChange, count);
  try {
    for (const publication of publications) writer.add(canonicalJson(publication));
  } catch (error) {
    writer.abort();
    throw error;
  }
  return writer.finish();
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

/** Yields the lines of a snapshot file from byte `start` (a line start), reading `chunkBytes` (1 MB) at a time; no line may exceed a record's bound. */
export function* readSnapshotLines(file: string, start = 0, chunkBytes = WRITE_BUFFER_BYTES): Generator<SnapshotLine> {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(chunkBytes);
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

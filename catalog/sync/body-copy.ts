/**
 * Moving a download's body into its `.part` so that every byte received is on disk when the body
 * is cut (download.ts, stage.ts): the next Range request asks from the `.part`'s length, so a byte
 * dropped between the socket and the file is a byte fetched twice. A body paused while the file is
 * full still buffers what its socket brings (up to its high-water mark: 1 MiB for a feed's HTTP
 * responses), and a cut stops the body with those bytes unread; they are read out of it, hashed
 * and written before the failure is reported. The caller then ends the `.part` and fsyncs it
 * (endWrite, fsyncPart), so its length is durable before the next Range request is computed.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fsyncFile } from '../store/atomic-write.js';
import type { TokenBucket } from './throttle.js';

/** Ends `out` so what it holds reaches the disk; its own error (a full disk) wins over `cause`. */
export async function endWrite(out: Writable, cause: unknown): Promise<unknown> {
  if (!out.errored) out.end();
  return finished(out).then(
    () => cause,
    (error: unknown) => out.errored ?? error,
  );
}

/** Makes a `.part`'s length durable after a cut (its bytes all written): a failure to do so changes nothing of the cut's outcome. */
export const fsyncPart = (part: string) => fsyncFile(part).catch(() => undefined);

/**
 * Moves `body` into `out` in flowing mode — a 'data' event per chunk, no promise per chunk —
 * passing each chunk to `take` first (which counts and hashes it, or throws to refuse it). The
 * body pauses while `out` is full or the bandwidth cap makes it wait. Resolves when the body
 * ends; rejects when it fails (after taking and writing what it still held), `take` throws or
 * `out` fails (the body is then destroyed). `out` is left open for the caller to end
 * (endWrite), so what it holds still reaches the .part.
 */
export function copyBody(
  source: AsyncIterable<Uint8Array>,
  out: Writable,
  take: (chunk: Uint8Array) => void,
  bucket: TokenBucket | null = null,
  signal?: AbortSignal,
): Promise<void> {
  const body = source instanceof Readable ? source : Readable.from(source);
  return new Promise((resolve, reject) => {
    let settled = false;
    /** Waits in progress (a full `out`, the cap); the input resumes when none is left. */
    let holds = 0;
    let waiting: Promise<unknown> = Promise.resolve();
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      out.off('error', settle);
      if (error === undefined) return resolve();
      body.destroy();
      reject(error);
    };
    /** A cut body's unread chunks, taken and written like the others (`out` buffers them: at most the body's high-water mark). */
    const salvage = () => {
      body.off('data', onData);
      for (let chunk = body.read() as Uint8Array | null; chunk !== null && !settled && !out.destroyed; chunk = body.read() as Uint8Array | null) {
        try {
          take(chunk);
        } catch (error) {
          return settle(error);
        }
        out.write(chunk);
      }
    };
    const onData = (chunk: Uint8Array) => {
      try {
        take(chunk);
      } catch (error) {
        return settle(error);
      }
      const full = !out.write(chunk);
      const capped = bucket?.take(chunk.length, signal);
      if (!full && !capped) return;
      if (holds === 0) body.pause();
      holds += 1;
      const wait = Promise.all([full ? once(out, 'drain') : null, capped]).then(() => {
        holds -= 1;
        if (holds === 0 && !settled) body.resume();
      }, settle);
      waiting = Promise.all([waiting, wait]);
    };
    out.on('error', settle);
    body.on('data', onData);
    // The body may end while the cap still holds its last chunk: the copy ends when that wait does.
    finished(body).then(
      () => waiting.then(() => settle(), settle),
      (error: unknown) => {
        salvage();
        settle(error);
      },
    );
  });
}

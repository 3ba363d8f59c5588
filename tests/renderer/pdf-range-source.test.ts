// The PDF reader's range transport (renderer/src/reader/pdf/range-source.ts) against a real HTTP
// server on 127.0.0.1 that answers `Range` with 206, over a corpora PDF: each range pdf.js asks
// for is answered from its first byte with the file's own bytes, to a chunk boundary or the end;
// a file of up to EAGER_BYTES is fetched whole at once, no byte twice; a larger one as asked; a
// range that cannot be fetched is told to the reader, also when it failed before the reader listened.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RANGE_CHUNK_SIZE } from '../../renderer/src/reader/pdf/options.js';
import { EAGER_BYTES, pdfSource } from '../../renderer/src/reader/pdf/range-source.js';
import { corpus, corpusMissing } from '../helpers/corpora.js';

// The same pdf.js, in its build for Node (the modern one needs a DOM).
vi.mock('pdfjs-dist', () => import('pdfjs-dist/legacy/build/pdf.mjs'));

const GAZETTE = 'pdf/vn-congbao/van-ban-hop-nhat-so-5-vbhn-btc-469151.pdf';

describe.skipIf(corpusMissing(GAZETTE))('range transport of the PDF reader', () => {
  let file: Uint8Array;
  let server: http.Server;
  let base = '';
  /** [first, last] of every Range asked for, per path. */
  const asked: Record<string, [number, number][]> = {};

  beforeAll(async () => {
    file = new Uint8Array(fs.readFileSync(corpus(GAZETTE)));
    server = http.createServer((request, response) => {
      // /small (and /gone, whose later ranges fail): the file as it is; /large: the same bytes said to be longer than EAGER_BYTES (zeros after).
      const length = request.url === '/large' ? EAGER_BYTES + RANGE_CHUNK_SIZE : file.length;
      const [, a, b] = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '') ?? [];
      const first = Number(a);
      const last = Math.min(Number(b), length - 1);
      (asked[request.url ?? ''] ??= []).push([first, last]);
      if (request.url === '/gone' && first > 0) {
        response.writeHead(500).end();
        return;
      }
      const body = new Uint8Array(last - first + 1);
      body.set(file.subarray(first, Math.min(file.length, last + 1)));
      response.writeHead(206, { 'Content-Range': `bytes ${first}-${last}/${length}`, 'Content-Length': body.length });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Asks the transport for [begin, end) as pdf.js does; answers what it delivered. */
  async function ask(transport: { requestDataRange(begin: number, end: number): void; addRangeListener(listener: (begin: number, chunk: Uint8Array) => void): void }, begin: number, end: number) {
    return new Promise<{ begin: number; chunk: Uint8Array }>((resolve) => {
      transport.addRangeListener((at, chunk) => at === begin && resolve({ begin: at, chunk }));
      transport.requestDataRange(begin, end);
    });
  }

  const overlaps = (spans: [number, number][]) => [...spans].sort((x, y) => x[0] - y[0]).some((span, i, all) => i > 0 && span[0] <= all[i - 1][1]);

  it('fetches a file of up to EAGER_BYTES whole at once, answers every range from it, and fetches no byte twice', async () => {
    const source = await pdfSource(`${base}/small`);
    if (!('range' in source)) throw new Error('expected a range transport');
    const chunk = RANGE_CHUNK_SIZE;
    const lastChunk = Math.floor((file.length - 1) / chunk) * chunk;
    // The tail, a range across two of the parallel requests, and one inside a request.
    for (const [begin, end] of [
      [lastChunk, file.length],
      [4 * chunk, 7 * chunk],
      [chunk, 2 * chunk],
    ]) {
      const answer = await ask(source.range, begin, end);
      expect(answer.chunk.length).toBeGreaterThanOrEqual(end - begin);
      const stop = begin + answer.chunk.length;
      expect(stop === file.length || stop % chunk === 0).toBe(true);
      expect(Buffer.from(answer.chunk).equals(Buffer.from(file.subarray(begin, stop)))).toBe(true);
    }
    const spans = asked['/small'];
    expect(overlaps(spans)).toBe(false);
    expect(spans.reduce((sum, [first, last]) => sum + last - first + 1, 0)).toBe(file.length);
  });

  it('fetches a larger file as pdf.js asks, read ahead', async () => {
    const source = await pdfSource(`${base}/large`);
    if (!('range' in source)) throw new Error('expected a range transport');
    const answer = await ask(source.range, 2 * RANGE_CHUNK_SIZE, 3 * RANGE_CHUNK_SIZE);
    expect(Buffer.from(answer.chunk.subarray(0, RANGE_CHUNK_SIZE)).equals(Buffer.from(file.subarray(2 * RANGE_CHUNK_SIZE, 3 * RANGE_CHUNK_SIZE)))).toBe(true);
    expect(asked['/large']).toHaveLength(2);
    expect(overlaps(asked['/large'])).toBe(false);
  });

  it('tells the reader of a range that could not be fetched, also one that failed before it listened', async () => {
    const source = await pdfSource(`${base}/gone`);
    if (!('range' in source)) throw new Error('expected a range transport');
    source.range.requestDataRange(RANGE_CHUNK_SIZE, 2 * RANGE_CHUNK_SIZE);
    // The reader may take the transport after a range failed (a document opened early).
    await expect.poll(() => asked['/gone']?.length).toBeGreaterThan(1);
    const told = await new Promise<unknown>((resolve) => (source.range.onError = resolve));
    expect(told).toMatchObject({ name: 'ResponseException' });
  });
});

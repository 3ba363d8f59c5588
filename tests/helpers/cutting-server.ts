/**
 * A flaky link for download tests and the bench: an HTTP server on 127.0.0.1 serving one file
 * with Range support, whose first requests are cut at given offsets of the file (the bytes before
 * the offset are sent and flushed, then the connection is destroyed). It counts the body bytes it
 * sends and where each request started, so a caller can tell what was fetched twice.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CuttingServer {
  url: string;
  /** Body bytes sent in all, and the offset each request asked from (0 without a Range). */
  log: { sent: number; starts: number[]; ranges: (string | undefined)[] };
  close: () => Promise<void>;
}

/** Serves `bytes`; request i (0-based) is cut at file offset `cuts[i]` when there is one. */
export async function cuttingServer(bytes: Uint8Array, cuts: number[]): Promise<CuttingServer> {
  const log: CuttingServer['log'] = { sent: 0, starts: [], ranges: [] };
  const server = http.createServer((req, res) => {
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const cut = cuts[log.starts.length];
    log.starts.push(start);
    log.ranges.push(req.headers.range);
    const partial = start > 0;
    res.writeHead(partial ? 206 : 200, {
      'Content-Length': bytes.length - start,
      ...(partial ? { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
    });
    if (cut === undefined) {
      log.sent += bytes.length - start;
      res.end(bytes.subarray(start));
      return;
    }
    const end = Math.max(start, cut);
    log.sent += end - start;
    res.write(bytes.subarray(start, end), () => setTimeout(() => res.socket?.destroy(), 20));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

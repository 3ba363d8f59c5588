/**
 * Parts for the outbox tests: a hub (library, feed folder, the hub's HTTP app with its upload
 * routes, on 127.0.0.1), a station holding a document of its own, and a proxy between them that
 * can misbehave on purpose (cut a chunk half-way, answer a status of its choosing, flip a byte,
 * hold a request until told).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { mountHubRoutes } from '../../../catalog/hub/routes.js';
import type { HubRouteOptions } from '../../../catalog/hub/routes.js';
import { listen } from '../../../catalog/http/server.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { makePdf } from '../import/helpers.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function startHub(options: HubRouteOptions & { libraryDir?: string } = {}) {
  const library = await openTestLibrary(options.libraryDir ?? tempDir('outbox-hub-'));
  const feedDir = tempDir('outbox-feed-');
  const app = createFeedApp(feedDir, ['127.0.0.1', 'localhost'], (hub) => void mountHubRoutes(hub, library, options));
  const server = await listen(app, '127.0.0.1', 0);
  return {
    library,
    feedDir,
    url: `${server.url}/`,
    async close() {
      await server.close();
      library.close();
    },
  };
}

/** A stream object holding `data`. */
const pdfStream = (data: Buffer) => Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/**
 * A real one-page PDF (the hub parses what it receives) of `size` bytes, or its smallest size
 * when that is more: random bytes fill a stream of their own, so no two are alike.
 */
export function pdfBytes(size: number): Buffer {
  const make = (padding: number) =>
    makePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      pdfStream(Buffer.from('BT /F1 12 Tf 72 720 Td (Cong van cua xa) Tj ET')),
      pdfStream(randomBytes(padding)),
    ]);
  let padding = size - make(0).length;
  if (padding <= 0) return make(0);
  let bytes = make(padding);
  // The padding's length has digits of its own (and moves the xref): another try lands on the size.
  for (let tries = 0; tries < 3 && bytes.length !== size; tries++) bytes = make((padding += size - bytes.length));
  return bytes;
}

/** A station library with one document of its own (origin local) whose file holds `bytes`. */
export async function stationWith(bytes: Buffer, options: { id?: string; mediaType?: string; libraryDir?: string; name?: string; summary?: string } = {}) {
  const library = await openTestLibrary(options.libraryDir ?? tempDir('outbox-station-'));
  const id = options.id ?? `local-${sha256(bytes).slice(0, 16)}`;
  const source = path.join(tempDir('outbox-src-'), 'doc.bin');
  fs.writeFileSync(source, bytes);
  const stored = await library.files.putFile(source);
  saveDocuments(library.db, [
    {
      publication: { id, kind: 'legal', title: `Công văn ${id}`, number: '12/UBND', docType: 'Công văn', issuer: 'UBND xã', fields: ['Đất đai'], description: options.summary ?? null, origin: 'local' },
      files: [{ ...stored, mediaType: options.mediaType ?? 'application/pdf', state: 'present', role: 'content' }],
    },
  ]);
  if (options.name) setSetting(library.db, SETTINGS.libraryName, options.name);
  return { library, id, sha256: stored.sha256 };
}

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What the proxy does with one request. */
export type ProxyAction =
  | { kind: 'forward' }
  /** Forward half the body, then drop both connections (a link cut mid-chunk). */
  | { kind: 'cut' }
  /** Flip one byte of the body, forward the rest unchanged (a chunk damaged in transit). */
  | { kind: 'corrupt' }
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body?: string }
  /** Keep the request unanswered until `release` is called; then drop it. */
  | { kind: 'hold' };

export async function startProxy(target: () => string) {
  const log: { method: string; path: string; bytes: number; status: number | 'cut' | 'held' }[] = [];
  let decide: (request: ProxiedRequest) => ProxyAction = () => ({ kind: 'forward' });
  const held: (() => void)[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let onHold: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      const action = decide(request);
      const entry = { method: request.method, path: request.path, bytes: body.length, status: 0 as number | 'cut' | 'held' };
      log.push(entry);
      if (action.kind === 'answer') {
        entry.status = action.status;
        res.writeHead(action.status, { 'Tus-Resumable': '1.0.0', ...action.headers });
        res.end(action.body ?? '');
        return;
      }
      if (action.kind === 'hold') {
        entry.status = 'held';
        held.push(() => req.socket.destroy());
        onHold?.();
        return;
      }
      const base = new URL(target());
      const sent = action.kind === 'corrupt' && body.length ? Buffer.from(body) : body;
      if (action.kind === 'corrupt' && sent.length) sent[Math.floor(sent.length / 2)] ^= 0xff;
      const upstream = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers: { ...req.headers, host: base.host } }, (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => {
        if (entry.status === 0) entry.status = 502;
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      if (action.kind === 'cut') {
        entry.status = 'cut';
        upstream.write(sent.subarray(0, Math.floor(sent.length / 2)), () => {
          upstream.destroy();
          req.socket.destroy();
        });
        return;
      }
      upstream.end(sent);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    setRule(rule: (request: ProxiedRequest) => ProxyAction) {
      decide = rule;
    },
    /** Resolves when a request is being held. */
    nextHold(): Promise<void> {
      return new Promise((resolve) => {
        onHold = () => {
          onHold = null;
          resolve();
        };
      });
    },
    release() {
      for (const drop of held.splice(0)) drop();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Upload offset of a PATCH request (its Upload-Offset header). */
export const offsetOf = (request: ProxiedRequest) => Number(request.headers['upload-offset'] ?? -1);

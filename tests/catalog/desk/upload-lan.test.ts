/**
 * The desk's file upload (renderer/src/desk/upload-file.ts, the code the browser runs) from a
 * librarian's PC on the LAN, against a real station with staff allowed on the LAN and its real
 * rate limiter (set stricter than the default): a file of ~50 chunks goes past the per-device
 * limit, each refused chunk waits and goes again, and the file arrives whole (same sha256) and is
 * imported.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { createClient } from '../../../shared/client.js';
import type { Transport } from '../../../shared/client.js';
import type { Envelope } from '../../../shared/errors.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/desk.js';
import { finishUpload, sendFile } from '../../../renderer/src/desk/upload-file.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** A decree with a large annex attached (random bytes): `size` bytes or a little more of real PDF. */
async function largeDecree(size: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(fs.readFileSync(path.join(DEMO_DIR, 'nghi-dinh-so-158-2025-nd-cp-45240.pdf')));
  await pdf.attach(randomBytes(size), 'phu-luc.bin', { mimeType: 'application/octet-stream' });
  return pdf.save();
}

/** The HTTP transport as a browser on another PC (127.0.0.2) would use it, keeping its session cookie. */
function lanTransport(baseUrl: string, localAddress: string): Transport & { refused: number } {
  let cookie = '';
  const transport = {
    kind: 'http' as const,
    refused: 0,
    send(method: string, input: unknown): Promise<Envelope<unknown>> {
      const url = new URL(`/api/${method}`, baseUrl);
      const body = JSON.stringify(input ?? {});
      return new Promise((resolve, reject) => {
        const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(cookie ? { cookie } : {}) };
        const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false, headers }, (response) => {
          const set = response.headers['set-cookie']?.[0];
          if (set) cookie = set.split(';')[0];
          if (response.statusCode === 429) transport.refused += 1;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<unknown>));
        });
        request.on('error', reject);
        request.end(body);
      });
    },
  };
  return transport;
}

let station: RunningStation;
/** A stricter rate limit than the default (60 calls at once, then 20 a second), so a few megabytes run into it. */
const LIMITS = { ratePerSecond: 10, burst: 20 };

describe('a file uploaded from a librarian’s PC on the LAN', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    station = await startStation({ libraryDir: tempDir('desk-upload-lan-'), host: '127.0.0.1', port: 0, demo: false, lanStaff: true, rendererDir: tempDir('ui-'), limits: LIMITS });
    await station.services.accounts.create({ username: 'thuthu', displayName: 'Thủ thư xã', password: 'mat-khau-du-dai-1', role: 'librarian' });
  });
  afterAll(() => station?.close());

  it('waits out the station’s rate limit chunk by chunk and arrives whole', async () => {
    const transport = lanTransport(station.server.url, '127.0.0.2');
    const api = createClient(transport);
    await api.call('auth.signIn', { username: 'thuthu', password: 'mat-khau-du-dai-1' });
    const bytes = await largeDecree((LIMITS.burst + 30) * UPLOAD_CHUNK_BYTES);
    const chunks = Math.ceil(bytes.byteLength / UPLOAD_CHUNK_BYTES);
    const file = new File([bytes], 'nghi-dinh-kem-phu-luc.pdf', { type: 'application/pdf' });
    const sent: number[] = [];
    const signal = new AbortController().signal;
    const uploadId = await sendFile(api, file, (n) => sent.push(n), signal);
    expect(transport.refused).toBeGreaterThan(0);
    expect(sent).toHaveLength(chunks);
    expect(sent.at(-1)).toBe(bytes.byteLength);
    const batch = await finishUpload(api, uploadId, signal);
    expect(batch).toMatchObject({ origin: 'file', file: { name: 'nghi-dinh-kem-phu-luc.pdf', size: bytes.byteLength } });
    const row = station.library.db.prepare('SELECT file_sha256 FROM desk_batches WHERE id = ?').pluck().get(batch.id);
    expect(row).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await station.services.desk.draft(batch.id)).toMatchObject({ number: '158/2025/NĐ-CP' });
  });
});

/**
 * A feed behind a plain static web server (docs/feed.md § Behind any static server): a published
 * feed folder served under a sub-path by serve-handler (the static server of Vercel's `serve`)
 * with the cache headers the docs give, on 127.0.0.1, and a station that syncs from it —
 * metadata from the snapshot, a text object, the files — resuming a file cut mid-way with the
 * server's own Range support.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import handler from 'serve-handler';
import { afterAll, describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { downloadPending } from '../../../catalog/sync/download.js';
import { HttpSource } from '../../../catalog/sync/source.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { stationWithSource } from '../sync/fixtures.js';
import { addDocument, keys } from './fixtures.js';

/** The serve-handler (serve.json) configuration of docs/feed.md. */
const CONFIG = {
  directoryListing: false,
  headers: [
    { source: '**/root.json', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
    { source: '**/opds/**', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
    { source: '**/{pages,signatures,snapshots,thesaurus,files,texts}/**', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
  ],
};

interface Served {
  url: string;
  range: string | undefined;
  status: number;
}

const servers: http.Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** serve-handler over `root` on 127.0.0.1, logging each request; `cutNext` cuts the next response whose URL matches after `bytes` of its body, like a dropped link. */
async function staticServer(root: string) {
  const served: Served[] = [];
  let cut: { match: RegExp; bytes: number } | null = null;
  const server = http.createServer((request, response) => {
    response.on('close', () => served.push({ url: request.url!, range: request.headers.range, status: response.statusCode }));
    if (cut?.match.test(request.url!)) {
      const limit = cut.bytes;
      cut = null;
      let sent = 0;
      const write = response.write.bind(response) as (chunk: Buffer, callback?: () => void) => boolean;
      response.write = ((chunk: Buffer) => {
        if (sent + chunk.length <= limit) {
          sent += chunk.length;
          return write(chunk);
        }
        write(chunk.subarray(0, limit - sent), () => response.socket?.destroy());
        sent = limit;
        return false;
      }) as typeof response.write;
    }
    void handler(request, response, { ...CONFIG, public: root });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    cutNext: (match: RegExp, bytes: number) => void (cut = { match, bytes }),
  };
}

describe('a feed behind a plain static server', () => {
  it('syncs a station — metadata, texts, files — and a cut file resumes with Range', async () => {
    const hub = await tempLibrary('static-hub-');
    for (let i = 1; i <= 12; i += 1) await addDocument(hub, `luat-${i}`, `Luật số ${i}`, `%PDF-1.4 ${i} ${'x'.repeat(i <= 3 ? 300_000 : 200)}`);
    saveDocuments(hub.db, [
      {
        publication: { id: 'luat-text', kind: 'legal', title: 'Luật có văn bản', fields: ['Đất đai'] },
        files: [],
        text: { text: 'Điều 1. Phạm vi điều chỉnh\nLuật này quy định về đăng ký hộ tịch tại xã.', pageStarts: [0], pageCount: 1 },
      },
    ]);
    const webRoot = tempDir('static-www-');
    const hubKey = keys();
    await publish(hub, { outDir: path.join(webRoot, 'national'), privateKey: hubKey.privateKey, snapshot: true });

    const web = await staticServer(webRoot);
    const location = `${web.base}/national/`;
    const { station, row } = await stationWithSource(location, hubKey.publicKeyPath);
    const source = new HttpSource(location, { idleTimeoutMs: 5_000 });

    const synced = await syncOnce(station, row(), source);
    expect(synced).toMatchObject({ status: 'applied', added: 13 });
    expect(web.served.filter((entry) => entry.url.includes('/snapshots/')).map((entry) => entry.status)).toEqual([200]);

    // The text travelled as its object: the synced document is searchable without its file.
    expect(station.db.prepare("SELECT text FROM publication_texts WHERE publication_id = 'luat-text'").pluck().get()).toContain('đăng ký hộ tịch');

    // Files: a 300 KB file cut after 100,000 bytes resumes from what arrived.
    const big = hub.db.prepare("SELECT sha256 FROM publication_files WHERE publication_id = 'luat-1'").pluck().get() as string;
    web.cutNext(new RegExp(`/files/../${big}$`), 100_000);
    const downloaded = await downloadPending(station, source, { baseDelayMs: 5, sleep: async () => undefined });
    expect(downloaded).toMatchObject({ downloaded: 12, failed: [] });
    const resumed = web.served.filter((entry) => entry.url.endsWith(big));
    expect(resumed.map((entry) => entry.status)).toEqual([200, 206]);
    // It asked for the rest only: from what had arrived before the cut.
    const start = Number(/^bytes=(\d+)-$/.exec(resumed[1].range ?? '')?.[1]);
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThanOrEqual(100_000);
    for (const sha256 of hub.db.prepare('SELECT sha256 FROM files').pluck().all() as string[]) {
      expect(fs.readFileSync(station.files.pathOf(sha256)).equals(fs.readFileSync(hub.files.pathOf(sha256)))).toBe(true);
    }

    // The headers a CDN caches by: the root always revalidated, content-addressed paths for a year; one byte range.
    const root = await fetch(`${location}root.json`);
    expect(root.headers.get('cache-control')).toBe('no-cache');
    const file = await fetch(`${location}files/${big.slice(0, 2)}/${big}`, { headers: { Range: 'bytes=100-' } });
    expect(file.status).toBe(206);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('content-range')).toBe(`bytes 100-${fs.statSync(hub.files.pathOf(big)).size - 1}/${fs.statSync(hub.files.pathOf(big)).size}`);
    expect((await fetch(`${location}opds/root.json`)).headers.get('cache-control')).toBe('no-cache');
  });
});

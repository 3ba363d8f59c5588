/**
 * A hub's network (issue 17), `BENCH_ONLY=hub-usage`. Usage reports: 3,000 approved stations
 * (BENCH_HUB_STATIONS) each POST a signed report of a year of days (BENCH_HUB_DAYS, six counters
 * a day, as a station a year in service sends them) to a real hub over HTTP on 127.0.0.1, 16 at a
 * time; then the next day the same, one day longer (each report replaces its days). Time and the
 * hub's disk growth (the catalog file after a WAL checkpoint) for each day, beside the same rows
 * written straight into a bare SQLite file of the same table, one FULL-synchronous transaction
 * per report as the hub writes them. The reports' bodies are written before the clock starts,
 * each signed as it is sent (an Ed25519 signature and a digest, a fraction of a millisecond); the
 * hub runs in this process. Uploads: the same PDFs
 * (BENCH_UPLOAD_MB in 20 MB files) sent by a station's outbox client (tus-js-client, 1 MiB
 * chunks, every request signed, each chunk checksummed; the hub checks signatures, checksums,
 * quotas, the whole file's sha256 and that it parses — the parse timed apart too) beside
 * tus-js-client's plain stack to a plain @tus/server with a file store (no check at all), both
 * served the same way.
 */
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import { Hono } from 'hono';
import { Upload } from 'tus-js-client';
import { rawPublicKey } from '../../catalog/feed/keys.js';
import { createFeedApp } from '../../catalog/feed/feed-server.js';
import { listen } from '../../catalog/http/server.js';
import { contentProblem } from '../../catalog/hub/content-check.js';
import { mountHubRoutes } from '../../catalog/hub/routes.js';
import { HUB_SCHEMA } from '../../catalog/hub/schema.js';
import { Library } from '../../catalog/library.js';
import { HubSigner } from '../../catalog/outbox/hub-signer.js';
import { stationId } from '../../catalog/outbox/settings.js';
import { sendFile } from '../../catalog/outbox/tus-upload.js';
import { contentDigest } from '../../catalog/station-auth/content-digest.js';
import { signMessage } from '../../catalog/station-auth/message-signature.js';
import { stationKey } from '../../catalog/station-auth/station-key.js';
import { sha256Hex } from '../../catalog/store/hash.js';
import type { UsageUpload } from '../../shared/outbox.js';
import { makePdf } from '../catalog/import/helpers.js';

const COUNTERS = ['search', 'search_no_result', 'kiosk_session', 'phone_session', 'page_printed', 'opened'] as const;
const CONCURRENCY = 16;
const MB = 1024 * 1024;

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-hub-'));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The catalog file's bytes once its write-ahead log is checkpointed into it. */
function checkpointedBytes(db: Database.Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(file).size;
}

interface Station {
  id: string;
  privateKey: KeyObject;
}

/** A station's report of `days` days ending `lastDay` days ago (0: today). */
function report(station: Station, index: number, days: number, lastDay: number): UsageUpload {
  const end = Date.now() - lastDay * 86_400_000;
  return {
    stationId: station.id,
    stationName: `Xã ${index}`,
    days: Array.from({ length: days }, (_, d) => ({
      day: isoDay(end - (days - 1 - d) * 86_400_000),
      counts: Object.fromEntries(COUNTERS.map((counter, c) => [counter, (index * 7 + d * 3 + c * 11) % 97])),
    })),
  };
}

/** A station's report, its body already written. */
interface Outgoing {
  station: Station;
  body: Buffer;
}

/** The report's fields as its station signs them (Content-Digest, the signature), made when it is sent. */
function signedHeaders(url: string, { station, body }: Outgoing): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-digest': contentDigest(body) };
  const fields = signMessage({ method: 'POST', url, header: (name) => headers[name] ?? null }, ['@method', '@path', 'content-digest', 'content-type'], { keyId: station.id, privateKey: station.privateKey }, Math.floor(Date.now() / 1000));
  return { ...headers, ...fields };
}

/** Sends every report, signed as it goes, `CONCURRENCY` at a time; every answer must be 200. */
async function sendAll(url: string, reports: Outgoing[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < reports.length) {
      const outgoing = reports[next++];
      const response = await fetch(url, { method: 'POST', headers: signedHeaders(url, outgoing), body: new Uint8Array(outgoing.body) });
      if (response.status !== 200) throw new Error(`usage report answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The same rows into a bare SQLite file, one FULL-synchronous transaction per report (delete its days, insert its counts). */
function bareWrites(db: Database.Database, reports: UsageUpload[]): number {
  const clear = db.prepare('DELETE FROM hub_usage WHERE station_id = ? AND day = ?');
  const insert = db.prepare('INSERT INTO hub_usage (station_id, day, counter, count) VALUES (?, ?, ?, ?)');
  const write = db.transaction((one: UsageUpload) => {
    for (const { day, counts } of one.days) {
      clear.run(one.stationId, day);
      for (const [counter, count] of Object.entries(counts)) insert.run(one.stationId, day, counter, count);
    }
  });
  const start = performance.now();
  for (const one of reports) write(one);
  return (performance.now() - start) / 1000;
}

export interface UsageRound {
  reports: number;
  rows: number;
  seconds: number;
  growthMB: number;
  bareSeconds: number;
  bareGrowthMB: number;
}

async function benchReports(stationCount: number, days: number): Promise<UsageRound[]> {
  const dir = tmp();
  try {
    const library = await Library.open(path.join(dir, 'hub'));
    const stations: Station[] = Array.from({ length: stationCount }, () => ({ id: randomBytes(16).toString('hex'), privateKey: generateKeyPairSync('ed25519').privateKey }));
    const enrol = library.db.prepare(`INSERT INTO hub_stations (station_id, name, commune, province, public_key, state, requested_at) VALUES (?, ?, ?, ?, ?, 'approved', ?)`);
    library.db.transaction(() => {
      stations.forEach((station, i) => {
        const publicKey = rawPublicKey(createPublicKey(station.privateKey)).toString('base64url');
        enrol.run(station.id, `Xã ${i}`, `Xã ${i}`, `Tỉnh ${i % 34}`, publicKey, new Date().toISOString());
      });
    })();
    const server = await listen(createFeedApp(path.join(dir, 'feed'), ['127.0.0.1'], (app) => void mountHubRoutes(app, library)), '127.0.0.1', 0);
    const bare = new Database(path.join(dir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec(HUB_SCHEMA);
    const hubFile = library.layout.database;
    const rounds: UsageRound[] = [];
    try {
      // Day one: a year of days each; day two: the same stations the next day, one day more.
      for (const [length, lastDay] of [
        [days, 1],
        [days + 1, 0],
      ]) {
        const reports = stations.map((station, i) => report(station, i, length, lastDay));
        const url = `${server.url}/hub/usage`;
        const outgoing = reports.map((one, i) => ({ station: stations[i], body: Buffer.from(JSON.stringify(one)) }));
        // Building them held the event loop for seconds: let it read the clock again, or the server takes new connections for old ones and drops them.
        await new Promise((resolve) => setTimeout(resolve, 20));
        const before = checkpointedBytes(library.db, hubFile);
        const start = performance.now();
        await sendAll(url, outgoing);
        const seconds = (performance.now() - start) / 1000;
        const growth = checkpointedBytes(library.db, hubFile) - before;
        const bareBefore = checkpointedBytes(bare, path.join(dir, 'bare.sqlite'));
        const bareSeconds = bareWrites(bare, reports);
        const bareGrowth = checkpointedBytes(bare, path.join(dir, 'bare.sqlite')) - bareBefore;
        rounds.push({ reports: reports.length, rows: reports.length * length * COUNTERS.length, seconds, growthMB: growth / MB, bareSeconds, bareGrowthMB: bareGrowth / MB });
      }
    } finally {
      bare.close();
      await server.close();
      library.close();
    }
    return rounds;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const stream = (data: Buffer) => Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/** A real one-page PDF of about `size` bytes: random bytes in a stream of their own. */
function pdfOf(size: number): Buffer {
  const padding = randomBytes(size);
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream(Buffer.from('BT /F1 12 Tf 72 720 Td (Cong van cua xa) Tj ET')),
    stream(padding),
  ]);
}

/** tus-js-client's own Node stack, no signature, no checksum: what any tus client sends. */
function plainUpload(endpoint: string, file: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(fs.createReadStream(file) as unknown as Buffer, {
      endpoint,
      uploadSize: size,
      chunkSize: MB,
      retryDelays: [],
      metadata: { filename: path.basename(file), filetype: 'application/pdf' },
      storeFingerprintForResuming: false,
      onSuccess: () => resolve(),
      onError: reject,
    });
    upload.start();
  });
}

export interface UploadFigures {
  files: number;
  megabytes: number;
  signedSeconds: number;
  /** Of the signed run's time, what parsing the same whole files takes (the hub's strict check, timed apart). */
  parseSeconds: number;
  plainSeconds: number;
}

async function benchUploads(totalMb: number): Promise<UploadFigures> {
  const dir = tmp();
  try {
    const count = Math.max(1, Math.round(totalMb / 20));
    const files = Array.from({ length: count }, (_, i) => {
      const file = path.join(dir, `doc-${i}.pdf`);
      fs.writeFileSync(file, pdfOf(20 * MB));
      return file;
    });
    const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);

    // The hub, and a station approved there (its key made as a station makes it).
    const hub = await Library.open(path.join(dir, 'hub'));
    const station = await Library.open(path.join(dir, 'station'));
    const key = await stationKey(station);
    hub.db.prepare(`INSERT INTO hub_stations (station_id, name, commune, province, public_key, state, requested_at) VALUES (?, 'Xã Thử', 'Xã Thử', 'Tỉnh Thử', ?, 'approved', ?)`).run(stationId(station), key.publicKey, new Date().toISOString());
    const hubServer = await listen(createFeedApp(path.join(dir, 'feed'), ['127.0.0.1'], (app) => void mountHubRoutes(app, hub)), '127.0.0.1', 0);
    const signer = new HubSigner(station);
    let start = performance.now();
    for (const file of files) {
      const size = fs.statSync(file).size;
      await sendFile({
        endpoint: `${hubServer.url}/uploads/`,
        signer,
        file,
        size,
        uploadUrl: null,
        metadata: {
          filename: path.basename(file),
          filetype: 'application/pdf',
          sha256: sha256Hex(fs.readFileSync(file)),
          description: JSON.stringify({ id: `local-${path.basename(file, '.pdf')}`, kind: 'legal', title: 'Công văn', number: null, docType: null, issuer: null, issuedDate: null, effectiveDate: null, legalStatus: 'unknown', fields: [], language: 'vi', authors: [], publisher: null, description: null }),
          stationId: stationId(station),
          stationName: 'Xã Thử',
        },
        onUrl: () => undefined,
      });
    }
    const signedSeconds = (performance.now() - start) / 1000;
    const queued = hub.db.prepare('SELECT count(*) FROM hub_uploads').pluck().get() as number;
    if (queued !== files.length) throw new Error(`the hub queued ${queued} of ${files.length} uploads`);
    await hubServer.close();
    hub.close();
    station.close();

    // A plain @tus/server with a file store, served the same way.
    const tus = new Server({ path: '/uploads', datastore: new FileStore({ directory: path.join(dir, 'plain') }), relativeLocation: true });
    const app = new Hono();
    app.all('/uploads', (c) => tus.handleWeb(c.req.raw));
    app.all('/uploads/*', (c) => tus.handleWeb(c.req.raw));
    const plainServer = await listen(app, '127.0.0.1', 0);
    start = performance.now();
    for (const file of files) await plainUpload(`${plainServer.url}/uploads`, file, fs.statSync(file).size);
    const plainSeconds = (performance.now() - start) / 1000;
    await plainServer.close();
    start = performance.now();
    for (const file of files) if (await contentProblem(file, 'application/pdf')) throw new Error(`${file} does not parse`);
    const parseSeconds = (performance.now() - start) / 1000;
    return { files: files.length, megabytes: bytes / MB, signedSeconds, parseSeconds, plainSeconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHubUsage(): Promise<{ rows: [string, string, string][]; json: { reports: UsageRound[]; uploads: UploadFigures } }> {
  const stations = Number(process.env.BENCH_HUB_STATIONS ?? 3000);
  const days = Number(process.env.BENCH_HUB_DAYS ?? 365);
  const reports = await benchReports(stations, days);
  const uploads = await benchUploads(Number(process.env.BENCH_UPLOAD_MB ?? 100));
  const rows: [string, string, string][] = reports.map((round, i) => [
    `hub: ${round.reports} stations' signed usage reports over HTTP, ${i === 0 ? 'first day' : 'next day'} (${(round.rows / 1e6).toFixed(2)} M rows)`,
    `${round.seconds.toFixed(1)} s (${(round.reports / round.seconds).toFixed(0)} reports/s), catalog +${round.growthMB.toFixed(1)} MB`,
    `same rows into bare SQLite: ${round.bareSeconds.toFixed(1)} s, +${round.bareGrowthMB.toFixed(1)} MB (ratio ${(round.seconds / round.bareSeconds).toFixed(2)}×)`,
  ]);
  rows.push([
    `hub: ${uploads.files} signed uploads of 20 MB (${uploads.megabytes.toFixed(0)} MB), checked whole`,
    `${uploads.signedSeconds.toFixed(1)} s (${(uploads.megabytes / uploads.signedSeconds).toFixed(1)} MB/s), of which parsing the whole files ${uploads.parseSeconds.toFixed(1)} s`,
    `plain @tus/server, no signature or check: ${uploads.plainSeconds.toFixed(1)} s (${(uploads.megabytes / uploads.plainSeconds).toFixed(1)} MB/s, ratio ${(uploads.signedSeconds / uploads.plainSeconds).toFixed(2)}×)`,
  ]);
  return { rows, json: { reports, uploads } };
}

/**
 * Issue 17, quotas: a real hub on 127.0.0.1 and real stations. Each quota a station reaches —
 * uploads created a day, bytes of unfinished uploads, usage rows a day — is refused with its
 * status (429), its Retry-After and its reason, and nothing is written; the station keeps the
 * item (failed, never rejected, saying why) and sends it once the quota allows: the next day by
 * both clocks, or once its unfinished upload finished. A disk low on space (a reading the test
 * gives) refuses new uploads 507 and expires idle unfinished ones after a day instead of a week;
 * an upload finished and waiting for moderation never expires. Pending enrolment requests from
 * one source address are bounded (429), a loopback proxy's X-Forwarded-For counted as the
 * address, the header ignored from anyone else.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runModerate } from '../../../catalog/cli/moderate.js';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { listen } from '../../../catalog/http/server.js';
import { secondsToTomorrow } from '../../../catalog/hub/quotas.js';
import { mountHubRoutes } from '../../../catalog/hub/routes.js';
import type { HubRouteOptions } from '../../../catalog/hub/routes.js';
import { approveStation } from '../../../catalog/hub/stations.js';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import type { Library } from '../../../catalog/library.js';
import { checksumHeader } from '../../../catalog/outbox/checksum-stack.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { enqueue } from '../../../catalog/outbox/store.js';
import { usageUpload } from '../../../catalog/outbox/usage-report.js';
import { localDay } from '../../../catalog/reads.js';
import { stationKey } from '../../../catalog/station-auth/station-key.js';
import { countUsage } from '../../../catalog/usage.js';
import { AppError } from '../../../shared/errors.js';
import { askToEnrol, enrolApproved } from '../../helpers/enrolled-station.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { approvedSender, creationHeaders, signedHeaders, stationMetadata, tusSend } from '../../helpers/tus-upload.js';
import type { Sender } from '../../helpers/tus-upload.js';
import { pdfBytes, stationWith } from '../outbox/fixtures.js';

const GIB = 1024 ** 3;
const MIB = 1024 * 1024;

/** Both ends' clocks, moved together by `shift` ms (a day later, an hour later). */
const clock = { shift: 0 };
const later = () => new Date(Date.now() + clock.shift);

/** A hub whose clock is `later` and whose disk reading is `disk` (statfs unless given), with its upload endpoint at hand. */
async function quotaHub(options: HubRouteOptions = {}) {
  clock.shift = 0;
  const library = await tempLibrary('quota-hub-');
  let uploads!: ReturnType<typeof mountHubRoutes>;
  const app = createFeedApp(tempDir('quota-feed-'), ['127.0.0.1', 'localhost'], (hub) => {
    uploads = mountHubRoutes(hub, library, { now: later, ...options });
  });
  const server = await listen(app, '127.0.0.1', 0);
  onTestFinished(() => server.close());
  return { library, url: `${server.url}/`, port: server.port, uploads };
}

type Hub = Awaited<ReturnType<typeof quotaHub>>;

/** A station with one document of its own, enrolled and approved at the hub, its outbox on the moved clock. */
async function station(hub: Hub, size: number) {
  const made = await stationWith(pdfBytes(size), { name: 'Xã An Bình' });
  await enrolApproved(made.library, hub.url, hub.library, { name: 'Xã An Bình' });
  const service = new OutboxService(made.library, { background: false, chunkSize: 256 * 1024, retryDelays: [0], backoffMs: () => 0, clock: () => Date.now() + clock.shift });
  onTestFinished(() => service.dispose());
  const sender: Sender = { stationId: stationId(made.library), signer: new HubSigner(made.library, () => Date.now() + clock.shift) };
  return { ...made, service, sender };
}

/** What the hub holds of uploads: its queue, and the files under hub-uploads/. */
const held = (hub: Hub) => ({
  queue: hub.library.db.prepare('SELECT count(*) FROM hub_uploads').pluck().get(),
  files: fs.existsSync(hubUploadsDir(hub.library)) ? fs.readdirSync(hubUploadsDir(hub.library)).sort() : [],
});

/** A signed tus creation of `bytes`; the answer, and the upload's URL when one was made. */
async function create(hub: Hub, sender: Sender, bytes: Buffer) {
  const endpoint = new URL('uploads', hub.url).toString();
  const response = await fetch(endpoint, { method: 'POST', headers: await signedHeaders(sender, 'POST', endpoint, creationHeaders(bytes.length, stationMetadata(sender, bytes, 'application/pdf'))) });
  const body = (await response.json().catch(() => ({}))) as { error?: { code: string; key: string; params?: Record<string, unknown> } };
  const location = response.headers.get('location');
  return { status: response.status, retryAfter: response.headers.get('retry-after'), error: body.error, url: location ? new URL(location, endpoint).toString() : null };
}

/** Sends bytes [from, to) of an upload, signed. */
async function patch(sender: Sender, url: string, bytes: Buffer, from: number, to: number) {
  const chunk = bytes.subarray(from, to);
  const headers = { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(from), 'Content-Type': 'application/offset+octet-stream', 'Upload-Checksum': checksumHeader(chunk) };
  const response = await fetch(url, { method: 'PATCH', headers: await signedHeaders(sender, 'PATCH', url, headers, chunk), body: new Uint8Array(chunk) });
  return response.status;
}

/** An upload created and sent as far as `sent` bytes. */
async function unfinished(hub: Hub, sender: Sender, bytes: Buffer, sent: number): Promise<string> {
  const made = await create(hub, sender, bytes);
  expect(made.status).toBe(201);
  expect(await patch(sender, made.url as string, bytes, 0, sent)).toBe(204);
  return (made.url as string).split('/').pop() as string;
}

/** A whole upload, created and sent, now waiting for moderation; its id. */
async function sendWhole(hub: Hub, sender: Sender, bytes: Buffer): Promise<string> {
  const sent = await tusSend(hub.url, sender, bytes, stationMetadata(sender, bytes, 'application/pdf'));
  expect([sent.created.status, sent.patch?.status]).toEqual([201, 204]);
  return sent.id as string;
}

/** The hub's reason inside a station's item (outbox.hubStatusReason wraps it). */
const quotaReason = (status: number, key: string) => ({ key: 'outbox.hubStatusReason', params: { status, reason: expect.objectContaining({ key }) } });

describe('quotas per station', () => {
  it('uploads a day: the next one is refused 429 until the hub’s next day, kept at the station and sent then', async () => {
    const hub = await quotaHub();
    // An official lowers the quota from a terminal; the running hub reads it at the next request.
    const printed: string[] = [];
    expect(await runModerate({ libraryDir: hub.library.dir, all: false, usage: false, json: false, quotas: true, set: 'hub.quota.uploads_per_day=2' }, (text) => void printed.push(text))).toBe(0);
    expect(printed.join('')).toContain('hub.quota.uploads_per_day = 2\n');
    expect(printed.join('')).toContain('hub.quota.in_flight_bytes = 629145600 (600 MB) (mặc định / default)');
    const a = await station(hub, 20_000);
    // Two uploads earlier today, then the librarian's document.
    for (let i = 0; i < 2; i++) await sendWhole(hub, a.sender, pdfBytes(8_000));
    const row = enqueue(a.library.db, a.id);
    const before = held(hub);

    expect(await a.service.runOnce(later)).toMatchObject({ sent: 0, failed: 1, rejected: 0 });
    const item = a.service.item(row.id);
    expect(item).toMatchObject({ state: 'failed', reason: quotaReason(429, 'hub.quotaUploadsPerDay') });
    const midnight = new Date(later().getFullYear(), later().getMonth(), later().getDate() + 1).getTime();
    expect(Date.parse(item?.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(midnight - 1000);
    expect(held(hub)).toEqual(before);

    // As the hub says it: 429, Retry-After until its midnight, the reason; nothing created.
    const refused = await create(hub, a.sender, pdfBytes(8_000));
    expect(refused).toMatchObject({ status: 429, error: { code: 'rate_limited', key: 'hub.quotaUploadsPerDay', params: { max: 2 } }, url: null });
    expect(Math.abs(Number(refused.retryAfter) - secondsToTomorrow(later()))).toBeLessThanOrEqual(2);
    expect(held(hub)).toEqual(before);

    // The same day again: the station does not even ask; the item still says why.
    expect(await a.service.runOnce(later)).toMatchObject({ sent: 0, failed: 0 });
    expect(a.service.item(row.id)).toMatchObject({ state: 'failed', reason: quotaReason(429, 'hub.quotaUploadsPerDay') });

    // A minute after the hub's midnight, by both clocks: sent.
    clock.shift = midnight + 60_000 - Date.now();
    expect(await a.service.runOnce(later)).toMatchObject({ sent: 1, failed: 0 });
    expect(a.service.item(row.id)).toMatchObject({ state: 'sent', reason: null });
    expect(hub.library.db.prepare('SELECT count(*) FROM hub_uploads WHERE publication_id = ?').pluck().get(a.id)).toBe(1);
  });

  it('bytes in flight: refused while its unfinished upload holds the room, sent once that upload finished', async () => {
    const hub = await quotaHub();
    setSetting(hub.library.db, SETTINGS.hubInFlightBytes, MIB);
    const a = await station(hub, 500_000);
    const big = pdfBytes(600_000);
    const id = await unfinished(hub, a.sender, big, 300_000);
    const row = enqueue(a.library.db, a.id);
    const before = held(hub);

    expect(await a.service.runOnce(later)).toMatchObject({ sent: 0, failed: 1, rejected: 0 });
    expect(a.service.item(row.id)).toMatchObject({ state: 'failed', reason: quotaReason(429, 'hub.quotaInFlight') });
    const refused = await create(hub, a.sender, pdfBytes(500_000));
    expect(refused).toMatchObject({ status: 429, retryAfter: '3600', error: { key: 'hub.quotaInFlight', params: { megabytes: 1 } } });
    expect(held(hub)).toEqual(before);
    // Another station is not held by it.
    const b = await approvedSender(hub.url, hub.library);
    expect((await create(hub, b, pdfBytes(500_000))).status).toBe(201);

    // The unfinished upload finishes (it waits for moderation now, in flight no more); an hour later the item goes.
    expect(await patch(a.sender, new URL(`uploads/${id}`, hub.url).toString(), big, 300_000, big.length)).toBe(204);
    clock.shift = 61 * 60_000;
    expect(await a.service.runOnce(later)).toMatchObject({ sent: 1 });
    expect(a.service.item(row.id)).toMatchObject({ state: 'sent' });
  });

  it('usage rows a day: a report beyond them is refused 429 with nothing stored, and taken the next day', async () => {
    const hub = await quotaHub();
    setSetting(hub.library.db, SETTINGS.hubUsageRowsPerDay, 20);
    const a = await station(hub, 8_000);
    for (let day = 1; day <= 6; day++) {
      const at = new Date(Date.now() - day * 86_400_000);
      countUsage(a.library.db, 'search', day, at);
      countUsage(a.library.db, 'kiosk_session', 1, at);
    }
    const post = () =>
      a.sender.signer.fetch(new URL('hub/usage', hub.url).toString(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(usageUpload(a.library, later())) });
    expect((await post()).status).toBe(200);
    const stored = () => hub.library.db.prepare('SELECT day, counter, count FROM hub_usage ORDER BY 1, 2').all();
    const first = stored();
    expect(first).toHaveLength(12);

    // Twelve rows more would make 24: refused, the stored rows unchanged although the station's counts moved.
    countUsage(a.library.db, 'search', 5, new Date(Date.now() - 86_400_000));
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Math.abs(Number(refused.headers.get('retry-after')) - secondsToTomorrow(later()))).toBeLessThanOrEqual(2);
    expect((await refused.json()) as object).toMatchObject({ error: { code: 'rate_limited', key: 'hub.quotaUsageRows', params: { max: 20 } } });
    expect(stored()).toEqual(first);
    expect(await a.service.runOnce(later)).toMatchObject({ usageSent: false });
    expect(stored()).toEqual(first);

    const midnight = new Date(later().getFullYear(), later().getMonth(), later().getDate() + 1).getTime();
    clock.shift = midnight + 60_000 - Date.now();
    expect(await a.service.runOnce(later)).toMatchObject({ usageSent: true });
    expect(stored()).toContainEqual({ day: localDay(new Date(Date.now() - 86_400_000)), counter: 'search', count: 6 });
  });
});

describe('the hub’s disk', () => {
  it('low: new uploads refused 507 and idle unfinished ones expire after a day; a finished one waiting for moderation never expires', async () => {
    // 100 GiB disk: 5 GiB kept free by the default rule (2 GiB or 5 %, the larger).
    const disk = { freeBytes: 6 * GIB, totalBytes: 100 * GIB };
    const hub = await quotaHub({ disk: async () => ({ ...disk }) });
    const a = await approvedSender(hub.url, hub.library);
    const dir = hubUploadsDir(hub.library);
    const idle = await unfinished(hub, a, pdfBytes(600_000), 300_000);
    const old = await unfinished(hub, a, pdfBytes(60_000), 30_000);
    const finished = await sendWhole(hub, a, pdfBytes(50_000));
    const age = (id: string, days: number) => {
      const record = JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8')) as { creation_date: string };
      record.creation_date = new Date(Date.now() - days * 86_400_000).toISOString();
      fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(record));
    };
    age(old, 8);
    age(finished, 8);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(path.join(dir, idle), twoDaysAgo, twoDaysAgo);
    const present = () => new Set(fs.readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)));

    // Room enough: only the week-old unfinished upload expires; the idle one and the finished one stay.
    expect(await hub.uploads.cleanUpExpired()).toBe(1);
    expect(present()).toEqual(new Set([idle, finished]));

    // Free space under what is kept once the idle upload's 300 KB still owed are counted: refused, and (a minute on) the idle upload swept.
    disk.freeBytes = 5 * GIB + 10_000;
    clock.shift = 2 * 60_000;
    const refused = await create(hub, a, pdfBytes(20_000));
    expect(refused).toMatchObject({ status: 507, retryAfter: '3600', error: { code: 'unavailable', key: 'hub.diskFull', params: { megabytes: 5120 } }, url: null });
    expect(present()).toEqual(new Set([finished]));
    expect(hub.library.db.prepare('SELECT count(*) FROM hub_uploads').pluck().get()).toBe(1);

    // Space again: taken.
    disk.freeBytes = 6 * GIB;
    expect((await create(hub, a, pdfBytes(20_000))).status).toBe(201);
  });

  it('a station refused for the disk keeps its item and sends it once there is room', async () => {
    const disk = { freeBytes: 2 * GIB, totalBytes: 100 * GIB };
    const hub = await quotaHub({ disk: async () => ({ ...disk }) });
    setSetting(hub.library.db, SETTINGS.hubMinFreeBytes, 3 * GIB);
    const a = await station(hub, 40_000);
    const row = enqueue(a.library.db, a.id);
    const signed = () => hub.library.db.prepare('SELECT count(*) FROM hub_seen_signatures').pluck().get() as number;
    const before = signed();
    expect(await a.service.runOnce(later)).toMatchObject({ sent: 0, failed: 1, rejected: 0, usageSent: true });
    expect(a.service.item(row.id)).toMatchObject({ state: 'failed', reason: quotaReason(507, 'hub.diskFull') });
    // The hub took two signed requests: the creation it refused (not tried again within the attempt), and the usage report.
    expect(signed() - before).toBe(2);
    disk.freeBytes = 4 * GIB;
    clock.shift = 61 * 60_000;
    expect(await a.service.runOnce(later)).toMatchObject({ sent: 1 });
  });
});

describe('enrolment requests per source address', () => {
  /** An enrolment request from `library`'s station sent by hand, from `localAddress`, with `headers` added. */
  async function enrolFrom(hub: Hub, library: Library, localAddress: string, headers: Record<string, string> = {}) {
    const key = await stationKey(library);
    const url = new URL('hub/stations', hub.url).toString();
    const body = Buffer.from(JSON.stringify({ stationId: key.keyId, name: 'Xã Thử', commune: 'Xã Thử', province: 'Tỉnh Thử', publicKey: key.publicKey }));
    const fields = { 'Content-Type': 'application/json', ...headers };
    const signed = await signedHeaders({ stationId: key.keyId, signer: new HubSigner(library) }, 'POST', url, fields, body);
    return new Promise<{ status: number; retryAfter: string | undefined; key: string | undefined }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: hub.port, path: '/hub/stations', method: 'POST', localAddress, headers: { ...signed, 'Content-Length': body.length } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] as string | undefined, key: (JSON.parse(text) as { error?: { key: string } }).error?.key });
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  it('bounds the pending requests from one address (429), counts a loopback proxy’s client as the address, and frees a place on a decision', async () => {
    const hub = await quotaHub();
    setSetting(hub.library.db, SETTINGS.hubPendingPerAddress, 3);
    const stations = await Promise.all(Array.from({ length: 6 }, () => tempLibrary('quota-enrol-')));
    const pending = () => hub.library.db.prepare(`SELECT count(*) FROM hub_stations WHERE state = 'pending'`).pluck().get();
    for (const library of stations.slice(0, 3)) expect((await askToEnrol(library, hub.url)).state).toBe('pending');

    // A fourth from the same address: refused, nothing written; the station is told why.
    const error = await askToEnrol(stations[3], hub.url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).ref).toEqual({ key: 'outbox.hubStatusReason', params: { status: 429, reason: { key: 'hub.enrolmentsFromAddress', params: { max: 3 } } } });
    expect(await enrolFrom(hub, stations[3], '127.0.0.1')).toEqual({ status: 429, retryAfter: '3600', key: 'hub.enrolmentsFromAddress' });
    expect(pending()).toBe(3);
    // One already waiting may ask again: it keeps its place.
    expect((await askToEnrol(stations[0], hub.url)).state).toBe('pending');

    // Through a reverse proxy on the hub's machine: the address is the client's the proxy names.
    expect(await enrolFrom(hub, stations[3], '127.0.0.1', { 'X-Forwarded-For': '198.51.100.20, 203.0.113.7' })).toMatchObject({ status: 202 });
    // From another machine the header is not believed: counted under the sender's own address.
    const other = '127.0.0.2';
    expect(await enrolFrom(hub, stations[4], other, { 'X-Forwarded-For': '203.0.113.99' })).toMatchObject({ status: 202 });
    const from = (library: Library) => hub.library.db.prepare('SELECT requested_from FROM hub_stations WHERE station_id = ?').pluck().get(stationId(library));
    expect([from(stations[3]), from(stations[4])]).toEqual(['203.0.113.7', other]);

    // An official decides on one: a place frees for that address.
    approveStation(hub.library, stationId(stations[1]), 'canbo');
    expect((await askToEnrol(stations[5], hub.url)).state).toBe('pending');
    expect(pending()).toBe(5);
  });
});

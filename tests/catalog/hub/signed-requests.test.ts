/**
 * Issue 17: a hub on 127.0.0.1 refuses whatever it has not verified, and writes nothing for it.
 * Usage reports, moderation outcomes and every tus request (POST, HEAD, PATCH, DELETE) unsigned,
 * from a station unknown, pending, refused or revoked, signed by the wrong key, with a body or
 * a path changed after signing, replayed, or made too far from the hub's clock: each refused
 * with its status and reason, hub_usage, the stations, the moderation queue, the uploads folder
 * and the replay record unchanged. A usage report naming another station is refused, as is a
 * day that does not exist, is in the future or is too old. A station cannot touch another's
 * upload. A station whose clock is wrong signs with the hub's time after its first refusal.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { refuseStation, revokeStation } from '../../../catalog/hub/stations.js';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import type { Library } from '../../../catalog/library.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { checksumHeader } from '../../../catalog/outbox/checksum-stack.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { contentDigest } from '../../../catalog/station-auth/content-digest.js';
import { signMessage } from '../../../catalog/station-auth/message-signature.js';
import { askToEnrol, enrolApproved } from '../../helpers/enrolled-station.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { pdfBytes, startHub } from '../outbox/fixtures.js';

type Hub = Awaited<ReturnType<typeof startHub>>;

interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

let hub: Hub;
let a: Library;
let b: Library;
const stations: Record<'unknown' | 'pending' | 'refused' | 'revoked', Library> = {} as never;
const PDF = pdfBytes(64 * 1024);
const HALF = PDF.length / 2;
let upload: string;

/** A request as `library`'s station signs it (its clock moved by `skewMs`). */
async function signed(library: Library, method: string, path: string, headers: Record<string, string> = {}, body: Buffer = Buffer.alloc(0), skewMs = 0): Promise<Outgoing> {
  const url = new URL(path, hub.url).toString();
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const fields = await new HubSigner(library, () => Date.now() + skewMs).sign(method, url, (name) => lower[name] ?? null, body);
  return { method, url, headers: { ...headers, ...fields }, body };
}

async function send(request: Outgoing): Promise<{ status: number; key: string | undefined; headers: Headers }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body.length ? new Uint8Array(request.body) : undefined });
  const text = await response.text();
  let key: string | undefined;
  try {
    key = (JSON.parse(text) as { error?: { key?: string } }).error?.key;
  } catch {
    key = undefined;
  }
  return { status: response.status, key, headers: response.headers };
}

/** Signatures the hub took (its replay record). */
const seen = () => hub.library.db.prepare('SELECT count(*) FROM hub_seen_signatures').pluck().get() as number;

/** Everything else a request could write at the hub. */
function written() {
  const db = hub.library.db;
  const dir = hubUploadsDir(hub.library);
  return {
    usage: db.prepare('SELECT station_id, day, counter, count FROM hub_usage ORDER BY 1, 2, 3').all(),
    stations: db.prepare('SELECT * FROM hub_stations ORDER BY station_id').all(),
    queue: db.prepare('SELECT id FROM hub_uploads').all(),
    files: fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => [name, fs.statSync(`${dir}/${name}`).size]) : [],
  };
}

/**
 * Sends the request, expects its refusal, and that nothing was written; its signature is in the
 * replay record only when it held (`signatureHeld`: the station's own request, refused for what it says).
 */
async function refused(request: Outgoing | Promise<Outgoing>, status: number, key?: string, signatureHeld = false) {
  const before = { ...written(), seen: seen() + (signatureHeld ? 1 : 0) };
  const answer = await send(await request);
  expect([answer.status, answer.key]).toEqual([status, key ?? answer.key]);
  expect({ ...written(), seen: seen() }).toEqual(before);
  return answer;
}

const today = () => new Date().toISOString().slice(0, 10);
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const report = (id: string, days: { day: string; counts: Record<string, number> }[]) => Buffer.from(JSON.stringify({ stationId: id, stationName: 'Xã A', days }));
const JSON_TYPE = { 'Content-Type': 'application/json' };
const usage = (library: Library, body: Buffer, skewMs = 0) => signed(library, 'POST', 'hub/usage', JSON_TYPE, body, skewMs);

const encodeMetadata = (metadata: Record<string, string>) => Object.entries(metadata).map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`).join(',');
const description = {
  id: 'local-cong-van-12',
  kind: 'legal',
  title: 'Công văn 12/UBND',
  number: '12/UBND',
  docType: 'Công văn',
  issuer: 'UBND xã',
  issuedDate: null,
  effectiveDate: null,
  legalStatus: 'unknown',
  fields: [],
  language: 'vi',
  authors: [],
  publisher: null,
  description: null,
};
const creation = (library: Library, owner = library) => ({
  'Tus-Resumable': '1.0.0',
  'Upload-Length': String(PDF.length),
  'Upload-Metadata': encodeMetadata({
    filename: 'cong-van.pdf',
    filetype: 'application/pdf',
    sha256: createHash('sha256').update(PDF).digest('hex'),
    description: JSON.stringify(description),
    stationId: stationId(owner),
    stationName: 'Xã A',
  }),
});
const patchHeaders = (offset: number, chunk: Buffer) => ({
  'Tus-Resumable': '1.0.0',
  'Upload-Offset': String(offset),
  'Content-Type': 'application/offset+octet-stream',
  'Upload-Checksum': checksumHeader(chunk),
});

beforeAll(async () => {
  hub = await startHub();
  [a, b, stations.unknown, stations.pending, stations.refused, stations.revoked] = await Promise.all(
    ['a', 'b', 'unknown', 'pending', 'refused', 'revoked'].map((name) => tempLibrary(`signed-${name}-`)),
  );
  await enrolApproved(a, hub.url, hub.library, { name: 'Xã A' });
  await enrolApproved(b, hub.url, hub.library, { name: 'Xã B' });
  await askToEnrol(stations.pending, hub.url);
  await askToEnrol(stations.refused, hub.url);
  refuseStation(hub.library, stationId(stations.refused), 'chuyenvien');
  await enrolApproved(stations.revoked, hub.url, hub.library);
  await revokeStation(hub.library, stationId(stations.revoked), 'chuyenvien');
  // Station A's upload, half sent.
  const created = await send(await signed(a, 'POST', 'uploads', creation(a)));
  expect(created.status).toBe(201);
  upload = (created.headers.get('location') as string).split('/').pop() as string;
  const first = PDF.subarray(0, HALF);
  expect((await send(await signed(a, 'PATCH', `uploads/${upload}`, patchHeaders(0, first), first))).status).toBe(204);
  return () => hub.close();
});

describe('a usage report', () => {
  it('signed by an approved station for itself, with real days, is taken once; a replay of it is refused', async () => {
    const request = await usage(a, report(stationId(a), [{ day: today(), counts: { search: 3, opened: 2 } }]));
    expect((await send(request)).status).toBe(200);
    expect(hub.library.db.prepare('SELECT counter, count FROM hub_usage WHERE station_id = ? ORDER BY counter').all(stationId(a))).toEqual([
      { counter: 'opened', count: 2 },
      { counter: 'search', count: 3 },
    ]);
    await refused(request, 401, 'hub.signatureReplayed');
  });

  it('is refused unsigned, from a station unknown, pending, refused or revoked, or signed by another key', async () => {
    const body = (library: Library) => report(stationId(library), [{ day: today(), counts: { search: 1_000_000_000 } }]);
    await refused({ method: 'POST', url: new URL('hub/usage', hub.url).toString(), headers: { ...JSON_TYPE, 'Content-Digest': contentDigest(body(a)) }, body: body(a) }, 401, 'hub.signatureMissing');
    await refused(usage(stations.unknown, body(stations.unknown)), 401, 'hub.stationUnknown');
    await refused(usage(stations.pending, body(stations.pending)), 403, 'hub.stationPending');
    await refused(usage(stations.refused, body(stations.refused)), 403, 'hub.stationRefused');
    await refused(usage(stations.revoked, body(stations.revoked)), 403, 'hub.stationRevoked');
    // Station A's id, another key.
    const forged = body(a);
    const url = new URL('hub/usage', hub.url).toString();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-digest': contentDigest(forged) };
    const fields = signMessage({ method: 'POST', url, header: (name) => headers[name] ?? null }, ['@method', '@path', 'content-digest', 'content-type'], { keyId: stationId(a), privateKey: generateKeyPairSync('ed25519').privateKey }, Math.floor(Date.now() / 1000));
    await refused({ method: 'POST', url, headers: { ...headers, ...fields }, body: forged }, 401, 'hub.signatureInvalid');
  });

  it('is refused with its body changed after signing, made more than five minutes from the hub’s clock, or naming another station', async () => {
    const honest = report(stationId(a), [{ day: today(), counts: { page_printed: 4 } }]);
    const tampered = await usage(a, honest);
    await refused({ ...tampered, body: report(stationId(a), [{ day: today(), counts: { page_printed: 1_000_000 } }]) }, 400, 'hub.digestMismatch');
    await refused(usage(a, honest, -6 * 60_000), 401, 'hub.signatureStale');
    await refused(usage(a, honest, 6 * 60_000), 401, 'hub.signatureStale');
    await refused(usage(a, report(stationId(b), [{ day: today(), counts: { page_printed: 1_000_000 } }])), 403, 'hub.notYourStation', true);
    // Four minutes off is within the window.
    expect((await send(await usage(a, honest, -4 * 60_000))).status).toBe(200);
  });

  it('from a station whose clock is ten minutes slow is refused once, then signed with the hub’s time and taken', async () => {
    const slow = new HubSigner(a, () => Date.now() - 10 * 60_000);
    const post = () => slow.fetch(new URL('hub/usage', hub.url).toString(), { method: 'POST', headers: JSON_TYPE, body: report(stationId(a), [{ day: today(), counts: { kiosk_session: 2 } }]) });
    const first = await post();
    expect([first.status, ((await first.json()) as { error: { key: string } }).error.key]).toEqual([401, 'hub.signatureStale']);
    expect((await post()).status).toBe(200);
  });

  it('is refused for a day that does not exist, is after tomorrow or older than 400 days, or counts no commune reaches', async () => {
    for (const day of ['9999-99-99', '2026-02-30', dayOffset(2), dayOffset(-402)]) {
      await refused(usage(a, report(stationId(a), [{ day, counts: { search: 1 } }])), 422, 'hub.usageDay', true);
    }
    await refused(usage(a, report(stationId(a), [{ day: today(), counts: { search: 100_001 } }])), 422, 'hub.usageCounts', true);
    await refused(usage(a, report(stationId(a), [{ day: today(), counts: { search: 1 } }, { day: today(), counts: { search: 2 } }])), 422, 'hub.usageDayTwice', true);
    await refused(usage(a, Buffer.from('{"stationId":')), 400, 'hub.usageInvalid', true);
    await refused(usage(a, Buffer.alloc(300 * 1024, 0x20)), 413, 'hub.bodyTooLarge');
    // Tomorrow (a station east of the hub) and 399 days ago are fine.
    expect((await send(await usage(a, report(stationId(a), [{ day: dayOffset(1), counts: {} }, { day: dayOffset(-399), counts: {} }])))).status).toBe(200);
  });
});

describe('the tus endpoint and the moderation outcome', () => {
  it('refuse every request unsigned or from a station not approved; OPTIONS stays open', async () => {
    const rest = PDF.subarray(HALF);
    const unsigned = (method: string, path: string, headers: Record<string, string> = {}, body: Buffer = Buffer.alloc(0)): Outgoing => ({
      method,
      url: new URL(path, hub.url).toString(),
      headers,
      body,
    });
    await refused(unsigned('POST', 'uploads', creation(a)), 401, 'hub.signatureMissing');
    await refused(unsigned('HEAD', `uploads/${upload}`, { 'Tus-Resumable': '1.0.0' }), 401);
    await refused(unsigned('PATCH', `uploads/${upload}`, patchHeaders(HALF, rest), rest), 401, 'hub.signatureMissing');
    await refused(unsigned('DELETE', `uploads/${upload}`, { 'Tus-Resumable': '1.0.0' }), 401, 'hub.signatureMissing');
    await refused(unsigned('GET', `uploads/${upload}`), 401, 'hub.signatureMissing');
    await refused(unsigned('GET', `hub/uploads/${upload}`), 401, 'hub.signatureMissing');
    await refused(signed(stations.pending, 'POST', 'uploads', creation(stations.pending)), 403, 'hub.stationPending');
    await refused(signed(stations.revoked, 'PATCH', `uploads/${upload}`, patchHeaders(HALF, rest), rest), 403, 'hub.stationRevoked');
    await refused(signed(stations.unknown, 'GET', `hub/uploads/${upload}`), 401, 'hub.stationUnknown');
    expect((await send(unsigned('OPTIONS', 'uploads', { 'Tus-Resumable': '1.0.0' }))).status).toBeLessThan(300);
  });

  it('refuse a chunk changed after signing (460, sent again), a path changed, a replay, a creation for another station, another station’s upload', async () => {
    const rest = PDF.subarray(HALF);
    const patch = await signed(a, 'PATCH', `uploads/${upload}`, patchHeaders(HALF, rest), rest);
    const flipped = Buffer.from(rest);
    flipped[10] ^= 0xff;
    await refused({ ...patch, body: flipped }, 460, 'hub.chunkDamaged');
    await refused({ ...patch, url: new URL(`uploads/${'0'.repeat(32)}`, hub.url).toString() }, 401, 'hub.signatureInvalid');
    await refused(signed(a, 'POST', 'uploads', creation(a, b)), 403, 'hub.notYourStation', true);
    await refused(signed(b, 'HEAD', `uploads/${upload}`, { 'Tus-Resumable': '1.0.0' }), 404, undefined, true);
    await refused(signed(b, 'PATCH', `uploads/${upload}`, patchHeaders(HALF, rest), rest), 404, 'hub.noUpload', true);
    await refused(signed(b, 'GET', `hub/uploads/${upload}`), 404, 'hub.noUpload', true);
    // The station's own request goes through once, not twice.
    expect((await send(patch)).status).toBe(204);
    await refused(patch, 401, 'hub.signatureReplayed');
    const outcome = await send(await signed(a, 'GET', `hub/uploads/${upload}`));
    expect([outcome.status, outcome.key]).toEqual([200, undefined]);
  });
});

/**
 * Issue 17, stations enrol: a station makes its own Ed25519 key on first need (a private file,
 * mode 0600, kept); it asks a real hub on 127.0.0.1 to enrol, signed with that key; nothing it
 * sends is taken while the request is pending — its documents wait at the station saying why —
 * and once the hub's official approves, its signed upload is accepted, moderated and the outcome
 * reaches it. The hub keeps one pending request per station id, a bounded number in all, never
 * swaps a station's key, and stores the places a station gives without control characters.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { approveUpload, listModeration } from '../../../catalog/hub/moderation.js';
import { listStations } from '../../../catalog/hub/station-list.js';
import { approveStation, refuseStation } from '../../../catalog/hub/stations.js';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import { Library } from '../../../catalog/library.js';
import { checkEnrolment } from '../../../catalog/outbox/enrolment.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { enqueue } from '../../../catalog/outbox/store.js';
import { contentDigest } from '../../../catalog/station-auth/content-digest.js';
import { signMessage } from '../../../catalog/station-auth/message-signature.js';
import { stationKey, stationKeyPath } from '../../../catalog/station-auth/station-key.js';
import { AppError } from '../../../shared/errors.js';
import { askToEnrol, enrolApproved } from '../../helpers/enrolled-station.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { pdfBytes, startHub, stationWith } from '../outbox/fixtures.js';

async function hub(options: { maxPendingEnrolments?: number } = {}) {
  const started = await startHub(options);
  onTestFinished(() => started.close());
  return started;
}

function service(library: Library) {
  const outbox = new OutboxService(library, { background: false, chunkSize: 64 * 1024, retryDelays: [0], backoffMs: () => 0 });
  onTestFinished(() => outbox.dispose());
  return outbox;
}

/** The hub's refusal inside an error the station raised. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).ref;
}

/** An enrolment request made by hand: `body` as given, signed by `key` under `keyId`. */
async function postEnrolment(hubUrl: string, body: object, key: KeyObject, keyId: string) {
  const bytes = Buffer.from(JSON.stringify(body));
  const url = new URL('hub/stations', hubUrl).toString();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-digest': contentDigest(bytes) };
  const signature = signMessage({ method: 'POST', url, header: (name) => headers[name] ?? null }, ['@method', '@path', 'content-digest', 'content-type'], { keyId, privateKey: key }, Math.floor(Date.now() / 1000));
  const response = await fetch(url, { method: 'POST', headers: { ...headers, ...signature }, body: bytes });
  return { status: response.status, body: (await response.json()) as { error?: { key: string }; state?: string } };
}

const rawKey = (key: KeyObject) => Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x as string, 'base64url').toString('base64url');

describe('a station’s key', () => {
  it('is made on first need, private to its owner (0600), kept; a lost key makes a new station', async () => {
    const dir = tempDir('enrol-key-');
    let library = await Library.open(dir);
    const first = await stationKey(library);
    expect(await stationKey(library)).toMatchObject({ fingerprint: first.fingerprint, keyId: first.keyId });
    const file = stationKeyPath(library);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(createPublicKey(fs.readFileSync(file, 'utf8')).export({ format: 'jwk' }).x as string, 'base64url').toString('base64url')).toBe(first.publicKey);
    expect(fs.readdirSync(dir).filter((name) => name.includes('station-key'))).toEqual(['station-key.pem']);
    library.close();

    // Reopened: the same key, the same station.
    library = await Library.open(dir);
    expect((await stationKey(library)).fingerprint).toBe(first.fingerprint);
    const hubbed = await hub();
    await askToEnrol(library, hubbed.url);
    library.close();

    // The key file lost after enrolling: a new key is a new station, to enrol again.
    fs.rmSync(file);
    library = await Library.open(dir);
    const second = await stationKey(library);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.keyId).not.toBe(first.keyId);
    expect(library.db.prepare('SELECT count(*) FROM station_enrolment').pluck().get()).toBe(0);
    library.close();
  });
});

describe('enrolment', () => {
  it('waits while pending (nothing sent, the reason shown), then the approved station’s signed upload is accepted and moderated', async () => {
    const hubbed = await hub();
    const bytes = pdfBytes(3 * 64 * 1024);
    const station = await stationWith(bytes, { name: 'Tên đơn vị cũ' });
    const enrolment = await askToEnrol(station.library, hubbed.url, { name: 'Xã Tân Phú', commune: 'Xã Tân Phú', province: 'Tỉnh Đồng Nai' });
    expect(enrolment).toMatchObject({ state: 'pending', hubUrl: hubbed.url, stationId: stationId(station.library) });
    const [listed] = listStations(hubbed.library).stations;
    expect(listed).toMatchObject({ stationId: enrolment.stationId, name: 'Xã Tân Phú', commune: 'Xã Tân Phú', province: 'Tỉnh Đồng Nai', state: 'pending', fingerprint: enrolment.fingerprint });

    const row = enqueue(station.library.db, station.id);
    const outbox = service(station.library);
    expect(await outbox.runOnce()).toMatchObject({ sent: 0, usageSent: false });
    expect(outbox.item(row.id)).toMatchObject({ state: 'waiting', reason: { key: 'enrolment.pending' } });
    expect(fs.existsSync(hubUploadsDir(hubbed.library)) ? fs.readdirSync(hubUploadsDir(hubbed.library)) : []).toEqual([]);
    expect(hubbed.library.db.prepare('SELECT count(*) FROM hub_usage').pluck().get()).toBe(0);

    approveStation(hubbed.library, enrolment.stationId, 'chuyenvien');
    expect(await outbox.runOnce()).toMatchObject({ sent: 1, usageSent: true });
    expect(outbox.item(row.id)).toMatchObject({ state: 'sent', reason: null });
    const [received] = listModeration(hubbed.library);
    // Kept under the name the hub approved, whatever name the station's upload carries.
    expect(received).toMatchObject({ stationId: enrolment.stationId, stationName: 'Xã Tân Phú', size: bytes.length });
    expect(listStations(hubbed.library).stations[0]).toMatchObject({ state: 'approved', decidedBy: 'chuyenvien', pendingUploads: 1 });
    expect(listStations(hubbed.library).stations[0].lastSeenAt).not.toBeNull();

    await approveUpload(hubbed.library, received.id, 'chuyenvien');
    expect(await outbox.runOnce()).toMatchObject({ decided: 1 });
    expect(outbox.item(row.id)).toMatchObject({ state: 'accepted' });
    expect(await checkEnrolment(station.library, new HubSigner(station.library))).toMatchObject({ state: 'approved', refusal: null });
  });

  it('keeps one pending request per station, a bounded number in all, never swaps a key, and stores plain words', async () => {
    const hubbed = await hub({ maxPendingEnrolments: 2 });
    const [a, b, c] = await Promise.all([tempLibrary('enrol-a-'), tempLibrary('enrol-b-'), tempLibrary('enrol-c-')]);
    await askToEnrol(a, hubbed.url, { name: 'Xã A' });
    await askToEnrol(b, hubbed.url, { name: 'Xã B' });
    // Asked again with the same key: the same request, its words updated.
    await askToEnrol(a, hubbed.url, { name: 'Xã A mới' });
    expect(listStations(hubbed.library).stations.map((s) => [s.name, s.state])).toEqual([
      ['Xã A mới', 'pending'],
      ['Xã B', 'pending'],
    ]);
    // The register is full of pending requests: a clear refusal, nothing written.
    expect(await refusal(askToEnrol(c, hubbed.url, { name: 'Xã C' }))).toEqual({ key: 'outbox.hubStatusReason', params: { status: 503, reason: { key: 'hub.enrolmentsFull' } } });
    expect(listStations(hubbed.library).stations).toHaveLength(2);

    // Another key for a pending station: refused, the first key kept.
    const intruder = generateKeyPairSync('ed25519').privateKey;
    const bId = stationId(b);
    const before = listStations(hubbed.library).stations.find((s) => s.stationId === bId)?.fingerprint;
    const places = { name: 'Giả mạo', commune: 'X', province: 'Y' };
    expect(await postEnrolment(hubbed.url, { stationId: bId, ...places, publicKey: rawKey(intruder) }, intruder, bId)).toMatchObject({ status: 409, body: { error: { key: 'hub.otherKey' } } });
    expect(listStations(hubbed.library).stations.find((s) => s.stationId === bId)).toMatchObject({ fingerprint: before, name: 'Xã B' });
    // A key id that is not the station named, or a signature by another key than the one sent: refused.
    const own = generateKeyPairSync('ed25519').privateKey;
    const newId = 'cd'.repeat(16);
    expect((await postEnrolment(hubbed.url, { stationId: newId, ...places, publicKey: rawKey(own) }, own, 'ef'.repeat(16))).status).toBe(400);
    expect(await postEnrolment(hubbed.url, { stationId: newId, ...places, publicKey: rawKey(own) }, intruder, newId)).toMatchObject({ status: 401, body: { error: { key: 'hub.signatureInvalid' } } });
    expect(listStations(hubbed.library).stations).toHaveLength(2);

    // Refused: the station learns it and may ask again; the freed place takes another station, whose words are made plain.
    refuseStation(hubbed.library, stationId(a), 'chuyenvien');
    expect(await checkEnrolment(a, new HubSigner(a))).toMatchObject({ state: 'refused' });
    await askToEnrol(c, hubbed.url, { name: 'Xã C\u001b[31m\u0007', commune: 'Xã\nC', province: 'Tỉnh\u202eC' });
    expect(listStations(hubbed.library).stations.find((s) => s.stationId === stationId(c))).toMatchObject({ name: 'Xã C', commune: 'Xã C', province: 'Tỉnh C', state: 'pending' });
    expect(await refusal(askToEnrol(a, hubbed.url))).toMatchObject({ params: { status: 503 } });
    refuseStation(hubbed.library, stationId(c), 'chuyenvien');
    expect(await askToEnrol(a, hubbed.url)).toMatchObject({ state: 'pending' });
    await enrolApproved(a, hubbed.url, hubbed.library);
    expect(await askToEnrol(a, hubbed.url)).toMatchObject({ state: 'approved' });
  });
});

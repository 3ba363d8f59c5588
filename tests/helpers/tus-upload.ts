/**
 * A whole file sent to a hub's /uploads by hand, the way a station's client does it (a creating
 * POST with Upload-Metadata, then one PATCH with its Upload-Checksum, each signed with the
 * station's key), each answer's status and body kept, so a test can say exactly what the hub
 * answered at each step. The station is enrolled and approved at the hub first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Library } from '../../catalog/library.js';
import { checksumHeader } from '../../catalog/outbox/checksum-stack.js';
import { HubSigner } from '../../catalog/outbox/hub-signer.js';
import { stationId } from '../../catalog/outbox/settings.js';
import type { UploadDescription } from '../../shared/outbox.js';
import { enrolApproved } from './enrolled-station.js';
import type { Places } from './enrolled-station.js';
import { tempLibrary } from './temp-library.js';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A station that may send to the hub: its id and its signer. */
export interface Sender {
  stationId: string;
  signer: HubSigner;
}

/** A new station, enrolled with the hub at `hubUrl` and approved in `hubLibrary`. */
export async function approvedSender(hubUrl: string, hubLibrary: Library, places: Partial<Places> = {}): Promise<Sender> {
  const station = await tempLibrary('tus-sender-');
  await enrolApproved(station, hubUrl, hubLibrary, places);
  return { stationId: stationId(station), signer: new HubSigner(station) };
}

/** `headers` with the sender's signature over the request added. */
export async function signedHeaders(sender: Sender, method: string, url: string, headers: Record<string, string>, body: Uint8Array = new Uint8Array()): Promise<Record<string, string>> {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { ...headers, ...(await sender.signer.sign(method, url, (name) => lower[name] ?? null, body)) };
}

/** A publication's description as a station sends it, with its own fields where given. */
export function uploadDescription(fields: Partial<UploadDescription> = {}): UploadDescription {
  return {
    id: `local-${randomBytes(8).toString('hex')}`,
    kind: 'legal',
    title: 'Công văn 12/UBND về lịch tiếp công dân',
    number: '12/UBND',
    docType: 'Công văn',
    issuer: 'UBND xã Hòa Bình',
    issuedDate: null,
    effectiveDate: null,
    legalStatus: 'unknown',
    fields: ['Hành chính'],
    language: 'vi',
    authors: [],
    publisher: null,
    description: null,
    ...fields,
  };
}

/** Upload-Metadata for `bytes` as `sender` declares them; `fields` replace any of them. */
export function stationMetadata(sender: Sender, bytes: Uint8Array, mediaType: string, fields: Record<string, string> = {}): Record<string, string> {
  return {
    filename: mediaType === 'application/epub+zip' ? 'sach.epub' : 'cong-van.pdf',
    filetype: mediaType,
    sha256: sha256Hex(bytes),
    description: JSON.stringify(uploadDescription()),
    stationId: sender.stationId,
    stationName: 'Xã Hòa Bình',
    ...fields,
  };
}

/** The Upload-Metadata header: `key base64(value)` pairs. */
export function encodeMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

/** The headers of a tus creation of `length` bytes with `metadata`. */
export const creationHeaders = (length: number, metadata: Record<string, string>) => ({
  'Tus-Resumable': '1.0.0',
  'Upload-Length': String(length),
  'Upload-Metadata': encodeMetadata(metadata),
});

export interface Answer {
  status: number;
  body: string;
}

/** POST then one PATCH of every byte, signed by `sender` (both with `headers` added); `patch` is absent when the POST did not create an upload. */
export async function tusSend(
  hubUrl: string,
  sender: Sender,
  bytes: Uint8Array,
  metadata: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ created: Answer; id: string | null; patch?: Answer }> {
  const endpoint = new URL('uploads', hubUrl).toString();
  const post = await fetch(endpoint, { method: 'POST', headers: await signedHeaders(sender, 'POST', endpoint, { ...creationHeaders(bytes.length, metadata), ...headers }) });
  const created = { status: post.status, body: await post.text() };
  const location = post.headers.get('location');
  if (post.status !== 201 || !location) return { created, id: null };
  const url = new URL(location, endpoint).toString();
  const patchHeaders = { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Checksum': checksumHeader(bytes), ...headers };
  const patch = await fetch(url, { method: 'PATCH', headers: await signedHeaders(sender, 'PATCH', url, patchHeaders, bytes), body: bytes });
  return { created, id: url.split('/').pop() ?? null, patch: { status: patch.status, body: await patch.text() } };
}

/**
 * The USB bundle of uploads, as both ends read it (docs/uploads.md § USB bundles): a folder
 * `tu-sach-gui-len-<day>-<id>/` holding `manifest.json` (the station, the bundle's id and date,
 * its items) with `manifest.sig` (Ed25519 over the manifest's exact bytes, by the station's key),
 * and for each item `files/<upload id>.<pdf|epub>` and `items/<upload id>.json`: the tus creation
 * the station would have sent — Upload-Length, Upload-Metadata with the upload id in it, the
 * file's Content-Digest — signed with the station's key in the network's own profile
 * (catalog/station-auth/message-signature.ts) over `POST /uploads/`. A drive travels, so a
 * bundle's signatures hold for BUNDLE_WINDOW_DAYS, not the network's five minutes.
 */
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SHA256_HEX, UPLOAD_MEDIA_TYPES } from '../../shared/outbox.js';
import { signMessage } from '../station-auth/message-signature.js';
import type { MessageParts, MessageSigner } from '../station-auth/message-signature.js';

export const BUNDLE_FORMAT = 'tu-sach-upload-bundle/1';
/** A whole bundle's folder name begins so; one being written is hidden (a leading dot) until renamed. */
export const BUNDLE_DIR_PREFIX = 'tu-sach-gui-len-';
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIGNATURE_FILE = 'manifest.sig';
export const FILES_DIR = 'files';
export const ITEMS_DIR = 'items';
/** How long a bundle's signatures hold: a drive may wait for a district trip. */
export const BUNDLE_WINDOW_DAYS = 30;
/** How far ahead of the hub's clock a bundle may be dated (a station's clock a little fast). */
export const BUNDLE_AHEAD_SECONDS = 86_400;
/** The request a bundle item stands for, as its signature names it (`@method`, `@path`). */
export const BUNDLE_SIGNED_METHOD = 'POST';
export const BUNDLE_SIGNED_URL = 'https://hub.invalid/uploads/';
/** What an item's signature covers. */
export const BUNDLE_COMPONENTS = ['@method', '@path', 'content-digest', 'upload-length', 'upload-metadata'] as const;
/** Bounds on what the hub reads of a bundle before it trusts it. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MAX_ITEM_BYTES = 64 * 1024;
export const MAX_BUNDLE_ITEMS = 1000;

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: hex32,
  stationId: hex32,
  stationName: z.string().max(200),
  createdAt: z.iso.datetime(),
  items: z
    .array(z.strictObject({ uploadId: hex32, title: z.string().max(1000), mediaType: z.enum(UPLOAD_MEDIA_TYPES), sha256: z.string().regex(SHA256_HEX), size: z.number().int().min(0) }))
    .max(MAX_BUNDLE_ITEMS),
});
export type BundleManifest = z.infer<typeof manifestSchema>;
export type BundleEntry = BundleManifest['items'][number];

/** An item's signed creation: the header fields the network's POST would carry, and its signature. */
export const creationSchema = z.strictObject({
  'content-digest': z.string().max(200),
  'upload-length': z.string().regex(/^\d{1,15}$/),
  'upload-metadata': z.string().max(32 * 1024),
  'signature-input': z.string().max(2000),
  signature: z.string().max(200),
});
export type BundleCreation = z.infer<typeof creationSchema>;

export const manifestSignatureSchema = z.strictObject({ keyid: hex32, alg: z.literal('ed25519'), signature: z.string().max(200) });

/** The folder name of a bundle made on `day` (YYYY-MM-DD). */
export const bundleDirName = (day: string, bundleId: string) => `${BUNDLE_DIR_PREFIX}${day}-${bundleId.slice(0, 8)}`;

/** Where an item's file lies in its bundle. */
export const itemFileName = (uploadId: string, mediaType: string) => `${uploadId}.${mediaType === 'application/epub+zip' ? 'epub' : 'pdf'}`;

/** The message parts a creation's signature covers. */
export function creationParts(fields: Record<string, string>): MessageParts {
  return { method: BUNDLE_SIGNED_METHOD, url: BUNDLE_SIGNED_URL, header: (name) => fields[name] ?? null };
}

/** Signs an item's creation fields (content-digest, upload-length, upload-metadata) at `createdSeconds`. */
export function signCreation(fields: Record<string, string>, signer: MessageSigner, createdSeconds: number): BundleCreation {
  const signature = signMessage(creationParts(fields), BUNDLE_COMPONENTS, signer, createdSeconds);
  return creationSchema.parse({ ...fields, 'signature-input': signature['Signature-Input'], signature: signature.Signature });
}

/** The manifest's signature file, over its exact bytes. */
export function signManifest(bytes: Buffer, signer: MessageSigner): string {
  return JSON.stringify({ keyid: signer.keyId, alg: 'ed25519', signature: sign(null, bytes, signer.privateKey).toString('base64') });
}

/** Whether `signatureFile` is `publicKey`'s signature of the manifest's bytes, by `keyId`. */
export function manifestSigned(bytes: Buffer, signatureFile: string, keyId: string, publicKey: KeyObject): boolean {
  try {
    const parsed = manifestSignatureSchema.parse(JSON.parse(signatureFile));
    return parsed.keyid === keyId && verify(null, bytes, publicKey, Buffer.from(parsed.signature, 'base64'));
  } catch {
    return false;
  }
}

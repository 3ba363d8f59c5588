/**
 * The feed's signed root document (docs/feed.md): its schema, its canonical bytes, signing, and
 * the checks a station makes before it writes anything — a trusted key, a valid Ed25519
 * signature over the exact bytes, a well-formed document, and no rollback or fork of the
 * sequence. Verification is pure: it reads nothing and writes nothing.
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { keyIdOf } from './keys.js';
import { MAX_THESAURUS_BYTES } from '../search/lexicon.js';
import { sha256Hex } from '../store/hash.js';
import type { MessageRef } from '../../shared/messages.js';

export const FEED_FORMAT = 'tu-sach-feed/1';
export const ROOT_PATH = 'root.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const changeSeq = z.number().int().nonnegative();

export const pageRefSchema = z.strictObject({
  path: z.string().regex(/^pages\/[0-9a-f]{64}\.json$/),
  sha256,
  size: z.number().int().positive(),
  firstChange: changeSeq,
  lastChange: changeSeq,
});

export const snapshotRefSchema = z.strictObject({
  path: z.string().regex(/^snapshots\/[0-9a-f]{64}\.jsonl$/),
  sha256,
  size: z.number().int().positive(),
  /** The root sequence that first named this snapshot. */
  sequence: z.number().int().positive(),
  /** The last change (library change-log seq) the snapshot includes. */
  lastChange: changeSeq,
});

/** The hub's additions to the everyday-words thesaurus (docs/search.md), a UTF-8 text file. */
export const thesaurusRefSchema = z.strictObject({
  path: z.string().regex(/^thesaurus\/[0-9a-f]{64}\.txt$/),
  sha256,
  size: z.number().int().positive().max(MAX_THESAURUS_BYTES),
});

export const rootSchema = z.strictObject({
  format: z.literal(FEED_FORMAT),
  sequence: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  keyId: sha256,
  pages: z.array(pageRefSchema),
  snapshot: snapshotRefSchema.nullable(),
  opds: z.strictObject({ path: z.literal('opds/root.json') }),
  /** Absent when the hub adds nothing (the root's bytes are then those of earlier versions). */
  thesaurus: thesaurusRefSchema.optional(),
});

export type FeedRoot = z.infer<typeof rootSchema>;
export type PageRef = z.infer<typeof pageRefSchema>;
export type SnapshotRef = z.infer<typeof snapshotRefSchema>;
export type ThesaurusRef = z.infer<typeof thesaurusRefSchema>;

const signatureSchema = z.strictObject({ keyId: sha256, signature: z.base64() });

/** JSON with object keys sorted at every level and no whitespace: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON cannot hold a non-finite number');
  return JSON.stringify(value);
}

/** Where the signature of a root with these bytes lives: named by the root's hash, never replaced. */
export function signaturePathOf(rootBytes: Uint8Array): string {
  return `signatures/${sha256Hex(rootBytes)}.json`;
}

export interface SignedRoot {
  bytes: Buffer;
  signature: Buffer;
  signaturePath: string;
}

export function signRoot(root: FeedRoot, privateKey: KeyObject): SignedRoot {
  const bytes = Buffer.from(canonicalJson(rootSchema.parse(root)), 'utf8');
  const signature = sign(null, bytes, privateKey);
  const keyId = keyIdOf(createPublicKey(privateKey));
  if (keyId !== root.keyId) throw new Error(`root.keyId ${root.keyId} is not the id of the signing key (${keyId})`);
  return {
    bytes,
    signature: Buffer.from(canonicalJson({ keyId, signature: signature.toString('base64') }), 'utf8'),
    signaturePath: signaturePathOf(bytes),
  };
}

function parseSignature(signature: Uint8Array | string | null): z.infer<typeof signatureSchema> | null {
  try {
    const text = typeof signature === 'string' ? signature : Buffer.from(signature ?? []).toString('utf8');
    return signatureSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The key id a signature file names (before it is verified): whose trusted state applies. */
export function signatureKeyId(signature: Uint8Array | string | null): string | null {
  return parseSignature(signature)?.keyId ?? null;
}

export type VerifyFailure = 'bad_signature' | 'unknown_key' | 'malformed' | 'rollback' | 'fork';

export interface TrustedState {
  keys: KeyObject[];
  /** The highest sequence this station accepted under the key that signed this root (from any location). */
  lastSequence?: number;
  /** The sha256 of that root's bytes. */
  lastRootSha256?: string;
}

export type VerifyResult =
  | { ok: true; root: FeedRoot; sha256: string; expired: boolean }
  | { ok: false; code: VerifyFailure; reason: MessageRef };

const fail = (code: VerifyFailure, reason: MessageRef): VerifyResult => ({ ok: false, code, reason });

/**
 * Checks a root's bytes against its signature file and the station's trusted state. A root
 * past its expiry still verifies, with `expired: true`: the caller warns and keeps its catalog.
 */
export function verifyRoot(bytes: Uint8Array, signature: Uint8Array | string | null, trusted: TrustedState, now = new Date()): VerifyResult {
  const sig = parseSignature(signature);
  if (!sig) return fail('bad_signature', { key: 'feed.signatureMissing' });
  const key = trusted.keys.find((candidate) => keyIdOf(candidate) === sig.keyId);
  if (!key) return fail('unknown_key', { key: 'feed.keyUntrusted', params: { keyId: sig.keyId } });
  const raw = Buffer.from(sig.signature, 'base64');
  if (raw.length !== 64 || !verify(null, bytes, key, raw)) return fail('bad_signature', { key: 'feed.signatureMismatch' });
  let root: FeedRoot;
  try {
    root = rootSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch (error) {
    return fail('malformed', { key: 'feed.rootMalformed', params: { detail: (error as Error).message.slice(0, 300) } });
  }
  if (root.keyId !== sig.keyId) return fail('bad_signature', { key: 'feed.keyMismatch' });
  const digest = sha256Hex(bytes);
  if (trusted.lastSequence !== undefined) {
    if (root.sequence < trusted.lastSequence) return fail('rollback', { key: 'feed.rollback', params: { sequence: root.sequence, last: trusted.lastSequence } });
    if (root.sequence === trusted.lastSequence && trusted.lastRootSha256 !== undefined && digest !== trusted.lastRootSha256) {
      return fail('fork', { key: 'feed.fork', params: { sequence: root.sequence } });
    }
  }
  return { ok: true, root, sha256: digest, expired: Date.parse(root.expiresAt) <= now.getTime() };
}

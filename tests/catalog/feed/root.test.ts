import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FEED_FORMAT, canonicalJson, signRoot, verifyRoot } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import type { FeedRoot } from '../../../catalog/feed/root.js';
import { keys } from './fixtures.js';

const hub = keys();
const other = keys();
const now = new Date('2026-01-10T00:00:00.000Z');

function root(sequence: number, extra: Partial<FeedRoot> = {}): FeedRoot {
  return {
    format: FEED_FORMAT,
    sequence,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-02-01T00:00:00.000Z',
    keyId: hub.keyId,
    pages: [{ path: `pages/${'a'.repeat(64)}.json`, sha256: 'a'.repeat(64), size: 10, firstChange: 1, lastChange: 3 }],
    snapshot: null,
    opds: { path: 'opds/root.json' },
    ...extra,
  };
}

const trusted = { keys: [hub.publicKey] };

describe('verifying a feed root', () => {
  it('accepts a root signed by a pinned key, over its exact canonical bytes', () => {
    const signed = signRoot(root(1), hub.privateKey);
    expect(signed.bytes.toString()).toBe(canonicalJson(root(1)));
    expect(signed.signaturePath).toBe(`signatures/${sha256Hex(signed.bytes)}.json`);
    const result = verifyRoot(signed.bytes, signed.signature, trusted, now);
    expect(result).toMatchObject({ ok: true, expired: false, root: { sequence: 1 }, sha256: sha256Hex(signed.bytes) });
  });

  it('rejects one changed byte', () => {
    const signed = signRoot(root(1), hub.privateKey);
    const changed = Buffer.from(signed.bytes);
    changed[changed.indexOf('1')] = '2'.charCodeAt(0);
    expect(verifyRoot(changed, signed.signature, trusted, now)).toMatchObject({ ok: false, code: 'bad_signature' });
    // Even a byte that keeps the JSON equal (a space) breaks the signature: the bytes are signed.
    const spaced = Buffer.concat([signed.bytes, Buffer.from(' ')]);
    expect(verifyRoot(spaced, signed.signature, trusted, now)).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('rejects a stripped, empty or garbled signature', () => {
    const signed = signRoot(root(1), hub.privateKey);
    for (const signature of [null, '', Buffer.alloc(0), '{}', 'not json', JSON.stringify({ keyId: hub.keyId, signature: '' })]) {
      expect(verifyRoot(signed.bytes, signature, trusted, now)).toMatchObject({ ok: false, code: 'bad_signature' });
    }
  });

  it('rejects a signature by another key that claims the pinned key id', () => {
    const signed = signRoot(root(1), hub.privateKey);
    const forged = JSON.stringify({ keyId: hub.keyId, signature: sign(null, signed.bytes, other.privateKey).toString('base64') });
    expect(verifyRoot(signed.bytes, forged, trusted, now)).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('rejects a root signed by a key that is not pinned', () => {
    const signed = signRoot(root(1, { keyId: other.keyId }), other.privateKey);
    expect(verifyRoot(signed.bytes, signed.signature, trusted, now)).toMatchObject({ ok: false, code: 'unknown_key' });
    expect(verifyRoot(signed.bytes, signed.signature, { keys: [] }, now)).toMatchObject({ ok: false, code: 'unknown_key' });
  });

  it('rejects a lower sequence (rollback) and the same sequence with other bytes (fork)', () => {
    const first = signRoot(root(5), hub.privateKey);
    const state = { keys: [hub.publicKey], lastSequence: 5, lastRootSha256: sha256Hex(first.bytes) };
    const older = signRoot(root(4), hub.privateKey);
    expect(verifyRoot(older.bytes, older.signature, state, now)).toMatchObject({ ok: false, code: 'rollback' });
    const fork = signRoot(root(5, { createdAt: '2026-01-02T00:00:00.000Z' }), hub.privateKey);
    expect(verifyRoot(fork.bytes, fork.signature, state, now)).toMatchObject({ ok: false, code: 'fork' });
    expect(verifyRoot(first.bytes, first.signature, state, now)).toMatchObject({ ok: true });
    const newer = signRoot(root(6), hub.privateKey);
    expect(verifyRoot(newer.bytes, newer.signature, state, now)).toMatchObject({ ok: true, root: { sequence: 6 } });
  });

  it('rejects a signed document that is not a well-formed root', () => {
    for (const text of ['{not json', JSON.stringify({ ...root(1), format: 'other/1' }), JSON.stringify({ ...root(1), sequence: -1 }), JSON.stringify({ ...root(1), extra: true })]) {
      const bytes = Buffer.from(text);
      const signature = JSON.stringify({ keyId: hub.keyId, signature: sign(null, bytes, hub.privateKey).toString('base64') });
      expect(verifyRoot(bytes, signature, trusted, now)).toMatchObject({ ok: false, code: 'malformed' });
    }
  });

  it('verifies an expired root but says it is expired, and still refuses an older one', () => {
    const signed = signRoot(root(3), hub.privateKey);
    const later = new Date('2026-03-01T00:00:00.000Z');
    expect(verifyRoot(signed.bytes, signed.signature, trusted, later)).toMatchObject({ ok: true, expired: true });
    const older = signRoot(root(2), hub.privateKey);
    expect(verifyRoot(older.bytes, older.signature, { ...trusted, lastSequence: 3 }, later)).toMatchObject({ ok: false, code: 'rollback' });
  });

  it('refuses to sign a root that names another key', () => {
    expect(() => signRoot(root(1, { keyId: other.keyId }), hub.privateKey)).toThrow(/not the id of the signing key/);
  });
});

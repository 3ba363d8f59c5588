/**
 * Issue 17: the RFC 9421 profile stations sign with, against the RFC itself. The signature base
 * this code builds for RFC 9421 Appendix B.2.6 (a request signed with the RFC's ed25519 test key,
 * Appendix B.1.4) is the RFC's, byte for byte, and the RFC's signature verifies over it; the
 * Content-Digest of the RFC 9530 example body is the RFC's. What the hubs accept is stricter
 * than the RFC (one signature, alg and nonce required) and a signature made here round-trips.
 */
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDictionary, serializeInnerList } from 'structured-headers';
import type { InnerList } from 'structured-headers';
import { contentDigest, declaredDigest, digestMatches } from '../../../catalog/station-auth/content-digest.js';
import { readSignature, signMessage, signatureBase, verifyMessage } from '../../../catalog/station-auth/message-signature.js';
import type { MessageParts } from '../../../catalog/station-auth/message-signature.js';

/** RFC 9421 Appendix B.1.4, test-key-ed25519: its public half. */
const RFC_PUBLIC_KEY = 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs';

/** RFC 9421 Appendix B.2: the test request. */
const RFC_REQUEST: MessageParts = {
  method: 'POST',
  url: 'https://example.com/foo?param=Value&Pet=dog',
  header: (name) =>
    ({
      host: 'example.com',
      date: 'Tue, 20 Apr 2021 02:07:55 GMT',
      'content-type': 'application/json',
      'content-digest': 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
      'content-length': '18',
    })[name] ?? null,
};

/** RFC 9421 Appendix B.2.6. */
const B26_INPUT = 'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
const B26_SIGNATURE = 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:';
const B26_BASE = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@method": POST',
  '"@path": /foo',
  '"@authority": example.com',
  '"content-type": application/json',
  '"content-length": 18',
  '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join('\n');

describe('the signature profile, against RFC 9421 and RFC 9530', () => {
  it('builds the RFC’s signature base for B.2.6, and the RFC’s signature verifies over it with the RFC’s key', () => {
    const input = parseDictionary(B26_INPUT).get('sig-b26') as InnerList;
    const components = input[0].map(([name]) => name as string);
    const base = signatureBase(components, serializeInnerList(input), RFC_REQUEST);
    expect(base).toBe(B26_BASE);
    const signature = Buffer.from(parseDictionary(B26_SIGNATURE).get('sig-b26')?.[0] as ArrayBuffer);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: RFC_PUBLIC_KEY }, format: 'jwk' });
    expect(verify(null, Buffer.from(base as string), publicKey, signature)).toBe(true);
    // The hubs' profile is stricter: this RFC example has no alg and no nonce, so a hub refuses it.
    expect(readSignature(B26_INPUT, B26_SIGNATURE)).toBe('malformed');
  });

  it('writes the RFC 9530 Content-Digest of its example body and checks a body against it', () => {
    const body = Buffer.from('{"hello": "world"}');
    expect(contentDigest(body)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    const declared = declaredDigest(`sha-512=:${'A'.repeat(86)}==:, ${contentDigest(body)}`);
    expect(declared && digestMatches(declared, body)).toBe(true);
    expect(declared && digestMatches(declared, Buffer.from('{"hello": "World"}'))).toBe(false);
    for (const bad of [null, '', 'sha-256=abc', 'sha-512=:AAAA:', 'sha-256=:AAAA:']) expect(declaredDigest(bad)).toBeNull();
  });

  it('signs with created, keyid, alg and nonce; the signature verifies, and fails for another key, method, path or field', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const headers: Record<string, string> = { 'content-digest': contentDigest(Buffer.from('{}')), 'content-type': 'application/json' };
    const message: MessageParts = { method: 'POST', url: 'http://127.0.0.1:8080/hub/usage', header: (name) => headers[name] ?? null };
    const fields = signMessage(message, ['@method', '@path', 'content-digest', 'content-type'], { keyId: 'ab'.repeat(16), privateKey }, 1_800_000_000);
    expect(fields['Signature-Input']).toMatch(/^sig1=\("@method" "@path" "content-digest" "content-type"\);created=1800000000;keyid="(ab){16}";alg="ed25519";nonce="[\w-]{22}"$/);
    const received = readSignature(fields['Signature-Input'], fields.Signature);
    if (typeof received === 'string') throw new Error(received);
    expect(received).toMatchObject({ created: 1_800_000_000, keyId: 'ab'.repeat(16), components: ['@method', '@path', 'content-digest', 'content-type'] });
    expect(verifyMessage(received, message, publicKey)).toBe(true);
    expect(verifyMessage(received, message, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(verifyMessage(received, { ...message, method: 'PUT' }, publicKey)).toBe(false);
    expect(verifyMessage(received, { ...message, url: 'http://127.0.0.1:8080/hub/usage2' }, publicKey)).toBe(false);
    expect(verifyMessage(received, { ...message, header: (name) => (name === 'content-type' ? 'text/plain' : (headers[name] ?? null)) }, publicKey)).toBe(false);
    // Two signatures of the same request in the same second differ (the nonce): a replay is told from a resend.
    expect(signMessage(message, ['@method'], { keyId: 'k', privateKey }, 1).Signature).not.toBe(signMessage(message, ['@method'], { keyId: 'k', privateKey }, 1).Signature);
  });

  it('refuses what is not one signature of the profile', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const message: MessageParts = { method: 'GET', url: 'http://h/x', header: () => null };
    const good = signMessage(message, ['@method', '@path'], { keyId: 'k', privateKey }, 1);
    expect(readSignature(null, null)).toBe('missing');
    expect(readSignature(good['Signature-Input'], null)).toBe('malformed');
    expect(readSignature(`${good['Signature-Input']}, sig2=("@method");created=1;keyid="k";alg="ed25519";nonce="${'n'.repeat(16)}"`, good.Signature)).toBe('malformed');
    expect(readSignature(good['Signature-Input'].replace('alg="ed25519"', 'alg="hmac-sha256"'), good.Signature)).toBe('malformed');
    expect(readSignature(good['Signature-Input'].replace('"@path"', '"@path";req'), good.Signature)).toBe('malformed');
    expect(readSignature(good['Signature-Input'].replace('"@path"', '"@target-uri"'), good.Signature)).toBe('malformed');
    expect(readSignature(good['Signature-Input'], good.Signature.replace('sig1', 'sig2'))).toBe('malformed');
    expect(readSignature(good['Signature-Input'], 'sig1=:AAAA:')).toBe('malformed');
    expect(readSignature('sig1=(', good.Signature)).toBe('malformed');
  });
});

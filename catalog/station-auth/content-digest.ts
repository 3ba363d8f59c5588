/**
 * `Content-Digest` (RFC 9530) with sha-256, the one algorithm stations send and hubs accept:
 * `sha-256=:<base64 of the body's sha256>:`, a structured-field dictionary (RFC 9651) parsed by
 * `structured-headers`. A request without a body carries the digest of no bytes, so every signed
 * request covers its body the same way.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseDictionary } from 'structured-headers';

export const CONTENT_DIGEST_ALGORITHM = 'sha-256';

const sha256 = (body: Uint8Array) => createHash('sha256').update(body).digest();

export function contentDigest(body: Uint8Array): string {
  return `${CONTENT_DIGEST_ALGORITHM}=:${sha256(body).toString('base64')}:`;
}

/** The sha-256 a header declares (32 bytes), or null when it is missing, malformed or names no sha-256. */
export function declaredDigest(header: string | null): Buffer | null {
  if (!header) return null;
  try {
    const member = parseDictionary(header).get(CONTENT_DIGEST_ALGORITHM);
    if (!member || Array.isArray(member[0]) || !(member[0] instanceof ArrayBuffer)) return null;
    const bytes = Buffer.from(member[0]);
    return bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

/** Whether `body` is what the declared digest says. */
export function digestMatches(declared: Buffer, body: Uint8Array): boolean {
  return timingSafeEqual(declared, sha256(body));
}

/**
 * RFC 9421 HTTP Message Signatures, the profile a station and its hub use (docs/uploads.md §
 * Enrolment and signed requests): one signature per request, Ed25519 (`alg="ed25519"`), over
 * the derived components `@method`, `@authority`, `@path` and `@query` and header fields named
 * in lower case without parameters (`;sf`, `;key`, `;bs`, `;req` are refused), with the
 * parameters `created` (Unix seconds), `keyid` (the station id), `alg` and `nonce` (random, so
 * two identical requests within one second still differ). Structured fields (RFC 9651) are
 * parsed and serialised by `structured-headers`; the signature base (RFC 9421 §2.5) is built
 * here: one line per component, `"name": value`, then `"@signature-params": <the inner list,
 * serialised>`, joined by LF with no final LF.
 */
import { randomBytes, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { parseDictionary, serializeDictionary, serializeInnerList } from 'structured-headers';
import type { BareItem, InnerList, Item } from 'structured-headers';

export const SIGNATURE_LABEL = 'sig1';
export const SIGNATURE_ALGORITHM = 'ed25519';

/** What a signature covers of a request: its method, its URL and its header fields. */
export interface MessageParts {
  method: string;
  url: string;
  header(name: string): string | null;
}

/** The components this profile knows: four derived ones, and header fields by their lower-case name. */
const COMPONENT = /^(?:@method|@authority|@path|@query|[a-z0-9][a-z0-9-]{0,63})$/;

function componentValue(name: string, message: MessageParts): string | null {
  if (name === '@method') return message.method.toUpperCase();
  if (name === '@authority') return new URL(message.url).host.toLowerCase();
  if (name === '@path') return new URL(message.url).pathname || '/';
  if (name === '@query') return new URL(message.url).search || '?';
  return message.header(name)?.trim() ?? null;
}

/** The signature base of `message`, or null when a component it names is not in the message. */
export function signatureBase(components: readonly string[], signatureParams: string, message: MessageParts): string | null {
  const lines: string[] = [];
  for (const name of components) {
    const value = componentValue(name, message);
    if (value === null) return null;
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${signatureParams}`);
  return lines.join('\n');
}

export interface SignatureFields {
  'Signature-Input': string;
  Signature: string;
}

export interface MessageSigner {
  keyId: string;
  privateKey: KeyObject;
}

/** Signs `components` of `message`, created at `createdSeconds`: the two header fields to send. */
export function signMessage(message: MessageParts, components: readonly string[], signer: MessageSigner, createdSeconds: number): SignatureFields {
  const params = new Map<string, BareItem>([
    ['created', createdSeconds],
    ['keyid', signer.keyId],
    ['alg', SIGNATURE_ALGORITHM],
    ['nonce', randomBytes(16).toString('base64url')],
  ]);
  const input: InnerList = [components.map((name): Item => [name, new Map()]), params];
  const base = signatureBase(components, serializeInnerList(input), message);
  if (base === null) throw new Error(`cannot sign a component the request does not have: ${components.join(' ')}`);
  const signature = sign(null, Buffer.from(base, 'utf8'), signer.privateKey);
  return {
    'Signature-Input': serializeDictionary(new Map([[SIGNATURE_LABEL, input]])),
    Signature: serializeDictionary(new Map([[SIGNATURE_LABEL, [signature, new Map()] as Item]])),
  };
}

/** The one signature a request carries, as this profile reads it. */
export interface ReceivedSignature {
  components: string[];
  created: number;
  expires: number | null;
  keyId: string;
  /** The inner list as the base names it (`@signature-params`). */
  signatureParams: string;
  signature: Buffer;
}

/** Reads the request's signature: 'missing' when it carries none, 'malformed' when it is not one signature of this profile. */
export function readSignature(signatureInput: string | null, signatureField: string | null): ReceivedSignature | 'missing' | 'malformed' {
  if (!signatureInput && !signatureField) return 'missing';
  if (!signatureInput || !signatureField) return 'malformed';
  let inputs;
  let signatures;
  try {
    inputs = parseDictionary(signatureInput);
    signatures = parseDictionary(signatureField);
  } catch {
    return 'malformed';
  }
  if (inputs.size !== 1 || signatures.size !== 1) return 'malformed';
  const [[label, input]] = [...inputs];
  const signature = signatures.get(label);
  if (!signature || !Array.isArray(input[0]) || !(signature[0] instanceof ArrayBuffer)) return 'malformed';
  const components: string[] = [];
  for (const [name, params] of input[0]) {
    if (typeof name !== 'string' || params.size > 0 || !COMPONENT.test(name) || components.includes(name)) return 'malformed';
    components.push(name);
  }
  const params = input[1];
  const created = params.get('created');
  const expires = params.get('expires');
  const keyId = params.get('keyid');
  const nonce = params.get('nonce');
  if (!Number.isSafeInteger(created) || (expires !== undefined && !Number.isSafeInteger(expires))) return 'malformed';
  if (typeof keyId !== 'string' || params.get('alg') !== SIGNATURE_ALGORITHM) return 'malformed';
  if (typeof nonce !== 'string' || nonce.length < 16 || nonce.length > 64) return 'malformed';
  const bytes = Buffer.from(signature[0]);
  if (bytes.length !== 64) return 'malformed';
  return {
    components,
    created: created as number,
    expires: (expires as number | undefined) ?? null,
    keyId,
    signatureParams: serializeInnerList(input as InnerList),
    signature: bytes,
  };
}

/** Whether the signature is `publicKey`'s over this message. */
export function verifyMessage(received: ReceivedSignature, message: MessageParts, publicKey: KeyObject): boolean {
  const base = signatureBase(received.components, received.signatureParams, message);
  return base !== null && verify(null, Buffer.from(base, 'utf8'), publicKey, received.signature);
}

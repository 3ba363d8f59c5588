/**
 * How a station signs what it sends its hub (docs/uploads.md § Signed requests): a
 * `Content-Digest` of the body (none: the digest of no bytes) and an RFC 9421 signature
 * (catalog/station-auth/message-signature.ts) with the station's key over the method, the path,
 * the digest and the fields present of SIGNED_FIELDS. `created` is this computer's clock set
 * right by the hub's: an answer whose Date is more than a minute off is remembered, so a kiosk
 * whose clock is wrong (a flat CMOS battery is common) signs within the hub's window from its
 * next request on. One signer per running outbox; `fetch` signs a plain request, the tus stack
 * calls `sign` itself (./checksum-stack.ts).
 */
import type { Library } from '../library.js';
import { contentDigest } from '../station-auth/content-digest.js';
import { signMessage } from '../station-auth/message-signature.js';
import { stationKey } from '../station-auth/station-key.js';

/** Header fields signed when the request has them (tus fields among them). */
export const SIGNED_FIELDS = ['content-digest', 'content-type', 'upload-length', 'upload-metadata', 'upload-offset', 'upload-checksum'] as const;
const SKEW_NOTICED_MS = 60_000;

export interface SignedRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export class HubSigner {
  private skewMs = 0;

  constructor(
    private readonly library: Library,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The fields to add to a request for it to be signed: Content-Digest, Signature-Input and
   * Signature. `header` reads the request's other fields by lower-case name.
   */
  async sign(method: string, url: string, header: (name: string) => string | null, body: Uint8Array): Promise<Record<string, string>> {
    const digest = contentDigest(body);
    const read = (name: string) => (name === 'content-digest' ? digest : header(name));
    const components = ['@method', '@path', ...SIGNED_FIELDS.filter((name) => read(name) !== null)];
    const created = Math.floor((this.clock() + this.skewMs) / 1000);
    const key = await stationKey(this.library);
    return { 'Content-Digest': digest, ...signMessage({ method, url, header: read }, components, key, created) };
  }

  /** Reads the hub's clock off an answer (its Date field). */
  noteAnswer(date: string | null | undefined): void {
    const hub = Date.parse(date ?? '');
    if (Number.isNaN(hub)) return;
    const skew = hub - this.clock();
    this.skewMs = Math.abs(skew) > SKEW_NOTICED_MS ? skew : 0;
  }

  /** fetch, signed. */
  async fetch(url: string, init: SignedRequestInit): Promise<Response> {
    const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : (init.body ?? new Uint8Array());
    const given = Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    const signature = await this.sign(init.method, url, (name) => given[name] ?? null, body);
    const response = await fetch(url, { method: init.method, headers: { ...init.headers, ...signature }, body: body.length ? body : undefined, signal: init.signal });
    this.noteAnswer(response.headers.get('date'));
    return response;
  }
}

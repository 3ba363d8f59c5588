/**
 * The station's HTTP stack for tus (tus-js-client's Node stack, wrapped): each PATCH carries
 * `Upload-Checksum: sha256 <base64>` of its chunk — the chunk (a ranged read stream of the file,
 * at most one chunkSize) is read into memory first, hashed, then sent; the hub answers 460 when
 * the bytes it received differ, keeps its offset, and the chunk is sent again — and every request
 * is signed with the station's key (./hub-signer.ts: Content-Digest, Signature-Input,
 * Signature), the hub's Date read off each answer. A HEAD answered 5xx becomes a network error,
 * so it is retried rather than replaced by a new upload.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DefaultHttpStack } from 'tus-js-client';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import type { HubSigner } from './hub-signer.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function checksumHeader(bytes: Uint8Array): string {
  return `sha256 ${createHash('sha256').update(bytes).digest('base64')}`;
}

class SignedRequest implements HttpRequest {
  /** The fields set so far, by lower-case name: what the signature covers is read here. */
  private readonly fields = new Map<string, string>();

  constructor(
    private readonly inner: HttpRequest,
    private readonly signer: HubSigner,
  ) {}

  getMethod(): string {
    return this.inner.getMethod();
  }

  getURL(): string {
    return this.inner.getURL();
  }

  setHeader(header: string, value: string): void {
    this.fields.set(header.toLowerCase(), value);
    this.inner.setHeader(header, value);
  }

  getHeader(header: string): string | undefined {
    return this.inner.getHeader(header);
  }

  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.inner.setProgressHandler(handler);
  }

  async send(body: unknown): Promise<HttpResponse> {
    const method = this.getMethod();
    const hasBody = body !== null && body !== undefined;
    const bytes = !hasBody ? new Uint8Array() : body instanceof Readable ? await readAll(body) : Buffer.from(body as Uint8Array);
    if (method === 'PATCH' && hasBody) {
      this.setHeader('Upload-Checksum', checksumHeader(bytes));
      this.setHeader('Content-Length', String(bytes.length));
    }
    const signature = await this.signer.sign(method, this.getURL(), (name) => this.fields.get(name) ?? null, bytes);
    for (const [name, value] of Object.entries(signature)) this.setHeader(name, value);
    const response = await this.inner.send(hasBody ? bytes : body);
    this.signer.noteAnswer(response.getHeader('date'));
    // tus-js-client makes a new upload after any non-2xx HEAD; a hub that is down or
    // restarting (5xx) must be retried instead, or each outage would leave a duplicate.
    if (method === 'HEAD' && response.getStatus() >= 500) throw new Error(`HEAD ${this.getURL()}: ${response.getStatus()}`);
    return response;
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  getUnderlyingObject(): unknown {
    return this.inner.getUnderlyingObject();
  }
}

export class SignedHttpStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});

  constructor(private readonly signer: HubSigner) {}

  createRequest(method: string, url: string): HttpRequest {
    return new SignedRequest(this.inner.createRequest(method, url), this.signer);
  }

  getName(): string {
    return 'SignedHttpStack';
  }
}

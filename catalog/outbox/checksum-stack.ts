/**
 * tus checksum extension on the station's side: tus-js-client's Node HTTP stack, wrapped so that
 * each PATCH carries `Upload-Checksum: sha256 <base64>` of its chunk. The chunk (a ranged read
 * stream of the file, at most one chunkSize) is read into memory first, hashed, then sent; the hub
 * answers 460 when the bytes it received differ, keeps its offset, and the chunk is sent again.
 * A HEAD answered 5xx becomes a network error, so it is retried rather than replaced by a new upload.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DefaultHttpStack } from 'tus-js-client';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function checksumHeader(bytes: Uint8Array): string {
  return `sha256 ${createHash('sha256').update(bytes).digest('base64')}`;
}

class ChecksumRequest implements HttpRequest {
  constructor(private readonly inner: HttpRequest) {}

  getMethod(): string {
    return this.inner.getMethod();
  }

  getURL(): string {
    return this.inner.getURL();
  }

  setHeader(header: string, value: string): void {
    this.inner.setHeader(header, value);
  }

  getHeader(header: string): string | undefined {
    return this.inner.getHeader(header);
  }

  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.inner.setProgressHandler(handler);
  }

  async send(body: unknown): Promise<HttpResponse> {
    if (this.getMethod() === 'HEAD') {
      // tus-js-client makes a new upload after any non-2xx HEAD; a hub that is down or
      // restarting (5xx) must be retried instead, or each outage would leave a duplicate.
      const response = await this.inner.send(body);
      if (response.getStatus() >= 500) throw new Error(`HEAD ${this.getURL()}: ${response.getStatus()}`);
      return response;
    }
    if (this.getMethod() !== 'PATCH' || body === null || body === undefined) return this.inner.send(body);
    const bytes = body instanceof Readable ? await readAll(body) : Buffer.from(body as Uint8Array);
    this.inner.setHeader('Upload-Checksum', checksumHeader(bytes));
    this.inner.setHeader('Content-Length', String(bytes.length));
    return this.inner.send(bytes);
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  getUnderlyingObject(): unknown {
    return this.inner.getUnderlyingObject();
  }
}

export class ChecksumHttpStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});

  createRequest(method: string, url: string): HttpRequest {
    return new ChecksumRequest(this.inner.createRequest(method, url));
  }

  getName(): string {
    return 'ChecksumHttpStack';
  }
}

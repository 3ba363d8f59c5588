/**
 * One file sent to the hub with tus 1.0 (tus-js-client, Node file streams, checksummed chunks,
 * every request signed with the station's key: ./checksum-stack.ts, ./hub-signer.ts).
 *
 * A known upload URL is first checked with our own HEAD: a sane answer (2xx, Upload-Offset not
 * past the file, Upload-Length equal to its size) resumes from the hub's offset; an upload that
 * is gone (404, 410, any other 4xx such as 416) or an answer that makes no sense (no offset, a
 * different length, an offset past the end) starts a new upload from zero; no answer or a 5xx
 * is a failure to try later, so a hub that is down never makes a duplicate upload. During the
 * upload tus-js-client retries (re-HEAD, then resume) after a cut link, 5xx, 409 (wrong offset),
 * 423, and 460 (checksum mismatch: the hub kept its offset, the chunk is sent again); a PATCH
 * answered 404/410 leads, through that HEAD, to a new upload. 413, 415 and 422 are the hub
 * refusing the document itself: no retry. 401 and 403 are the hub refusing the station (not
 * enrolled or approved, a clock far off, revoked): the item fails with the hub's reason, its
 * upload URL kept, and is tried later. 429 and 507 are the hub saying "not now" (a quota of the
 * station's reached, its disk nearly full): not retried within the attempt, never a rejection —
 * the item fails with the hub's reason and the wait its Retry-After asks. tus-js-client forgets its retry count whenever the
 * offset moves, so an attempt also ends after three new uploads (a file the hub keeps refusing
 * for its sha256 would otherwise be sent forever).
 *
 * Why an upload was refused or failed is a message reference: the hub's own (its answers carry
 * the error envelope, catalog/hub/uploads.ts), else the hub's words as it wrote them.
 */
import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import type { DetailedError } from 'tus-js-client';
import { bilingual, isMessageRef } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';
import { SignedHttpStack } from './checksum-stack.js';
import type { HubSigner } from './hub-signer.js';

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
export const DEFAULT_RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000];
const TUS_VERSION = '1.0.0';
/** Statuses by which the hub refuses the document (too large, not a PDF/EPUB, a bad description). */
const REFUSED = new Set([413, 415, 422]);
/** 4xx statuses worth retrying: a conflict, a lock, a bad chunk, an upload gone (a new one is made). */
const RETRIED_4XX = new Set([404, 409, 410, 423, 460]);
/** Statuses by which the hub says "not now" (a quota, its disk): tried again after its Retry-After, not within the attempt. */
export const NOT_NOW = new Set([429, 507]);
/** The wait when a "not now" carries no Retry-After. */
const NOT_NOW_DEFAULT_MS = 3_600_000;
/** New uploads one attempt may make (after uploads gone or a whole file refused for its sha256). */
const MAX_NEW_UPLOADS = 3;

/** Why an upload did not go through, by reference (the message is that reference in both languages, for logs). */
class UploadProblem extends Error {
  constructor(
    readonly reason: MessageRef,
    options?: { cause?: unknown },
  ) {
    super(bilingual(reason), options);
  }
}

/** The hub refused the document: the item is rejected with the hub's reason. */
export class UploadRefused extends UploadProblem {}
/** The upload did not finish (no link, hub down, too many errors, the hub said "not now"): tried again later. */
export class UploadFailed extends UploadProblem {
  /** When the hub said "not now": how long it asked to wait, in ms; else null. */
  readonly waitMs: number | null;

  constructor(reason: MessageRef, options?: { cause?: unknown; waitMs?: number }) {
    super(reason, options);
    this.waitMs = options?.waitMs ?? null;
  }
}

/** How long a "not now" answer asks to wait (its Retry-After: seconds, or an HTTP date), in ms. */
export function notNowWaitMs(retryAfter: string | null | undefined, nowMs = Date.now()): number {
  const value = retryAfter?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? NOT_NOW_DEFAULT_MS : Math.max(0, at - nowMs);
}

/** What the hub said in an answer's body: the reference of its error envelope, else its words, else nothing. */
export function hubSaid(body: string | undefined): MessageRef | null {
  const text = body?.trim();
  if (!text) return null;
  try {
    const { error } = JSON.parse(text) as { error?: { key?: unknown; params?: unknown } };
    const ref = error?.params === undefined ? { key: error?.key } : { key: error.key, params: error.params };
    if (isMessageRef(ref)) return ref;
  } catch {
    // not the envelope: the hub's words as written
  }
  return { key: 'message.written', params: { text: text.slice(0, 300) } };
}

/** A hub's answer with this status and body, as a reason. */
function hubAnswered(status: number, body: string | undefined): MessageRef {
  const said = hubSaid(body);
  return said ? { key: 'outbox.hubStatusReason', params: { status, reason: said } } : { key: 'outbox.hubStatus', params: { status } };
}

/** The first line of a client-side error (no answer from the hub). */
const unreachable = (error: Error): MessageRef => ({ key: 'outbox.hubUnreachable', params: { detail: error.message.split('\n')[0] } });

export interface UploadJob {
  endpoint: string;
  signer: HubSigner;
  file: string;
  size: number;
  uploadUrl: string | null;
  metadata: Record<string, string>;
  chunkSize?: number;
  retryDelays?: number[];
  signal?: AbortSignal;
  /** A new upload URL (or the resumed one): persist it before any byte goes. */
  onUrl(url: string, resumedFrom: number | null): void;
  onProgress?(bytesSent: number): void;
  /** Bytes the hub confirmed (its Upload-Offset after a chunk). */
  onConfirmed?(offset: number): void;
}

type Probe = { resume: true; offset: number } | { resume: false };

/** What the hub says of a known upload; throws UploadFailed when it cannot say, or refuses this station. */
export async function probeUpload(signer: HubSigner, url: string, size: number, signal?: AbortSignal): Promise<Probe> {
  let response: Response;
  try {
    response = await signer.fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': TUS_VERSION }, signal });
  } catch (error) {
    throw new UploadFailed(unreachable(error as Error), { cause: error });
  }
  if (response.status >= 500 || response.status === 423) throw new UploadFailed({ key: 'outbox.hubStatus', params: { status: response.status } });
  // The hub refuses this station (an answer to a HEAD has no body to say why): tried later, the upload kept.
  if (response.status === 401 || response.status === 403) throw new UploadFailed({ key: 'outbox.hubStatus', params: { status: response.status } });
  if (response.status < 200 || response.status >= 300) return { resume: false };
  const offset = Number(response.headers.get('upload-offset') ?? NaN);
  const length = Number(response.headers.get('upload-length') ?? NaN);
  if (!Number.isSafeInteger(offset) || offset < 0 || length !== size || offset > size) return { resume: false };
  return { resume: true, offset };
}

function statusOf(error: Error): number {
  return (error as Partial<DetailedError>).originalResponse?.getStatus() ?? 0;
}

function shouldRetry(error: DetailedError): boolean {
  const status = statusOf(error);
  if (NOT_NOW.has(status)) return false;
  return status === 0 || status >= 500 || RETRIED_4XX.has(status);
}

/** Sends the file; resolves with the upload URL once the hub has every byte and accepted the last. */
export async function sendFile(job: UploadJob): Promise<string> {
  let uploadUrl = job.uploadUrl;
  let resumedFrom: number | null = null;
  if (uploadUrl) {
    const probe = await probeUpload(job.signer, uploadUrl, job.size, job.signal);
    if (probe.resume) resumedFrom = probe.offset;
    else uploadUrl = null;
  }
  job.signal?.throwIfAborted();
  const stream = fs.createReadStream(job.file);
  let created = 0;
  let lastRefusal: MessageRef = { key: 'outbox.hubStatus', params: { status: 0 } };
  return new Promise<string>((resolve, reject) => {
    const fail = (error: Error) => {
      job.signal?.removeEventListener('abort', onAbort);
      stream.destroy();
      reject(error);
    };
    const upload = new Upload(stream as unknown as Buffer, {
      endpoint: job.endpoint,
      uploadUrl,
      uploadSize: job.size,
      chunkSize: job.chunkSize ?? DEFAULT_CHUNK_SIZE,
      retryDelays: job.retryDelays ?? DEFAULT_RETRY_DELAYS,
      metadata: job.metadata,
      httpStack: new SignedHttpStack(job.signer),
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      onShouldRetry: (error) => {
        const status = statusOf(error);
        lastRefusal = status ? hubAnswered(status, error.originalResponse?.getBody()) : unreachable(error);
        return shouldRetry(error);
      },
      onUploadUrlAvailable: () => {
        const url = upload.url as string;
        if (url !== uploadUrl && ++created > MAX_NEW_UPLOADS) {
          void upload.abort(false);
          fail(new UploadFailed({ key: 'outbox.newUploadsFailed', params: { count: MAX_NEW_UPLOADS, reason: lastRefusal } }));
          return;
        }
        job.onUrl(url, url === uploadUrl ? resumedFrom : null);
      },
      onProgress: (sent) => job.onProgress?.(sent),
      onChunkComplete: (_chunk, accepted) => job.onConfirmed?.(accepted),
      onSuccess: () => {
        job.signal?.removeEventListener('abort', onAbort);
        resolve(upload.url as string);
      },
      onError: (error) => {
        const status = statusOf(error);
        const answer = (error as Partial<DetailedError>).originalResponse;
        const body = answer?.getBody();
        if (REFUSED.has(status)) fail(new UploadRefused(hubSaid(body) ?? { key: 'outbox.hubStatus', params: { status } }));
        else if (NOT_NOW.has(status)) fail(new UploadFailed(hubAnswered(status, body), { waitMs: notNowWaitMs(answer?.getHeader('Retry-After')) }));
        else fail(new UploadFailed(status ? hubAnswered(status, body) : unreachable(error)));
      },
    });
    const onAbort = () => {
      void upload.abort(false);
      fail(job.signal?.reason ?? new Error('aborted'));
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
}

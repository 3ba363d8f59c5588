/**
 * How a sync fails, said by reference (shared/messages/feed.ts, sync.ts): a feed the station
 * refuses, a run stopped, a full disk, and every other failure whose words the engine knows (a
 * source that cannot be read, a bundle that cannot be written). A failure the system reports by
 * its code (a server that refuses the connection, a name that does not resolve, a USB drive
 * pulled out) is said in words an official can act on; the system's own text ("connect
 * ECONNREFUSED 127.0.0.1:31002") stays in the reference's `detail` parameter, which no sentence
 * shows and the officials' screens offer as technical detail. `message` is the reference in
 * both languages, for logs and the CLI; the history, the sources' last error and the writer
 * thread keep the reference itself.
 */
import { AppError } from '../../shared/errors.js';
import { bilingual } from '../../shared/messages.js';
import type { MessageKey, MessageRef } from '../../shared/messages.js';
import type { VerifyFailure } from '../feed/root.js';

/** A sync failure with its words by reference. */
export class SyncError extends Error {
  constructor(
    readonly ref: MessageRef,
    options?: ErrorOptions,
  ) {
    super(bilingual(ref), options);
  }
}

/** What a document of the feed failed as (besides the root's own checks). */
export type DocCode = 'bad_page' | 'bad_snapshot' | 'bad_thesaurus';

/** A feed the station refuses; nothing of it was applied after the last consistent point. */
export class SyncRefusedError extends SyncError {
  constructor(
    readonly code: VerifyFailure | DocCode,
    readonly reason: MessageRef,
  ) {
    super({ key: 'feed.refused', params: { code, reason } });
  }
}

/** The run was stopped (AbortSignal) between two transactions; the catalog is consistent and resumes there. */
export class SyncStoppedError extends SyncError {
  constructor() {
    super({ key: 'feed.stopped' });
  }
}

/** The station's disk (or database size limit) is full: nothing was half-written; retry later. */
export class SyncDiskFullError extends SyncError {
  constructor(cause: unknown) {
    super({ key: 'feed.diskFull' }, { cause });
  }
}

export const isDiskFull = (error: unknown) => ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'ENOSPC', 'EDQUOT'].includes((error as { code?: string } | null)?.code ?? '');

/** System error codes (Node's net, dns, tls and fs) by what an official can do about them. */
const SYSTEM_ERRORS: Record<string, MessageKey> = {
  ECONNREFUSED: 'sync.net.refused',
  ENOTFOUND: 'sync.net.unknownHost',
  EAI_AGAIN: 'sync.net.offline',
  EAI_FAIL: 'sync.net.unknownHost',
  EHOSTUNREACH: 'sync.net.offline',
  EHOSTDOWN: 'sync.net.offline',
  ENETUNREACH: 'sync.net.offline',
  ENETDOWN: 'sync.net.offline',
  ECONNRESET: 'sync.net.cut',
  ECONNABORTED: 'sync.net.cut',
  EPIPE: 'sync.net.cut',
  ERR_STREAM_PREMATURE_CLOSE: 'sync.net.cut',
  ETIMEDOUT: 'sync.net.slow',
  CERT_HAS_EXPIRED: 'sync.net.certificate',
  CERT_NOT_YET_VALID: 'sync.net.certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'sync.net.certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'sync.net.certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'sync.net.certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'sync.net.certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'sync.net.certificate',
  ENOENT: 'sync.disk.missing',
  ENODEV: 'sync.disk.missing',
  ENXIO: 'sync.disk.missing',
  EACCES: 'sync.disk.denied',
  EPERM: 'sync.disk.denied',
  EIO: 'sync.disk.unreadable',
};

/** The system's code of a failure (an AggregateError of several addresses tried takes its first's). */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof AggregateError ? codeOf(error.errors[0]) : undefined;
}

/** The system's own text of a failure, for the technical detail. */
function textOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(textOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failure the system reports by its code, in words (`fallback` for a code not known here); the
 * system's text, after `where` (the address or path it concerned), is kept as `detail` only.
 */
export function systemErrorRef(error: unknown, fallback: MessageKey, where?: string): MessageRef {
  const code = codeOf(error);
  const text = textOf(error);
  return { key: (code && SYSTEM_ERRORS[code]) || fallback, params: { detail: where ? `${where}: ${text}` : text } };
}

/** What a failure says, by reference: its own words, words for its system code, or that it was unforeseen (with the system's text as detail). */
export function refOf(error: unknown): MessageRef {
  if (error instanceof SyncError || error instanceof AppError) return error.ref;
  return systemErrorRef(error, 'sync.unexpectedError');
}

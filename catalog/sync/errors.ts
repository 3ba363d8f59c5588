/**
 * How a sync fails, said by reference (shared/messages/feed.ts, sync.ts): a feed the station
 * refuses, a run stopped, a full disk, and every other failure whose words the engine knows (a
 * source that cannot be read, a bundle that cannot be written). `message` is the reference in
 * both languages, for logs and the CLI; the history, the sources' last error and the writer
 * thread keep the reference itself.
 */
import { AppError } from '../../shared/errors.js';
import { bilingual } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';
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

/** What a failure says, by reference: its own words, or an unforeseen error's text as the system gave it. */
export function refOf(error: unknown): MessageRef {
  if (error instanceof SyncError || error instanceof AppError) return error.ref;
  return { key: 'sync.unexpectedError', params: { detail: error instanceof Error ? error.message : String(error) } };
}

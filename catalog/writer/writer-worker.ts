/**
 * The writer thread's body (./writer-thread.ts): it opens the library itself — its own
 * connection, its own temporary folder — and runs the writes it is sent: a sync run's metadata
 * step (`syncOnce`, posting progress; a `stop` aborts it between two transactions), document
 * saves (one transaction each, taken between two of a sync's — the sync commits early when the
 * shared count says saves wait; sections and relations read from the text before it) and the
 * background reading of relations (catalog/relations/backfill.ts: one run at a time, a run
 * asked for meanwhile done once after it; `close` stops it). Failures
 * travel as plain data — which error, and what it said by reference — and are rebuilt on the
 * other side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { saveDocuments } from '../documents.js';
import type { DocumentRecord } from '../documents.js';
import { Library } from '../library.js';
import { countUsage } from '../usage.js';
import { writeWhenFree } from '../db/without-waiting.js';
import { AppError } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { MessageRef } from '../../shared/messages.js';
import type { UsageCounter } from '../../shared/contract.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { readPendingRelations } from '../relations/backfill.js';
import type { BackfillResult } from '../relations/backfill.js';
import { readText } from '../relations/readings.js';
import { syncOnce } from '../sync/apply.js';
import type { SyncProgress, SyncResult } from '../sync/apply.js';
import { SyncDiskFullError, SyncError, SyncRefusedError, SyncStoppedError } from '../sync/errors.js';
import { openSource } from '../sync/source.js';
import type { HttpSourceOptions } from '../sync/source.js';
import type { SyncSourceRow } from '../sync/sources.js';

export interface WriterWorkerData {
  libraryDir: string;
  /** [0]: saves sent to this thread and not yet written (the sender adds, this thread subtracts). */
  savesWaiting: Int32Array;
}

/** Documents to save; a record without sections or relations gets them read from its text here (a long text takes a while). */
export interface SaveJob {
  records: DocumentRecord[];
  /** A usage counter taken with the save, in the same transaction. */
  count?: UsageCounter;
}

export type WriterRequest =
  | { type: 'sync'; id: number; row: SyncSourceRow; http?: HttpSourceOptions; now: string }
  | { type: 'stop'; id: number }
  | { type: 'save'; id: number; job: SaveJob }
  | { type: 'relations'; id: number }
  | { type: 'close' };

/** A failure as data: which error it was and what it said (by reference when it had its words). */
export type WriterFailure =
  | { kind: 'stopped' }
  | { kind: 'diskFull' }
  | { kind: 'refused'; code: SyncRefusedError['code']; reason: MessageRef }
  | { kind: 'sync'; ref: MessageRef }
  | { kind: 'app'; code: ErrorCode; ref: MessageRef }
  | { kind: 'other'; message: string; code?: string };

export type WriterReply =
  | { type: 'progress'; id: number; progress: SyncProgress }
  | { type: 'done'; id: number; value: SyncResult | BackfillResult | null }
  | { type: 'failed'; id: number; failure: WriterFailure }
  | { type: 'closed' };

function failureOf(error: unknown): WriterFailure {
  if (error instanceof SyncStoppedError) return { kind: 'stopped' };
  if (error instanceof SyncDiskFullError) return { kind: 'diskFull' };
  if (error instanceof SyncRefusedError) return { kind: 'refused', code: error.code, reason: error.reason };
  if (error instanceof SyncError) return { kind: 'sync', ref: error.ref };
  if (error instanceof AppError) return { kind: 'app', code: error.code, ref: error.ref };
  const code = (error as { code?: unknown } | null)?.code;
  return { kind: 'other', message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}

async function save(library: Library, job: SaveJob, waiting: Int32Array): Promise<null> {
  try {
    const records = job.records.map((record) => ({
      ...record,
      sections: record.sections ?? (record.text?.text.trim() ? parseStructure(record.text.text) : []),
      reading: record.reading !== undefined ? record.reading : readText(record.publication.kind, record.text?.text),
    }));
    await writeWhenFree(library.db, () => {
      saveDocuments(library.db, records);
      if (job.count) countUsage(library.db, job.count);
    });
    return null;
  } finally {
    Atomics.sub(waiting, 0, 1);
  }
}

if (parentPort && (workerData as WriterWorkerData | null)?.libraryDir) {
  const port = parentPort;
  const { libraryDir, savesWaiting } = workerData as WriterWorkerData;
  const opening = Library.open(libraryDir);
  const syncs = new Map<number, AbortController>();
  const relations = new AbortController();
  let reading: Promise<BackfillResult> | null = null;
  let readAgain: Promise<BackfillResult> | null = null;
  const readRelations = (library: Library): Promise<BackfillResult> => {
    if (!reading) {
      reading = readPendingRelations(library, { signal: relations.signal }).finally(() => {
        reading = null;
      });
      return reading;
    }
    readAgain ??= reading.catch(() => undefined).then(() => {
      readAgain = null;
      return readRelations(library);
    });
    return readAgain;
  };
  const answer = (id: number, work: (library: Library) => Promise<SyncResult | BackfillResult | null>) =>
    void opening.then(work).then(
      (value) => port.postMessage({ type: 'done', id, value } satisfies WriterReply),
      (error: unknown) => port.postMessage({ type: 'failed', id, failure: failureOf(error) } satisfies WriterReply),
    );
  port.on('message', (request: WriterRequest) => {
    if (request.type === 'stop') syncs.get(request.id)?.abort();
    else if (request.type === 'save') answer(request.id, (library) => save(library, request.job, savesWaiting));
    else if (request.type === 'relations') answer(request.id, readRelations);
    else if (request.type === 'sync') {
      const controller = new AbortController();
      syncs.set(request.id, controller);
      answer(request.id, (library) =>
        syncOnce(library, request.row, openSource(request.row.location, request.http), {
          now: new Date(request.now),
          signal: controller.signal,
          onProgress: (progress) => port.postMessage({ type: 'progress', id: request.id, progress } satisfies WriterReply),
          othersWaiting: () => Atomics.load(savesWaiting, 0) > 0,
        }).finally(() => syncs.delete(request.id)),
      );
    } else {
      for (const controller of syncs.values()) controller.abort();
      relations.abort();
      void opening.then((library) => library.close()).finally(() => port.postMessage({ type: 'closed' } satisfies WriterReply));
    }
  });
}

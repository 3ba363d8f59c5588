/**
 * The sync apply thread's body (./apply-thread.ts): it opens the library itself — its own
 * connection, its own temporary folder — and runs `syncOnce` for each run it is sent, posting
 * progress as it goes; a `stop` aborts the run between two transactions. Failures travel as
 * plain data and are rebuilt as the same errors on the other side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Library } from '../library.js';
import type { MessageRef } from '../../shared/messages.js';
import { SyncDiskFullError, SyncRefusedError, SyncStoppedError, syncOnce } from './apply.js';
import type { SyncProgress, SyncResult } from './apply.js';
import { openSource } from './source.js';
import type { HttpSourceOptions } from './source.js';
import type { SyncSourceRow } from './state.js';

export interface ApplyWorkerData {
  libraryDir: string;
}

export type ApplyRequest =
  | { type: 'run'; row: SyncSourceRow; http?: HttpSourceOptions; now: string }
  | { type: 'stop' }
  | { type: 'close' };

/** A failure as data: which error it was and what it said. */
export type ApplyFailure =
  | { kind: 'stopped' }
  | { kind: 'diskFull' }
  | { kind: 'refused'; code: SyncRefusedError['code']; reason: MessageRef }
  | { kind: 'other'; message: string; code?: string };

export type ApplyReply =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'done'; result: SyncResult }
  | { type: 'failed'; failure: ApplyFailure }
  | { type: 'closed' };

function failureOf(error: unknown): ApplyFailure {
  if (error instanceof SyncStoppedError) return { kind: 'stopped' };
  if (error instanceof SyncDiskFullError) return { kind: 'diskFull' };
  if (error instanceof SyncRefusedError) return { kind: 'refused', code: error.code, reason: error.reason };
  const code = (error as { code?: unknown } | null)?.code;
  return { kind: 'other', message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}

if (parentPort && (workerData as ApplyWorkerData | null)?.libraryDir) {
  const port = parentPort;
  const opening = Library.open((workerData as ApplyWorkerData).libraryDir);
  let controller: AbortController | null = null;
  port.on('message', (request: ApplyRequest) => {
    if (request.type === 'stop') controller?.abort();
    else if (request.type === 'close') {
      controller?.abort();
      void opening.then((library) => library.close()).finally(() => port.postMessage({ type: 'closed' } satisfies ApplyReply));
    } else {
      const run = new AbortController();
      controller = run;
      void opening
        .then((library) =>
          syncOnce(library, request.row, openSource(request.row.location, request.http), {
            now: new Date(request.now),
            signal: run.signal,
            onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies ApplyReply),
          }),
        )
        .then(
          (result) => port.postMessage({ type: 'done', result } satisfies ApplyReply),
          (error: unknown) => port.postMessage({ type: 'failed', failure: failureOf(error) } satisfies ApplyReply),
        )
        .finally(() => {
          if (controller === run) controller = null;
        });
    }
  });
}

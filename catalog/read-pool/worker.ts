/**
 * A read pool worker (./pool.ts): one read-only connection to the library's catalog, on which
 * it runs the reads it is sent, one at a time. WAL lets it read while the app's one writer
 * writes; it never waits for a lock. When a read found the search's counts stale it says so in
 * its reply, and the pool sends it a `refresh`, run over a writable connection opened for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import type { Db } from '../db/open.js';
import { AppError } from '../../shared/errors.js';
import type { ErrorCode, RaisedDetail } from '../../shared/errors.js';
import type { MessageRef } from '../../shared/messages.js';
import { refreshSearchModels } from '../search/refresh-models.js';
import { takeStale } from '../search/stale.js';
import { READ_TASKS } from './tasks.js';
import type { ReadTask } from './tasks.js';

export interface PoolJob {
  id: number;
  task: ReadTask | 'refresh';
  input: unknown;
}

export type PoolReply =
  | { id: number; ok: true; value: unknown; stale: boolean }
  | { id: number; ok: false; error: { app: { code: ErrorCode; ref: MessageRef; details?: RaisedDetail[] } | null; message: string }; stale: boolean };

export interface PoolWorkerData {
  database: string;
}

function run(db: Db, job: PoolJob): unknown {
  if (job.task === 'refresh') {
    const writer = openDatabase((workerData as PoolWorkerData).database);
    try {
      refreshSearchModels(writer);
    } finally {
      writer.close();
    }
    return null;
  }
  return (READ_TASKS[job.task] as (db: Db, input: unknown) => unknown)(db, job.input);
}

if (parentPort && (workerData as PoolWorkerData | null)?.database) {
  const port = parentPort;
  const db = openDatabase((workerData as PoolWorkerData).database, { readonly: true });
  port.on('message', (job: PoolJob) => {
    let reply: PoolReply;
    try {
      reply = { id: job.id, ok: true, value: run(db, job), stale: false };
    } catch (error) {
      const app = error instanceof AppError ? { code: error.code, ref: error.ref, details: error.details } : null;
      reply = { id: job.id, ok: false, error: { app, message: error instanceof Error ? error.message : String(error) }, stale: false };
    }
    reply.stale = takeStale();
    port.postMessage(reply);
  });
}

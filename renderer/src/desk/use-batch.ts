/**
 * One batch on screen: loaded through `desk.batch`, read again about once a second while a scan
 * or OCR job runs (pages arrive, progress moves), and replaced by the answer of each edit.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClientError } from '../../../shared/client.js';
import type { DeskBatch } from '../../../shared/desk.js';
import { asClientError, client } from '../client.js';

/** How often a running job is read again. */
const POLL_MS = 1000;

export interface BatchState {
  batch: DeskBatch | null;
  error: ClientError | null;
  /** Puts an edit's answer on screen (and starts polling again if a job was started). */
  show(batch: DeskBatch): void;
  reload(): void;
}

export function useBatch(batchId: string): BatchState {
  const [loaded, setLoaded] = useState<{ id: string; batch: DeskBatch } | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let current = true;
    client.call('desk.batch', { batchId }).then(
      (batch) => {
        if (!current) return;
        setError(null);
        setLoaded({ id: batchId, batch });
      },
      (thrown: unknown) => current && setError(asClientError(thrown)),
    );
    return () => {
      current = false;
    };
  }, [batchId, reads]);

  const batch = loaded?.id === batchId ? loaded.batch : null;
  const running = batch?.job?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setReads((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, loaded]);

  const show = useCallback((next: DeskBatch) => setLoaded({ id: next.id, batch: next }), []);
  const reload = useCallback(() => setReads((n) => n + 1), []);
  return { batch, error, show, reload };
}

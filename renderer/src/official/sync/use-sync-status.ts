/**
 * The sync status, read once and then about once a second while a sync runs (`sync.status`);
 * `onFinished` is told when a run ends, so the page can reload the history and the sources.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientError } from '../../../../shared/client.js';
import type { SyncStatus } from '../../../../shared/sync-status.js';
import { asClientError, client } from '../../client.js';

const POLL_MS = 1000;

export function useSyncStatus(onFinished: () => void): { status: SyncStatus | null; error: ClientError | null; set(status: SyncStatus): void } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const wasRunning = useRef(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const set = useCallback((next: SyncStatus) => {
    if (wasRunning.current && !next.running) finished.current();
    wasRunning.current = next.running;
    setStatus(next);
  }, []);

  const running = status?.running === true;
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await client.call('sync.status', {});
        if (!alive) return;
        setError(null);
        set(next);
        if (next.running) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (thrown) {
        if (alive) setError(asClientError(thrown));
      }
    };
    // While running, poll; when idle, read once (after mounting, or after a run ends).
    void poll();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [running, set]);

  return { status, error, set };
}

/**
 * Sending a staff form: busy while the call runs, the server's own translated message on
 * failure (a wrong password, a locked name, a taken user name), field errors for invalid input.
 */
import { useCallback, useState } from 'react';
import type { ClientError } from '../../../shared/client.js';
import { asClientError } from '../client.js';

export interface FormCall {
  busy: boolean;
  error: ClientError | null;
  run<T>(send: () => Promise<T>): Promise<T | undefined>;
}

export function useFormCall(): FormCall {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const run = useCallback(async <T,>(send: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await send();
    } catch (thrown) {
      setError(asClientError(thrown));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

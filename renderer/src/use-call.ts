/**
 * Calls one contract method while a component is shown, with a loading state, a typed
 * result or a ClientError, and a retry. A new input (another page, another sort) starts a
 * new call; a reply to an outdated call is dropped.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClientError } from '../../shared/client.js';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract.js';
import { asClientError, client } from './client.js';

export type CallState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ClientError };

interface Settled<T> {
  key: string;
  state: CallState<T>;
}

export function useCall<M extends MethodName>(method: M, input: InputOf<M>): CallState<OutputOf<M>> & { retry(): void } {
  const [attempt, setAttempt] = useState(0);
  // Inputs are plain JSON; comparing them as text lets callers pass a fresh object each render.
  const inputJson = JSON.stringify(input);
  const key = `${method} ${inputJson} #${attempt}`;
  const [settled, setSettled] = useState<Settled<OutputOf<M>> | null>(null);

  useEffect(() => {
    let current = true;
    client.call(method, JSON.parse(inputJson) as InputOf<M>).then(
      (data) => current && setSettled({ key, state: { status: 'ok', data } }),
      (error: unknown) => current && setSettled({ key, state: { status: 'error', error: asClientError(error) } }),
    );
    return () => {
      current = false;
    };
  }, [method, inputJson, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: CallState<OutputOf<M>> = settled?.key === key ? settled.state : { status: 'loading' };
  return { ...state, retry };
}

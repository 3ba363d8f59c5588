/**
 * The typed client the renderer uses. A transport (IPC in Electron, HTTP in a browser) moves
 * envelopes; this turns them into results or thrown ClientErrors, with types from the contract.
 */
import type { Envelope, ErrorCode, ErrorDetail } from './errors.js';
import type { InputOf, MethodName, OutputOf } from './contract.js';

export interface Transport {
  readonly kind: 'ipc' | 'http';
  send(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
}

export class ClientError extends Error {
  readonly code: ErrorCode | 'offline';
  readonly details?: ErrorDetail[];

  constructor(code: ErrorCode | 'offline', message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
    this.details = details;
  }
}

export interface Client {
  readonly transport: Transport['kind'];
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

export function createClient(transport: Transport): Client {
  return {
    transport: transport.kind,
    async call(method, input) {
      const envelope = await transport.send(method, input);
      if (!envelope.ok) throw new ClientError(envelope.error.code, envelope.error.message, envelope.error.details);
      return envelope.result as never;
    },
  };
}

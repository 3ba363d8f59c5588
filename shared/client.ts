/**
 * The typed client the renderer uses. A transport (IPC in Electron, HTTP in a browser) moves
 * envelopes; this turns them into results or thrown ClientErrors, with types from the contract.
 */
import type { Envelope, ErrorCode, ErrorDetail, WireError } from './errors.js';
import { isMessageRef } from './messages.js';
import type { MessageRef } from './messages.js';
import type { InputOf, MethodName, OutputOf } from './contract.js';

export interface Transport {
  readonly kind: 'ipc' | 'http';
  send(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
}

export class ClientError extends Error {
  readonly code: ErrorCode | 'offline';
  readonly details?: ErrorDetail[];
  /** The engine's message by reference, when it sent one (a screen says it in its own language). */
  readonly ref?: MessageRef;

  constructor(code: ErrorCode | 'offline', message: string, details?: ErrorDetail[], ref?: MessageRef) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
    this.details = details;
    this.ref = ref;
  }

  static fromWire(error: WireError): ClientError {
    const ref = { key: error.key, ...(error.params ? { params: error.params } : {}) };
    return new ClientError(error.code, error.message, error.details, isMessageRef(ref) ? ref : undefined);
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
      if (!envelope.ok) throw ClientError.fromWire(envelope.error);
      return envelope.result as never;
    },
  };
}

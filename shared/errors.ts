/**
 * Errors that cross the contract: a stable code, the message as a reference (a key and its
 * parameters, shared/messages.ts), optional details for invalid input, and the wire envelope both
 * transports use. The engine raises references; `callMethod` puts them into the caller's words.
 */
import { bilingual, say } from './messages.js';
import type { Language, MessageKey, MessageParams, MessageRef } from './messages.js';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'forbidden',
  'bad_request',
  /** Already there: a user name taken, a document already in the catalog. */
  'conflict',
  /** Too many attempts (failed sign-ins): wait and try again. */
  'rate_limited',
  /** Something the station needs is missing or busy (a program not installed, a scanner gone). */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  path: string;
  message: string;
}

/** A detail as the engine raises it: words already made in the caller's language (input validation) or a reference. */
export type RaisedDetail = ErrorDetail | { path: string; ref: MessageRef };

export interface WireError {
  code: ErrorCode;
  /** The message in the caller's language. */
  message: string;
  /** The message by reference, so a screen can say it again in another language. */
  key?: MessageKey;
  params?: MessageParams;
  details?: ErrorDetail[];
}

/** What a transport carries back for one call: a result or an error, never a stack trace. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: WireError };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly ref: MessageRef;
  readonly details?: RaisedDetail[];

  /** `message` (for logs and the CLI) is the reference in both languages. */
  constructor(code: ErrorCode, ref: MessageRef, details?: RaisedDetail[], options?: { cause?: unknown }) {
    super(bilingual(ref), options);
    this.name = 'AppError';
    this.code = code;
    this.ref = ref;
    this.details = details;
  }

  toWire(lang: Language): WireError {
    return {
      code: this.code,
      message: say(lang, this.ref),
      key: this.ref.key,
      ...(this.ref.params ? { params: this.ref.params } : {}),
      ...(this.details ? { details: this.details.map((d) => ('ref' in d ? { path: d.path, message: say(lang, d.ref) } : d)) } : {}),
    };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

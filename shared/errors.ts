/**
 * Errors that cross the contract: a stable code (translated by the UI through messages.ts),
 * optional details for invalid input, and the wire envelope both transports use.
 */

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

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

/** What a transport carries back for one call: a result or an error, never a stack trace. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: WireError };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

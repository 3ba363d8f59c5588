/**
 * Security headers shared by the HTTP server and Electron's app:// protocol: a strict CSP for
 * the UI (no unsafe-eval, no remote origins) and a sandboxing CSP for served files; and the error
 * envelope both answer with, worded in the language the request asks for.
 */
import { AppError } from '../../shared/errors.js';
import type { ErrorCode, WireError } from '../../shared/errors.js';
import { languageFromAcceptHeader } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';

export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Files (PDF, EPUB, covers) never run as a page of the app's origin. */
export const FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export function jsonResponse(body: unknown, status: number, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...COMMON_HEADERS, ...extra },
  });
}

/** An error in the wire envelope shape every transport uses. */
export function errorResponse(error: WireError, status: number, extra: Record<string, string> = {}): Response {
  return jsonResponse({ ok: false, error }, status, extra);
}

/** An error outside the contract (a 404, a 405, a limit, a hub's refusal) in the request's language (Accept-Language). */
export function wireErrorFor(request: Request, code: ErrorCode, ref: MessageRef): WireError {
  return new AppError(code, ref).toWire(languageFromAcceptHeader(request.headers.get('accept-language')));
}

/** A refusal outside the contract, as a response in the wire envelope. */
export function refusalResponse(request: Request, status: number, code: ErrorCode, ref: MessageRef, extra: Record<string, string> = {}): Response {
  return errorResponse(wireErrorFor(request, code, ref), status, extra);
}

/** 405: this address takes only these methods ("GET, HEAD"). */
export function methodNotAllowed(request: Request, methods: string): Response {
  return refusalResponse(request, 405, 'bad_request', { key: 'http.methods', params: { methods } }, { Allow: methods });
}

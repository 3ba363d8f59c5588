/**
 * Calling a contract method at a transport boundary: look the method up, check the caller's
 * role, validate the input, run the handler, and wrap the outcome in an envelope. IPC and
 * HTTP both go through `callMethod`, so their checks cannot drift apart.
 */
import { z } from 'zod';
import { AppError } from './errors.js';
import type { Envelope } from './errors.js';
import type { Access, ContractTable, ParsedInputOf } from './contract.js';
import type { Role } from './domain.js';
import type { StaffUser } from './accounts.js';
import type { Language } from './messages.js';

/** How an auth method starts or ends the caller's session on its transport (a cookie, a window). */
export interface SessionPort {
  /** The session token the caller presented, if any. */
  token: string | null;
  start(token: string, expiresAt: string): void;
  end(): void;
}

export interface CallContext {
  /** The caller's role: its signed-in user's, or 'anyone'. */
  role: Role;
  transport: 'ipc' | 'http';
  lang: Language;
  /** The signed-in staff member, if any. */
  user?: StaffUser | null;
  session?: SessionPort;
  /** False for a caller that may not sign in (a phone on the LAN unless officials allowed staff there). */
  staffAllowed?: boolean;
  /** A device on the LAN, by its address (IPv6 by /64); absent for the station itself (its kiosk window or browser). */
  client?: string;
  /** That device's reading session, issued by this station with the page it loaded (catalog/http/device-sessions.ts); absent without one. */
  device?: string;
}

export type Handlers<C extends ContractTable> = {
  [M in keyof C]: (input: ParsedInputOf<C, M>, ctx: CallContext) => C[M]['output'] | Promise<C[M]['output']>;
};

const RANK: Record<Role, number> = { anyone: 0, librarian: 1, official: 2 };

export function mayCall(access: Access, role: Role): boolean {
  return RANK[role] >= RANK[access];
}

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

/** Validates, checks access and runs one call. Throws AppError; other errors are bugs. */
export async function runMethod<C extends ContractTable>(
  table: C,
  handlers: Handlers<C>,
  name: string,
  rawInput: unknown,
  ctx: CallContext,
): Promise<unknown> {
  if (!Object.hasOwn(table, name)) {
    throw new AppError('unknown_method', { key: 'error.unknown_method' });
  }
  const spec = table[name];
  if (!mayCall(spec.access, ctx.role)) {
    throw new AppError('forbidden', { key: 'error.forbidden' });
  }
  const parsed = spec.input.safeParse(rawInput ?? {}, { error: zodLocales[ctx.lang].localeError });
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(input)',
      message: issue.message,
    }));
    throw new AppError('invalid_input', { key: 'error.invalid_input' }, details);
  }
  return handlers[name](parsed.data as ParsedInputOf<C, typeof name>, ctx);
}

/**
 * Runs a call and always returns an envelope: the one place an error's reference becomes words,
 * in the caller's language. Unexpected errors are reported to `onInternal` (for the log) and
 * reach the caller only as an "internal" error.
 */
export async function callMethod<C extends ContractTable>(
  table: C,
  handlers: Handlers<C>,
  name: string,
  rawInput: unknown,
  ctx: CallContext,
  onInternal: (error: unknown) => void,
): Promise<Envelope<unknown>> {
  try {
    return { ok: true, result: await runMethod(table, handlers, name, rawInput, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toWire(ctx.lang) };
    onInternal(error);
    return { ok: false, error: new AppError('internal', { key: 'error.internal' }).toWire(ctx.lang) };
  }
}

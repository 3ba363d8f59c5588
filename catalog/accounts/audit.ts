/**
 * The audit log: who changed what and when. Every contract method marked `audited` is logged
 * after it succeeds, with its input in short (secrets left out); sign-ins, failed sign-ins and
 * sign-outs are logged by the account handlers. Officials read it through `audit.list`.
 */
import type { Handlers } from '../../shared/call.js';
import type { ContractTable } from '../../shared/contract.js';
import type { AuditEntry, StaffUser } from '../../shared/accounts.js';
import type { Page } from '../../shared/domain.js';
import { vnFold } from '../../shared/text.js';
import type { Db } from '../db/open.js';

const SECRET_KEYS = /password|current|next|token|key$/i;
const DETAIL_MAX = 500;

/** The input of a call as one short line, with secrets replaced. */
export function describeInput(input: unknown): string {
  const text = JSON.stringify(input ?? {}, (key, value: unknown) => (key && SECRET_KEYS.test(key) && typeof value === 'string' ? '***' : value));
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text;
}

export function recordAudit(db: Db, user: Pick<StaffUser, 'id' | 'username'> | null, action: string, detail: string, at = new Date()): void {
  db.prepare('INSERT INTO audit_log (at, user_id, username, action, detail) VALUES (?, ?, ?, ?, ?)').run(
    at.toISOString(),
    user?.id ?? null,
    user?.username ?? null,
    action,
    detail,
  );
}

export interface AuditQuery {
  q: string;
  userId?: number;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  detail: string;
}

/** Newest first; words match the action, the detail or the user name, with or without diacritics. */
export function listAudit(db: Db, query: AuditQuery): Page<AuditEntry> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.userId !== undefined) {
    where.push('user_id = ?');
    params.push(query.userId);
  }
  if (query.from) {
    where.push('at >= ?');
    params.push(query.from);
  }
  if (query.to) {
    where.push('at < ?');
    params.push(new Date(Date.parse(query.to) + 86_400_000).toISOString().slice(0, 10));
  }
  const rows = db.prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`).all(...params) as AuditRow[];
  const words = vnFold(query.q).split(/\s+/).filter(Boolean);
  const matching = words.length
    ? rows.filter((row) => {
        const text = vnFold(`${row.action} ${row.username ?? ''} ${row.detail}`);
        return words.every((word) => text.includes(word));
      })
    : rows;
  return {
    total: matching.length,
    offset: query.offset,
    limit: query.limit,
    items: matching.slice(query.offset, query.offset + query.limit).map((row) => ({
      id: row.id,
      at: row.at,
      userId: row.user_id,
      username: row.username,
      action: row.action,
      detail: row.detail,
    })),
  };
}

/** Wraps the handlers of `audited` methods so each success is logged with the caller. */
export function withAudit<C extends ContractTable>(table: C, db: Db, handlers: Handlers<C>): Handlers<C> {
  const wrapped = { ...handlers };
  for (const name of Object.keys(table) as (keyof C & string)[]) {
    if (!table[name].audited) continue;
    const handler = handlers[name];
    wrapped[name] = (async (input, ctx) => {
      const result = await handler(input, ctx);
      recordAudit(db, ctx.user ?? null, name, describeInput(input));
      return result;
    }) as Handlers<C>[typeof name];
  }
  return wrapped;
}

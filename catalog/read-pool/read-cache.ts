/**
 * The reads every screen asks first — facet counts and the browse page of an empty query, the
 * first pages of the catalog, the most read — answered once per state of the catalog: a result
 * is kept until any connection commits a change (PRAGMA data_version, and this connection's own
 * total_changes()) or for at most a minute. Concurrent identical reads share one computation.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { ReadInput, ReadOutput, ReadTask } from './tasks.js';

const MAX_ENTRIES = 64;
const MAX_AGE_MS = 60_000;

/** Whether a read is one of the catalog-wide ones worth keeping. */
function cacheable(task: ReadTask, input: unknown): boolean {
  if (task === 'publications.list' || task === 'publications.mostRead') return true;
  if (task === 'facets' || task === 'search') return !(input as { q: string }).q.trim();
  return false;
}

export class ReadCache {
  private readonly entries = new Map<string, { version: string; at: number; value: Promise<unknown> }>();

  constructor(private readonly db: Db) {}

  read<T extends ReadTask>(task: T, input: ReadInput<T>, compute: () => Promise<ReadOutput<T>>): Promise<ReadOutput<T>> {
    if (!cacheable(task, input)) return compute();
    const key = `${task} ${JSON.stringify(input)}`;
    const version = this.version();
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < MAX_AGE_MS) return hit.value as Promise<ReadOutput<T>>;
    const value = compute();
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { version, at: now, value });
    // A failed read is not kept.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  private version(): string {
    return `${this.db.pragma('data_version', { simple: true }) as number}:${statement(this.db, 'SELECT total_changes() AS n').pluck().get() as number}`;
  }
}

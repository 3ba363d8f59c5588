/**
 * Opens the catalog database: WAL journal, foreign keys, a busy timeout, then every pending
 * migration, each in its own transaction. A database from a newer version of the app is
 * refused rather than damaged.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors.js';
import type { Database as DatabaseType } from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import type { Migration } from './migrations.js';

export type Db = DatabaseType;

export class NewerSchemaError extends AppError {
  constructor(found: number, known: number) {
    super('unavailable', { key: 'feed.newerSchema', params: { found, known } });
    this.name = 'NewerSchemaError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations above the database's version, in order, each atomically. Each takes the
 * write lock first and reads the version again under it: two processes opening a new library at
 * once (two imports) apply each migration once, the second finding it done.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > known) throw new NewerSchemaError(current, known);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      migration.after?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

/** How long a write waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/** 256 MiB of address space per reader; 32-bit builds have little to spare. */
const READER_MMAP_BYTES = process.arch === 'ia32' ? 0 : 256 * 1024 * 1024;

export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    // Readers map the file (pages read as memory, not one read() each): searches read kilobytes
    // from texts spread over many pages. Writers keep plain I/O (a failed write must stay an error).
    if (options.readonly) db.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

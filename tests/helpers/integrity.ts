/**
 * A library's catalog checked as the app would find it on its next start: `integrity_check` on a
 * fresh read-only connection. (On a connection that has not written since another connection —
 * the sync apply thread, a CLI import — changed an FTS5 index, SQLite's check reads that index's
 * cached structure and reports "fts5: corruption found" although the file is sound; any query on
 * that connection refreshes the cache.)
 */
import Database from 'better-sqlite3';
import type { Library } from '../../catalog/library.js';

export function integrityOf(library: Library): string {
  const db = new Database(library.layout.database, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/**
 * The `settings` table, key by key: one home for reading, writing and removing a setting, used by
 * the Library and by the engine modules that hold only a database handle.
 */
import type { Db } from './open.js';
import { statement } from './statements.js';

export function readSetting(db: Db, key: string): string | null {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(db: Db, key: string, value: string): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function removeSetting(db: Db, key: string): void {
  statement(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NewerSchemaError, migrate, openDatabase, schemaVersion } from '../../../catalog/db/open.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../catalog/db/migrations.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('database migrations', () => {
  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('creates a fresh database at the latest schema, in WAL mode with foreign keys', () => {
    const file = path.join(tempDir(), 'catalog.sqlite');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['publications', 'files', 'publication_files', 'settings', 'relations', 'relation_readings']));
    db.close();
  });

  it('reopens without re-running migrations and keeps the data', () => {
    const file = path.join(tempDir(), 'catalog.sqlite');
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('v');
    expect(schemaVersion(second)).toBe(SCHEMA_VERSION);
    second.close();
  });

  it('applies only the pending migrations of an older database', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (y INTEGER);' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    db.prepare('INSERT INTO a VALUES (7)').run();
    expect(migrate(db, steps)).toBe(2);
    expect(db.prepare('SELECT x FROM a').pluck().get()).toBe(7);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(1);
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE half (y INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  });

  it('indexes the publications of a version 1 library when it is upgraded', () => {
    const file = path.join(tempDir(), 'catalog.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare(
      `INSERT INTO publications (id, kind, title, title_sort, number, number_key, created_at, updated_at)
       VALUES ('luat-dat-dai', 'legal', 'Luật Đất đai', 'luat dat dai', '31/2024/QH15', '31/2024/qh15', 'now', 'now')`,
    ).run();
    old.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT title_key FROM publications WHERE id = 'luat-dat-dai'").pluck().get()).toBe('luat dat dai');
    const hit = db.prepare(`SELECT sd.publication_id FROM meta_fts JOIN search_docs sd ON sd.rowid = meta_fts.rowid WHERE meta_fts MATCH 'dat'`).pluck().all();
    expect(hit).toEqual(['luat-dat-dai']);
    db.close();
  });

  it('refuses a database written by a newer app, untouched', () => {
    const file = path.join(tempDir(), 'catalog.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(NewerSchemaError);
    const check = new Database(file);
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION + 1);
    check.close();
  });
});

/**
 * Writing while another process holds the write lock (catalog/db/without-waiting.ts): the write
 * waits without holding the thread — timers keep firing — and lands once the lock is free.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../../catalog/db/open.js';
import { tryWrite, writeWhenFree } from '../../../catalog/db/without-waiting.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('writes that never block the thread on the lock', () => {
  it('tries once without waiting, then writes when the other process lets go, the event loop free meanwhile', async () => {
    const file = path.join(tempDir('without-waiting-'), 'catalog.sqlite');
    const db = openDatabase(file);
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    const write = () => db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    const started = performance.now();
    expect(tryWrite(db, write)).toEqual({ done: false });
    // Did not sit out the busy timeout (5 s) first: half of it is a margin no busy machine uses up.
    expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS / 2);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    setTimeout(() => other.prepare('COMMIT').run(), 300);
    await writeWhenFree(db, write);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(10);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('v');
    other.close();
    db.close();
  });
});

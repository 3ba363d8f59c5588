/**
 * What a LAN device may do to the station's counts and work (issue 13): counts only within what a
 * real reader can do, its calls one at a time within a budget, and counting that never makes a
 * reader wait for the database.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation } from '../../catalog/station.js';
import type { RunningStation } from '../../catalog/station.js';
import { WorkBudget } from '../../catalog/http/work-budget.js';
import { DeferredWrites } from '../../catalog/db/deferred-writes.js';
import { countUsage } from '../../catalog/usage.js';
import { callFrom, loopbackClients } from '../helpers/lan-client.js';
import { tempDir } from '../helpers/temp-dir.js';

let station: RunningStation;
let base: string;
const usage = (counter: string) =>
  (station.library.db.prepare('SELECT coalesce(sum(count), 0) FROM usage_days WHERE counter = ?').pluck().get(counter) as number);
const reads = () => station.library.db.prepare('SELECT coalesce(sum(count), 0) FROM reads').pluck().get() as number;
const fromStation = (method: string, input: unknown) => fetch(`${base}/api/${method}`, { method: 'POST', body: JSON.stringify(input) }).then((r) => r.json() as Promise<{ ok: boolean; result: unknown }>);

beforeAll(async () => {
  station = await startStation({ libraryDir: tempDir('lan-limits-'), host: '127.0.0.1', port: 0, demo: true });
  base = station.server.url;
}, 60_000);
afterAll(async () => station?.close());

describe('counts from the LAN', () => {
  it('takes only what a real reader can do: no printed pages or kiosk sessions, one phone session, a few openings', async () => {
    const [phone] = loopbackClients(40, 1);
    const id = (station.library.db.prepare('SELECT id FROM publications LIMIT 1').pluck().get() as string);
    for (let i = 0; i < 10; i += 1) {
      await callFrom(phone, base, 'usage.record', { counter: 'page_printed', n: 500 });
      await callFrom(phone, base, 'usage.record', { counter: 'kiosk_session' });
      await callFrom(phone, base, 'usage.record', { counter: 'phone_session' });
      await callFrom(phone, base, 'reading.record', { id });
      await callFrom(phone, base, 'reading.record', { id });
    }
    // The kiosk itself prints and starts sessions.
    expect((await fromStation('usage.record', { counter: 'page_printed', n: 5 })).result).toEqual({ recorded: true });
    expect((await fromStation('usage.record', { counter: 'kiosk_session' })).result).toEqual({ recorded: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(usage('page_printed')).toBe(5);
    expect(usage('kiosk_session')).toBe(1);
    expect(usage('phone_session')).toBe(1);
    expect(reads()).toBeLessThanOrEqual(4);
    expect(reads()).toBeGreaterThan(0);
  });
});

describe('work from the LAN', () => {
  it('runs one device’s calls one at a time and refuses what waits beyond a few', async () => {
    const [phone] = loopbackClients(60, 1);
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => callFrom(phone, base, 'search', { q: `hợp đồng lao động ${i}`, facets: true })));
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  });

  it('refuses a device whose budget of work is spent until it refills', async () => {
    let now = 0;
    const budget = new WorkBudget({ maxWaiting: 4, msPerSecond: 100, burstMs: 1_000 }, () => now);
    const work = (ms: number) => () => {
      now += ms;
      return Promise.resolve('done');
    };
    expect(await budget.run('phone', work(900))).toEqual({ ok: true, value: 'done' });
    expect(await budget.run('phone', work(300))).toEqual({ ok: true, value: 'done' });
    // 1,200 ms used of 1,000: refused, told to wait 2 s…
    expect(await budget.run('phone', work(10))).toEqual({ ok: false, retryAfterSeconds: 2 });
    // …while another device is not.
    expect(await budget.run('other', work(10))).toEqual({ ok: true, value: 'done' });
    now += 3_000;
    expect(await budget.run('phone', work(10))).toEqual({ ok: true, value: 'done' });
  });
});

describe('counting never makes a reader wait', () => {
  it('answers a search at once while another process holds the write lock, and counts it after', async () => {
    const other = new Database(station.library.layout.database);
    const before = usage('search');
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const started = performance.now();
      const answer = await fromStation('search', { q: 'thuế thu nhập', limit: 5 });
      expect(answer.ok).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      other.prepare('COMMIT').run();
      other.close();
    }
    for (let i = 0; i < 40 && usage('search') === before; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(usage('search')).toBe(before + 1);
  });

  it('keeps the other counts when one cannot be written, and never throws', async () => {
    const errors: unknown[] = [];
    const writes = new DeferredWrites(station.library.db, (_message, error) => void errors.push(error));
    const before = usage('phone_session');
    writes.add((db) => countUsage(db, 'phone_session', 2));
    writes.add((db) => countUsage(db, 'phone_session', 1, new Date('invalid')));
    writes.add((db) => countUsage(db, 'phone_session', 3));
    writes.close();
    expect(usage('phone_session')).toBe(before + 5);
    expect(errors).toHaveLength(1);
  });
});


/**
 * What a LAN device may do to the station's counts and work (issue 13): counts only from a reading
 * session the station issued with its page, and only within what a real reader can do; its calls
 * one at a time within a budget; counting that never makes a reader wait for the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { WorkBudget } from '../../../catalog/http/work-budget.js';
import { DeferredWrites } from '../../../catalog/db/deferred-writes.js';
import { BUSY_TIMEOUT_MS } from '../../../catalog/db/open.js';
import { countUsage } from '../../../catalog/usage.js';
import { callFrom, loopbackClients, pageFrom } from '../../helpers/lan-client.js';
import { tempDir } from '../../helpers/temp-dir.js';

let station: RunningStation;
let base: string;
const usage = (counter: string) =>
  (station.library.db.prepare('SELECT coalesce(sum(count), 0) FROM usage_days WHERE counter = ?').pluck().get(counter) as number);
const reads = () => station.library.db.prepare('SELECT coalesce(sum(count), 0) FROM reads').pluck().get() as number;
const fromStation = (method: string, input: unknown) => fetch(`${base}/api/${method}`, { method: 'POST', body: JSON.stringify(input) }).then((r) => r.json() as Promise<{ ok: boolean; result: unknown }>);

beforeAll(async () => {
  // The page phones load (the built renderer's shape: an index and its scripts).
  const rendererDir = tempDir('lan-limits-ui-');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'document.body.textContent = "Tủ sách";');
  station = await startStation({ libraryDir: tempDir('lan-limits-'), host: '127.0.0.1', port: 0, demo: true, rendererDir });
  base = station.server.url;
});
afterAll(async () => station?.close());

describe('counts from the LAN', () => {
  it('takes only what a real reader can do: no printed pages or kiosk sessions, one phone session, a few openings', async () => {
    const [phone] = loopbackClients(40, 1);
    const [cookie] = (await pageFrom(phone, base)).cookies;
    const id = (station.library.db.prepare('SELECT id FROM publications LIMIT 1').pluck().get() as string);
    for (let i = 0; i < 10; i += 1) {
      await callFrom(phone, base, 'usage.record', { counter: 'page_printed', n: 500 }, cookie);
      await callFrom(phone, base, 'usage.record', { counter: 'kiosk_session' }, cookie);
      await callFrom(phone, base, 'usage.record', { counter: 'phone_session' }, cookie);
      await callFrom(phone, base, 'reading.record', { id }, cookie);
      await callFrom(phone, base, 'reading.record', { id }, cookie);
    }
    // The kiosk itself prints and starts sessions.
    expect((await fromStation('usage.record', { counter: 'page_printed', n: 5 })).result).toEqual({ recorded: true });
    expect((await fromStation('usage.record', { counter: 'kiosk_session' })).result).toEqual({ recorded: true });
    // The kiosk's own count, written after the phone's calls (counts are written in the order they come), is in: so are theirs.
    await vi.waitFor(() => expect(usage('kiosk_session')).toBe(1), { timeout: 60_000 });
    expect(usage('page_printed')).toBe(5);
    expect(usage('kiosk_session')).toBe(1);
    expect(usage('phone_session')).toBe(1);
    expect(reads()).toBeLessThanOrEqual(4);
    expect(reads()).toBeGreaterThan(0);
  });
});

describe('reading sessions of the LAN', () => {
  it('are issued with the page to a LAN device (not to the station itself), as an HttpOnly, SameSite cookie', async () => {
    const [phone] = loopbackClients(45, 1);
    const page = await pageFrom(phone, base);
    expect(page.status).toBe(200);
    expect(page.setCookie).toHaveLength(1);
    expect(page.setCookie[0]).toMatch(/^bookshelf_device=[\w.-]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    // The same device with its session loads the page again: nothing new; the station's own browser gets none.
    const again = await fetch(`${base}/`, { headers: { cookie: page.cookies[0] } });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await pageFrom('127.0.0.1', base)).setCookie).toEqual([]);
    // Scripts and styles start none.
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${base}/`)).text())?.[1];
    expect(asset).toBeDefined();
    expect((await pageFrom(phone, base, asset)).setCookie).toEqual([]);
  });

  it('are needed for any count from the LAN: a bare request or a forged session counts nothing', async () => {
    const [bare, forger, reader] = loopbackClients(50, 3);
    const id = station.library.db.prepare('SELECT id FROM publications LIMIT 1').pluck().get() as string;
    const before = { search: usage('search'), phone: usage('phone_session'), reads: reads() };
    const [genuine] = (await pageFrom(reader, base)).cookies;
    const forged = genuine.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    for (const [address, cookie] of [[bare, undefined], [forger, forged]] as const) {
      expect((await callFrom(address, base, 'search', { q: 'thuế thu nhập' }, cookie)).status).toBe(200);
      await callFrom(address, base, 'usage.record', { counter: 'phone_session' }, cookie);
      await callFrom(address, base, 'reading.record', { id }, cookie);
    }
    // The same calls with the session the station issued are counted; written after the forged
    // ones (counts are written in the order they come), they show that those were not.
    await callFrom(reader, base, 'search', { q: 'thuế thu nhập' }, genuine);
    await callFrom(reader, base, 'usage.record', { counter: 'phone_session' }, genuine);
    await callFrom(reader, base, 'reading.record', { id }, genuine);
    await vi.waitFor(() => expect(reads()).toBe(before.reads + 1), { timeout: 60_000 });
    expect({ search: usage('search'), phone: usage('phone_session'), reads: reads() }).toEqual({ search: before.search + 1, phone: before.phone + 1, reads: before.reads + 1 });
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
      // Answered while the lock is still held, the count not yet written…
      expect(usage('search')).toBe(before);
      // …and without first sitting out the database's busy timeout: half of it is a margin no busy machine uses up.
      expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS / 2);
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


/**
 * `npm run bench`: speed and memory of the foundation, each beside a baseline measured in the
 * same run — demo load against copying the same files, `publications.list` over HTTP against the
 * same SQL on a raw better-sqlite3 handle, and file serving against reading the file from disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startStation } from '../../catalog/station.js';
import { DEMO_DIR } from '../../catalog/package-root.js';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-'));
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`;
}

const rows: [string, string, string][] = [];

// 1. First start on an empty library (open, migrate, load the demo set, listen) vs copying the demo files.
const copyDir = tmp();
const [copyMs] = await time(() => {
  for (const name of fs.readdirSync(DEMO_DIR)) fs.copyFileSync(path.join(DEMO_DIR, name), path.join(copyDir, name));
});
const libraryDir = tmp();
const [startMs, station] = await time(() => startStation({ libraryDir, host: '127.0.0.1', port: 0, demo: true }));
rows.push(['first start with demo set', `${startMs.toFixed(0)} ms`, `copy the demo files: ${copyMs.toFixed(0)} ms`]);

// 2. publications.list (20 items, title order) over HTTP vs the same query on a raw handle.
const url = `${station.server.url}/api/publications.list`;
const http: number[] = [];
for (let i = 0; i < 300; i += 1) {
  const body = JSON.stringify({ offset: (i * 7) % 30, limit: 20, sort: i % 2 ? 'title' : 'issued' });
  const [ms] = await time(async () => (await fetch(url, { method: 'POST', body })).json());
  http.push(ms);
}
const raw = new Database(path.join(libraryDir, 'catalog.sqlite'), { readonly: true });
const statement = raw.prepare('SELECT * FROM publications ORDER BY title_sort LIMIT 20 OFFSET ?');
const direct: number[] = [];
for (let i = 0; i < 300; i += 1) direct.push((await time(() => statement.all((i * 7) % 30)))[0]);
raw.close();
rows.push(['publications.list over HTTP', percentiles(http), `raw SQLite query: ${percentiles(direct)}`]);

// 3. A 600 KB PDF over HTTP vs reading it from disk.
const pdf = path.join(DEMO_DIR, 'nghi-dinh-so-158-2025-nd-cp-45240.pdf');
const served: number[] = [];
const read: number[] = [];
for (let i = 0; i < 50; i += 1) {
  served.push((await time(async () => (await fetch(`${station.server.url}/publications/nghi-dinh-so-158-2025-nd-cp-45240/file`)).arrayBuffer()))[0]);
  read.push((await time(() => fs.readFileSync(pdf)))[0]);
}
rows.push(['600 KB PDF over HTTP', percentiles(served), `fs.readFileSync: ${percentiles(read)}`]);

const rss = process.memoryUsage().rss / 1024 / 1024;
rows.push(['resident memory after the runs', `${rss.toFixed(0)} MB`, '—']);

await station.close();
for (const dir of [copyDir, libraryDir]) fs.rmSync(dir, { recursive: true, force: true });

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'measure'.padEnd(width)} | bookshelf | baseline (same run)`);
for (const [name, value, baseline] of rows) console.log(`${name.padEnd(width)} | ${value} | ${baseline}`);

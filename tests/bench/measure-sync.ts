/**
 * Child process of the sync benchmark (tests/bench/sync-apply.ts): an empty station applies the
 * generated snapshot, then the page of 1,000 changes; then the baselines (the same lines into a
 * bare SQLite table). Prints the figures as JSON; the peak RSS is read right after the snapshot.
 * Beside each wall-clock time, the CPU time of the process (user + system) over the same span: on
 * a machine shared with other work, the one that says what the apply itself costs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Library } from '../../catalog/library.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { getSource } from '../../catalog/sync/sources.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { readSnapshotLines } from '../../catalog/feed/snapshot-file.js';
import type { FeedPage } from '../../catalog/feed/pages.js';
import type { FeedRoot } from '../../catalog/feed/root.js';

const [dir, first, second, publicKeyPath] = process.argv.slice(2);
const library = await Library.open(path.join(dir, 'station'));
const id = Number(
  library.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(first, JSON.stringify([fs.readFileSync(publicKeyPath, 'utf8')])).lastInsertRowid,
);
const startRssMB = process.memoryUsage().rss / 1024 / 1024;
/** CPU milliseconds (user + system) since `from`. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

let start = performance.now();
let cpu = process.cpuUsage();
const snapshot = await syncOnce(library, getSource(library, id), new FolderSource(first));
const snapshotSeconds = (performance.now() - start) / 1000;
const snapshotCpuSeconds = cpuMs(cpu) / 1000;
const snapshotPeakRssMB = process.resourceUsage().maxRSS / 1024;

start = performance.now();
cpu = process.cpuUsage();
const page = await syncOnce(library, getSource(library, id), new FolderSource(second));
const pageMs = performance.now() - start;
const pageCpuMs = cpuMs(cpu);
if (snapshot.status !== 'applied' || page.status !== 'applied' || page.deleted !== 100) throw new Error(`unexpected sync results ${JSON.stringify([snapshot, page])}`);
library.close();

// Baselines: the same snapshot lines parsed and inserted into a bare table; the page's ops likewise.
const bare = new Database(path.join(dir, 'bare.sqlite'));
bare.pragma('journal_mode = WAL');
bare.exec('CREATE TABLE p (id TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT');
const insert = bare.prepare('INSERT OR REPLACE INTO p (id, doc) VALUES (?, ?)');
const remove = bare.prepare('DELETE FROM p WHERE id = ?');
const root = JSON.parse(fs.readFileSync(path.join(second, 'root.json'), 'utf8')) as FeedRoot;
start = performance.now();
cpu = process.cpuUsage();
bare.transaction(() => {
  let header = true;
  for (const line of readSnapshotLines(path.join(first, root.snapshot!.path))) {
    if (!header) insert.run((JSON.parse(line.text) as { id: string }).id, line.text);
    header = false;
  }
})();
const bareSnapshotSeconds = (performance.now() - start) / 1000;
const bareSnapshotCpuSeconds = cpuMs(cpu) / 1000;
start = performance.now();
cpu = process.cpuUsage();
const ops = (JSON.parse(fs.readFileSync(path.join(second, root.pages[0].path), 'utf8')) as FeedPage).ops;
bare.transaction(() => {
  for (const op of ops) {
    if (op.op === 'put') insert.run(op.publication.id, JSON.stringify(op.publication));
    else remove.run(op.id);
  }
})();
const barePageMs = performance.now() - start;
const barePageCpuMs = cpuMs(cpu);
bare.close();

process.stdout.write(
  `${JSON.stringify({
    snapshotSeconds,
    snapshotCpuSeconds,
    snapshotPerSecond: snapshot.added / snapshotSeconds,
    snapshotPeakRssMB,
    startRssMB,
    bareSnapshotSeconds,
    bareSnapshotCpuSeconds,
    pageMs,
    pageCpuMs,
    barePageMs,
    barePageCpuMs,
  })}\n`,
);

/**
 * The kiosk while sync applies (issue 13): a station (demo set plus a synced snapshot of 10,000
 * publications) answers the kiosk's searches over HTTP — one every 20 ms, as the UI calls them
 * (10 hits, snippets, facets) — first idle, then while four feed pages of 1,000 changes apply
 * through the station's sync service (the apply in its own thread, as in the app). The figure is
 * the p95 during the run beside the idle p95 of the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStation } from '../../catalog/station.js';
import { addSource } from '../../catalog/sync/sources.js';
import { percentile } from './search.js';
import { buildBenchFeed } from './sync-apply.js';

const QUERIES = ['bảo hiểm xã hội', 'hop dong lao dong', 'thuế thu nhập cá nhân', 'tu sach phap luat', 'ly hôn'];

async function kioskSearches(base: string, until: () => boolean, minCount: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; !until() || times.length < minCount; i += 1) {
    const started = performance.now();
    const response = await fetch(`${base}/api/search`, { method: 'POST', body: JSON.stringify({ q: QUERIES[i % QUERIES.length], limit: 10, facets: true }) });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

export async function benchKioskDuringSync() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-kiosk-'));
  const station = await startStation({ libraryDir: path.join(dir, 'library'), host: '127.0.0.1', port: 0, demo: true });
  try {
    const feed = buildBenchFeed(path.join(dir, 'feed'), 10_000, 1_000, 4);
    const row = addSource(station.library, { location: feed.first, publicKeys: [fs.readFileSync(feed.publicKeyPath, 'utf8')] });
    await station.services.sync.start('manual', row.id).done;
    const base = station.server.url;
    await kioskSearches(base, () => true, 20); // warm: pool started, pages read
    const idle = await kioskSearches(base, () => true, 150);
    let applying = true;
    const started = performance.now();
    fs.cpSync(feed.second, feed.first, { recursive: true }); // the hub publishes the pages
    const sync = station.services.sync.start('manual', row.id).done.finally(() => (applying = false));
    const during = await kioskSearches(base, () => !applying, 0);
    await sync;
    return {
      idleP50: percentile(idle, 0.5),
      idleP95: percentile(idle, 0.95),
      duringP50: percentile(during, 0.5),
      duringP95: percentile(during, 0.95),
      duringCount: during.length,
      applySeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await station.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

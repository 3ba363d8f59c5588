/**
 * The kiosk under load (issue 13), the figures of tests/catalog/http/kiosk-during-load.test.ts: a
 * station (demo set plus 100,000 metadata-only publications) answers the kiosk's searches over
 * HTTP — one every 20 ms, as the UI calls them — first idle, then while one phone floods facet
 * counts, while 200 LAN addresses flood searches (both from a child process, 6 s each) and while
 * a CLI import of a large EPUB writes to the same library. Each load's p50/p95 is beside the idle
 * p95 of the same run; the floods' refusals (429) are counted.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startStation } from '../../catalog/station.js';
import { BOOKSHELF_BIN } from '../helpers/cli.js';
import { addMetadataOnlyPublications, floodFromLan, kioskSearch, writeLargeEpub } from '../helpers/kiosk-load.js';
import { loopbackClients } from '../helpers/lan-client.js';
import { percentile } from './search.js';

const run = promisify(execFile);

/** The kiosk's search times until `until()` says stop, and at least `minCount` of them. */
async function kioskTimes(base: string, until: () => boolean, minCount: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; !until() || times.length < minCount; i += 1) {
    times.push((await kioskSearch(base, i)).ms);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

export interface KioskLoadCase {
  name: string;
  p50: number;
  p95: number;
  count: number;
  seconds: number;
  /** The flood's requests refused with 429 (null for the import). */
  refused: number | null;
  sent: number | null;
}

export async function benchKioskDuringLoad() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-kiosk-load-'));
  const station = await startStation({ libraryDir: path.join(dir, 'library'), host: '127.0.0.1', port: 0, demo: true });
  try {
    addMetadataOnlyPublications(station.library.db, 100_000);
    const base = station.server.url;
    await kioskTimes(base, () => true, 20); // warm: pool started, pages read
    const idle = await kioskTimes(base, () => true, 150);
    const loads: { name: string; start: () => Promise<{ sent: number; byStatus: Record<string, number> } | null> }[] = [
      { name: 'one phone floods facet counts (8 at a time)', start: () => floodFromLan(base, 'facets', { q: '' }, 6, Array<string>(8).fill(loopbackClients(0, 1)[0])) },
      { name: '200 LAN addresses flood searches', start: () => floodFromLan(base, 'search', { q: 'bảo hiểm xã hội', limit: 10, facets: true }, 6, loopbackClients(10, 200)) },
      {
        name: 'a CLI import of a 120 MB EPUB',
        start: async () => {
          const file = path.join(dir, 'sach-lon.epub');
          writeLargeEpub(file);
          await run(process.execPath, [BOOKSHELF_BIN, 'import', file], { env: { ...process.env, BOOKSHELF_HOME: station.library.dir }, maxBuffer: 1 << 22 });
          return null;
        },
      },
    ];
    const cases: KioskLoadCase[] = [];
    for (const load of loads) {
      let running = true;
      const started = performance.now();
      const loading = load.start().finally(() => (running = false));
      const during = await kioskTimes(base, () => !running, 0);
      const flood = await loading;
      cases.push({
        name: load.name,
        p50: percentile(during, 0.5),
        p95: percentile(during, 0.95),
        count: during.length,
        seconds: (performance.now() - started) / 1000,
        refused: flood ? (flood.byStatus['429'] ?? 0) : null,
        sent: flood?.sent ?? null,
      });
    }
    return { idleP50: percentile(idle, 0.5), idleP95: percentile(idle, 0.95), cases };
  } finally {
    await station.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

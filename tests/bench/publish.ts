/**
 * Publish benchmark (issue 17): a hub library of N generated publications (bulk SQL,
 * tests/helpers/generated-catalog.ts: one content file each, every tenth held — so in files/ and
 * the OPDS view —, no texts) published into an empty feed folder with a snapshot, then 1,000
 * changes published on top, in a child process (tests/bench/publish-measure.ts) whose peak RSS is
 * the publish's own. Beside it, in another child, the floor of the work: every row read with one
 * streamed SELECT and written through gzip. Run for 10,000 and 100,000 publications (500,000 too
 * with BENCH_PUBLISH_MAX=500000: about 5 minutes more), so the peaks show whether memory grows with
 * the catalog.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair } from '../../catalog/feed/keys.js';
import { Library } from '../../catalog/library.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { generateCatalog } from '../helpers/generated-catalog.js';
import { runMeasured } from '../helpers/peak-rss.js';

export const PUBLISH_SIZES = [10_000, 100_000, 500_000];

export interface PublishFigures {
  publications: number;
  filesPresent: number;
  generateSeconds: number;
  publishSeconds: number;
  incrementalSeconds: number;
  /** Peak RSS of the publishing child (both publishes), and its RSS once the library was open. */
  peakRssMB: number | null;
  startRssMB: number;
  pages: number;
  snapshotMB: number;
  feedMB: number;
  baselineSeconds: number;
  baselinePeakRssMB: number | null;
}

function measure(args: string[]): Promise<{ figures: Record<string, number>; peakMb: number | null }> {
  return runMeasured(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'tests/bench/publish-measure.ts'), ...args], process.env).then((run) => {
    if (run.code !== 0) throw new Error(`publish-measure ${args[0]} failed:\n${run.output}`);
    return { figures: JSON.parse(run.output.trim().split('\n').at(-1)!) as Record<string, number>, peakMb: run.peakMb };
  });
}

function folderBytes(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((sum, entry) => sum + (entry.isFile() ? fs.statSync(path.join(entry.parentPath, entry.name)).size : 0), 0);
}

export async function benchPublish(count: number): Promise<PublishFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-publish-'));
  try {
    const libraryDir = path.join(dir, 'hub');
    const library = await Library.open(libraryDir);
    const start = performance.now();
    const generated = generateCatalog(library, { count });
    const generateSeconds = (performance.now() - start) / 1000;
    library.close();
    const keys = generateKeyPair(path.join(dir, 'keys'));
    const feed = path.join(dir, 'feed');
    const published = await measure(['publish', libraryDir, feed, keys.privateKeyPath]);
    const baseline = await measure(['baseline', libraryDir, path.join(dir, 'rows.jsonl.gz')]);
    return {
      publications: count,
      filesPresent: generated.present,
      generateSeconds,
      publishSeconds: published.figures.publishSeconds,
      incrementalSeconds: published.figures.incrementalSeconds,
      peakRssMB: published.peakMb,
      startRssMB: published.figures.startRssMB,
      pages: published.figures.pages,
      snapshotMB: published.figures.snapshotMB,
      feedMB: folderBytes(feed) / 1024 / 1024,
      baselineSeconds: baseline.figures.baselineSeconds,
      baselinePeakRssMB: baseline.peakMb,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows `npm run bench` prints for one run. */
export function publishRows(figures: PublishFigures): [string, string, string][] {
  const mb = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} MB`);
  return [
    [
      `publish ${figures.publications.toLocaleString('en')} publications (${figures.filesPresent.toLocaleString('en')} files, ${figures.pages} pages, snapshot ${figures.snapshotMB.toFixed(0)} MB, feed ${figures.feedMB.toFixed(0)} MB)`,
      `${figures.publishSeconds.toFixed(1)} s, peak RSS ${mb(figures.peakRssMB)} (${mb(figures.startRssMB)} once open); 1,000 changes after: ${figures.incrementalSeconds.toFixed(1)} s`,
      `every row streamed by one SELECT into gzip: ${figures.baselineSeconds.toFixed(1)} s, peak RSS ${mb(figures.baselinePeakRssMB)} (ratio ${(figures.publishSeconds / figures.baselineSeconds).toFixed(1)}×)`,
    ],
  ];
}

/**
 * `npm run bench`: speed and memory, each figure beside a baseline measured in the same run —
 * first start against copying the demo files, `publications.list` over HTTP against the same
 * SQL on a raw handle, file serving against reading the file; search and typeahead on a
 * generated library of 100,000 publications and 10,000 full texts (sized like the real gazette
 * texts) against bare FTS5 statements, and what query understanding adds against ranking without
 * it (measured in a child process, whose peak memory is the search's own); the UI's search on the
 * 412 real gazette texts through the read pool against bare FTS5; import
 * throughput on the gazette PDFs against poppler's pdftotext; sync downloads against curl, and
 * a station's initial sync from a 100,000-publication snapshot (time, peak memory) and a page
 * of 1,000 changes against bare SQLite writes, and the kiosk's search while pages apply, while
 * the LAN floods and while a CLI import writes, against the same station idle; an initial sync of 10,000 publications with real
 * texts against the same texts indexed directly, and the bytes of text a feed carries per
 * publication against its PDF; a refused sign-in for an unknown name beside a wrong password. Everything is also written as JSON to bench-results/ (the path is
 * printed). BENCH_PUBLICATIONS, BENCH_TEXTS, BENCH_SYNC_MB, BENCH_SYNC_PUBLICATIONS and
 * BENCH_SYNC_TEXTS shrink the generated data for a quick run; BENCH_ONLY runs only the sections
 * it names (comma-separated: foundation, search, import, sync-download, sync-apply, kiosk-load, sync-texts, publish,
 * hub-usage, hub-stations, ui, desk, sign-in, powercut), e.g. `BENCH_ONLY=sync-texts npm run bench`. The publish of 10,000 and 100,000 generated
 * publications runs by default; BENCH_PUBLISH_MAX=500000 adds 500,000 (several minutes more).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startStation } from '../../catalog/station.js';
import { execFileSync } from 'node:child_process';
import { DEMO_DIR, PACKAGE_ROOT } from '../../catalog/package-root.js';
import { benchImportThroughput, formatThroughput } from './import-throughput.js';
import { buildBenchLibrary } from './search.js';
import { buildGazetteLibrary } from './gazette-search.js';
import { CORPORA, corporaMissing } from '../helpers/corpora.js';

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
const results: Record<string, unknown> = { date: new Date().toISOString() };
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
const section = (name: string) => !only || only.includes(name);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const ms = (n: number) => `${n.toFixed(2)} ms`;

// 1. First start on an empty library (open, migrate, load the demo set, listen) vs copying the demo files.
if (section('foundation')) {
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
    const [took] = await time(async () => (await fetch(url, { method: 'POST', body })).json());
    http.push(took);
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

  await station.close();
  for (const dir of [copyDir, libraryDir]) fs.rmSync(dir, { recursive: true, force: true });
  results.foundation = rows.map(([name, value, baseline]) => ({ name, value, baseline }));
}

if (!corporaMissing && section('search')) {
  const dir = tmp();
  const built = await buildBenchLibrary(dir, {
    corpora: CORPORA,
    metadataCount: Number(process.env.BENCH_PUBLICATIONS ?? 100_000),
    fullTextCount: Number(process.env.BENCH_TEXTS ?? 10_000),
    queryCount: 500,
  });
  const measured = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'tests/bench/measure-search.ts'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as Record<string, number>;
  fs.rmSync(dir, { recursive: true, force: true });
  const { fullTextQueries: _f, typeaheadQueries: _t, dir: _d, ...library } = built;
  results.search = { ...library, ...measured };
  rows.push(
    [`library: ${built.publications} publications, ${built.fullTexts} full texts`, `built in ${built.buildSeconds.toFixed(1)} s, ${built.databaseMB.toFixed(0)} MB on disk`, '—'],
    ['full-text search, 500 mixed queries', `p50 ${ms(measured.fullTextP50)}, p95 ${ms(measured.fullTextP95)}`, `bare FTS5 AND query, ranked ids: p50 ${ms(measured.fullTextBareP50)}, p95 ${ms(measured.fullTextBareP95)} (ratio p95 ${ratio(measured.fullTextP95, measured.fullTextBareP95)})`],
    ['typeahead, 500 prefixes', `p50 ${ms(measured.typeaheadP50)}, p95 ${ms(measured.typeaheadP95)}`, `bare FTS5 prefix query: p50 ${ms(measured.typeaheadBareP50)}, p95 ${ms(measured.typeaheadBareP95)} (ratio p95 ${ratio(measured.typeaheadP95, measured.typeaheadBareP95)})`],
    [
      `query understanding + ranking (${measured.understandingQueries} queries, mix + residents')`,
      `p50 ${ms(measured.understoodP50)}, p95 ${ms(measured.understoodP95)}`,
      `ranking the same queries without it: p50 ${ms(measured.rankingP50)}, p95 ${ms(measured.rankingP95)} (+${ms(measured.understoodP95 - measured.rankingP95)} at p95)`,
    ],
    [
      'query understanding, added per query',
      `p50 ${ms(measured.understandingP50)}, p95 ${ms(measured.understandingP95)}`,
      `of which restoring, correcting, finding phrases: p50 ${ms(measured.understandingStepP50)}, p95 ${ms(measured.understandingStepP95)}`,
    ],
    ["residents' questions (colloquial-dev, with and without marks)", `p50 ${ms(measured.residentsP50)}, p95 ${ms(measured.residentsP95)}`, '—'],
    ['peak memory of the search process', `${measured.peakRssMB.toFixed(0)} MB RSS`, '—'],
  );
}

if (!corporaMissing && section('search')) {
  const dir = tmp();
  await buildGazetteLibrary(dir, CORPORA);
  const measured = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'tests/bench/measure-gazette.ts'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as Record<string, number>;
  fs.rmSync(dir, { recursive: true, force: true });
  results.gazetteSearch = measured;
  rows.push(
    [
      'gazette, 412 real texts: UI search (10 hits, snippets, facets), 30 topics ± marks',
      `p50 ${ms(measured.topicP50)}, p95 ${ms(measured.topicP95)}`,
      `bare FTS5 AND query, ranked ids: p50 ${ms(measured.bareTopicP50)}, p95 ${ms(measured.bareTopicP95)} (ratio p95 ${ratio(measured.topicP95, measured.bareTopicP95)})`,
    ],
    [
      'gazette: UI search of 30 document numbers as printed',
      `p50 ${ms(measured.numberP50)}, p95 ${ms(measured.numberP95)}`,
      `bare number lookup: p50 ${ms(measured.bareNumberP50)}, p95 ${ms(measured.bareNumberP95)}`,
    ],
  );
}

if (!corporaMissing && section('import')) {
  const pdfs = fs.readdirSync(path.join(CORPORA, 'pdf/vn-congbao')).filter((name) => name.endsWith('.pdf')).map((name) => path.join(CORPORA, 'pdf/vn-congbao', name));
  const throughput = await benchImportThroughput(pdfs);
  results.import = throughput;
  console.log(`\nImport throughput, ${pdfs.length} gazette PDFs:\n${formatThroughput(throughput)}\n`);
}

// 4. Sync download (tests/bench/sync-download.ts): downloadPending vs curl from the same hub server, and the bytes fetched again after a cut.
if (section('sync-download')) {
  const { benchSyncDownload } = await import('./sync-download.js');
  const syncDownload = await benchSyncDownload(Number(process.env.BENCH_SYNC_MB ?? 200));
  rows.push(...syncDownload.rows);
  results.syncDownload = syncDownload.json;
}

// 5. Sync metadata (tests/bench/sync-apply.ts): a new station applying a snapshot of N publications
// and then a page of 1,000 changes, in a child process; a small and a large snapshot side by side
// show whether peak memory grows with the feed. Baseline: the same lines into a bare SQLite table.
if (section('sync-apply')) {
  const { benchSyncApply } = await import('./sync-apply.js');
  const syncLarge = Number(process.env.BENCH_SYNC_PUBLICATIONS ?? 100_000);
  const syncApply = [benchSyncApply(Math.max(1_000, Math.round(syncLarge / 10))), benchSyncApply(syncLarge)];
  results.syncApply = syncApply;
  for (const figures of syncApply) {
    rows.push([
      `initial sync: snapshot of ${figures.publications} publications (${figures.snapshotMB.toFixed(0)} MB)`,
      `${figures.snapshotSeconds.toFixed(1)} s (${figures.snapshotPerSecond.toFixed(0)}/s), peak RSS ${figures.snapshotPeakRssMB.toFixed(0)} MB (${figures.startRssMB.toFixed(0)} MB before)`,
      `same lines into a bare SQLite table: ${figures.bareSnapshotSeconds.toFixed(1)} s`,
    ]);
  }
  const lastApply = syncApply[syncApply.length - 1];
  rows.push(['incremental page of 1,000 changes', ms(lastApply.pageMs), `bare SQLite writes of the same ops: ${ms(lastApply.barePageMs)}`]);
  const { benchKioskDuringSync } = await import('./kiosk-during-sync.js');
  const kiosk = await benchKioskDuringSync();
  results.kioskDuringSync = kiosk;
  rows.push([
    `kiosk search over HTTP while 4 pages of 1,000 changes apply (${kiosk.duringCount} searches, ${kiosk.applySeconds.toFixed(1)} s)`,
    `p50 ${ms(kiosk.duringP50)}, p95 ${ms(kiosk.duringP95)}`,
    `idle, same station: p50 ${ms(kiosk.idleP50)}, p95 ${ms(kiosk.idleP95)} (ratio p95 ${ratio(kiosk.duringP95, kiosk.idleP95)})`,
  ]);
}

// 5a. The kiosk while the LAN floods and a CLI import writes (tests/bench/kiosk-during-load.ts), beside its idle speed in the same run.
if (section('kiosk-load')) {
  const { benchKioskDuringLoad } = await import('./kiosk-during-load.js');
  const load = await benchKioskDuringLoad();
  results.kioskDuringLoad = load;
  for (const c of load.cases) {
    const flood = c.sent === null ? '' : `; flood: ${c.refused} of ${c.sent} refused (429)`;
    rows.push([`kiosk search over HTTP while ${c.name} (${c.count} searches, ${c.seconds.toFixed(1)} s)`, `p50 ${ms(c.p50)}, p95 ${ms(c.p95)}`, `idle, same station: p95 ${ms(load.idleP95)} (ratio p95 ${ratio(c.p95, load.idleP95)})${flood}`]);
  }
}

// 5b. Sync with texts (tests/bench/sync-texts.ts): a new station syncing N publications whose text
// objects carry real gazette texts, beside the same texts indexed directly with saveDocuments in the
// same child; a small and a large N side by side for memory. And what texts add to a feed.
if (!corporaMissing && section('sync-texts')) {
  const { benchSyncTexts, benchTextCarriage } = await import('./sync-texts.js');
  const large = Number(process.env.BENCH_SYNC_TEXTS ?? 10_000);
  const syncTexts = [benchSyncTexts(CORPORA, Math.max(100, Math.round(large / 10))), benchSyncTexts(CORPORA, large)];
  const carriage = await benchTextCarriage(CORPORA);
  results.syncTexts = { runs: syncTexts, carriage };
  for (const figures of syncTexts) {
    rows.push([
      `initial sync with texts: ${figures.publications} publications, ${figures.textMB.toFixed(0)} MB of text (${figures.objectMB.toFixed(0)} MB carried)`,
      `${figures.syncSeconds.toFixed(1)} s, peak RSS ${figures.syncPeakRssMB.toFixed(0)} MB (${figures.startRssMB.toFixed(0)} MB before)`,
      `same texts indexed directly (saveDocuments): ${figures.baselineSeconds.toFixed(1)} s (ratio ${figures.ratio.toFixed(2)}×)`,
    ]);
  }
  rows.push([
    `text carried per publication, ${carriage.publications} gazette PDFs`,
    `${(carriage.perPublication / 1024).toFixed(1)} KB a publication, ${(carriage.share * 100).toFixed(1)} % of its PDF`,
    `the PDFs: ${(carriage.pdfBytes / 1024 / 1024).toFixed(1)} MB`,
  ]);
}

// 5c. Publish (tests/bench/publish.ts): a hub's publish of N generated publications and of 1,000 changes after, peak memory per N, beside one streamed SELECT into gzip.
if (section('publish')) {
  const { PUBLISH_SIZES, benchPublish, publishRows } = await import('./publish.js');
  const max = Number(process.env.BENCH_PUBLISH_MAX ?? 100_000);
  const publishRuns = [];
  for (const count of PUBLISH_SIZES.filter((n) => n <= max)) publishRuns.push(await benchPublish(count));
  results.publish = publishRuns;
  for (const figures of publishRuns) rows.push(...publishRows(figures));
}

// 5d. A hub's network (tests/bench/hub-usage.ts): 3,000 stations' signed usage reports over HTTP, two days running (time, catalog growth), beside the same rows into bare SQLite; signed, checked uploads beside a plain @tus/server.
if (section('hub-usage')) {
  const { benchHubUsage } = await import('./hub-usage.js');
  const hubUsage = await benchHubUsage();
  rows.push(...hubUsage.rows);
  results.hubUsage = hubUsage.json;
}

// 5e. A hub's stations screen (tests/bench/hub-stations.ts): stations.list pages over 3,000 stations beside a bare SELECT of the same rows.
if (section('hub-stations')) {
  const { benchHubStations } = await import('./hub-stations.js');
  const hubStations = await benchHubStations();
  rows.push(...hubStations.rows);
  results.hubStations = hubStations.json;
}

// 6. UI in Chromium (tests/bench/ui.ts): cold start, first page of the 343-page gazette, page turns,
// typeahead and the JS heap after 100 pages, each beside a baseline from the same run.
if (section('ui')) {
  const { benchUi } = await import('./ui.js');
  const ui = await benchUi();
  if (ui) {
    rows.push(...ui.rows);
    results.ui = ui.json;
  }
}

// 7. The librarian's desk (tests/bench/desk.ts): OCR pages per minute beside plain tesseract,
// and from the last page of a 10-page batch to a document search finds.
if (section('desk')) {
  const { benchDesk } = await import('./desk.js');
  const desk = await benchDesk();
  if (desk) {
    rows.push(...desk.rows);
    results.desk = desk.json;
  }
}

// 7a. Sign-in (tests/bench/sign-in.ts): a refused sign-in for an unknown name beside a wrong password for a real one.
if (section('sign-in')) results.signIn = await (await import('./sign-in.js')).benchSignIn(rows);

// 8. Power cuts at a station on the FUSE power-cut layer (tests/bench/powercut.ts): runs, failures (must be 0), time.
if (section('powercut')) results.powercut = await (await import('./powercut.js')).benchPowercut(rows);

const rss = process.memoryUsage().rss / 1024 / 1024;
rows.push(['resident memory of this process at the end', `${rss.toFixed(0)} MB`, '—']);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'measure'.padEnd(width)} | bookshelf | baseline (same run)`);
for (const [name, value, baseline] of rows) console.log(`${name.padEnd(width)} | ${value} | ${baseline}`);

const outDir = path.join(PACKAGE_ROOT, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nJSON: ${outFile}`);

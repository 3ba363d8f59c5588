/**
 * Power cuts in bulk (part of `npm run bench`; alone: `BENCH_ONLY=powercut npm run bench`): the
 * station of tests/catalog/powercut.test.ts — sync, downloads, the librarian's stored files and
 * outbox; every other run a quiet station (sync and downloads only) — cut BENCH_POWERCUT_RUNS
 * times (200 by default) at seeded moments on the power-cut layer, each checked as the test does. Reports the runs, the failures (must be 0; each is
 * printed with its seed and cut point, and the bench exits non-zero), the sync pages a cut rolled
 * back (allowed: the catalog runs synchronous=NORMAL), and the time. Skipped, with the packages
 * to install, where FUSE is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { powercutMissing } from '../helpers/powercut-mount.js';
import { buildFeed, checkAfterCut, runWithCut, stationTemplate } from '../helpers/powercut-scenario.js';
import { prng } from '../helpers/prng.js';

type Row = [string, string, string];

const RUNS = Number(process.env.BENCH_POWERCUT_RUNS ?? 200);
const SEED = Number(process.env.BENCH_POWERCUT_SEED ?? 20_261_207);

export async function benchPowercut(rows: Row[]): Promise<Record<string, unknown> | null> {
  if (powercutMissing()) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-powercut-'));
  try {
    const feed = await buildFeed(path.join(dir, 'hub'), SEED);
    const template = await stationTemplate(path.join(dir, 'template'), feed);
    // Calibration: a busy station (a librarian at work) and a quiet one, uncut; each cut lands at
    // a seeded time between the library opening and the last acknowledgement of its kind.
    const uncut = (documents?: number) => runWithCut({ template, feedDir: feed.dir, scratch: fs.mkdtempSync(path.join(dir, 'run-')), seed: SEED, documents });
    const kinds = [await uncut(), await uncut(0)].map((run, i) => ({ documents: i === 0 ? undefined : 0, windowMs: run.ackTimes[run.ackTimes.length - 1] - run.ackTimes[0] }));
    const random = prng(SEED);
    const failures: string[] = [];
    let rolledBack = 0;
    let afterEnd = 0;
    const start = performance.now();
    for (let i = 0; i < RUNS; i += 1) {
      const kind = kinds[i % 2];
      const delayMs = Math.floor(random() * kind.windowMs);
      const scratch = fs.mkdtempSync(path.join(dir, 'run-'));
      const run = await runWithCut({ template, feedDir: feed.dir, scratch, seed: SEED + i, documents: kind.documents, cutWhen: (ack) => ack.t === 'open', delayMs });
      const checked = await checkAfterCut(run, feed);
      if (run.finished) afterEnd += 1;
      if (checked.pagesRolledBack > 0) rolledBack += 1;
      if (checked.problems.length > 0) failures.push(`run ${i} (seed ${SEED + i}, ${kind.documents === 0 ? 'quiet' : 'busy'}, cut ${delayMs} ms after opening): ${checked.problems.join('; ')}`);
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    const seconds = (performance.now() - start) / 1000;
    for (const failure of failures) console.error(`power cut: ${failure}`);
    if (failures.length > 0) process.exitCode = 1;
    rows.push(
      [`power cuts at a station (${RUNS} runs)`, `${failures.length} failures`, `must be 0; ${afterEnd} cuts fell after the end`],
      ['power cuts: sync pages rolled back', `${rolledBack} of ${RUNS} runs`, 'allowed (synchronous=NORMAL): resumed from the cursor'],
      ['power cuts: time per run (cut, check, resume)', `${((seconds * 1000) / RUNS).toFixed(0)} ms`, `${seconds.toFixed(0)} s in all`],
    );
    return { runs: RUNS, seed: SEED, failures, pagesRolledBackRuns: rolledBack, cutsAfterEnd: afterEnd, seconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

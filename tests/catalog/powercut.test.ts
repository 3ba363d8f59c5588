/**
 * Power cuts (security.md cases 21 and 23; docs/kiosk.md, "Power-loss recovery"): a station
 * syncs a feed and downloads its files while a librarian stores scanned documents and queues
 * them for the hub, on a disk that loses whatever was not fsynced (tests/helpers/powercut-fs).
 * The power is cut after a seeded acknowledgement, plus a seeded delay, so cuts land inside
 * writes; a quiet station (no librarian) is also cut while it downloads, after its sync dropped
 * files that pages replaced. On the next start the catalog passes integrity_check, every
 * acknowledged outbox item and stored file is there and whole, no file in the store is torn and
 * every file the catalog calls present is whole, the publications are as the hub had them at the
 * sync cursor (data and cursor roll back together), and a resumed sync ends as the feed does.
 * The same check says so when the child is broken on purpose (never the product): a catalog that
 * never syncs (synchronous=OFF) loses an acknowledged outbox item, and a store that moves files
 * into place unsynced leaves torn ones. Hundreds of cuts: `BENCH_ONLY=powercut npm run bench`.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { powercutMissing } from '../helpers/powercut-mount.js';
import { BROKEN_FILE_SYNC_ENV, BROKEN_SYNCHRONOUS_ENV, buildFeed, checkAfterCut, runWithCut, stationTemplate } from '../helpers/powercut-scenario.js';
import type { Ack, CutRun } from '../helpers/powercut-scenario.js';
import { prng } from '../helpers/prng.js';
import { tempDir } from '../helpers/temp-dir.js';

const missing = powercutMissing();
const SEED = Number(process.env.POWERCUT_TEST_SEED ?? 20_261_207);
/** Where the cuts land, as a share of the acknowledgements of an uncut run: early, twice in the middle, late. */
const CUT_SHARES = [0.1, 0.4, 0.6, 0.9];

describe.skipIf(missing)('a power cut at a commune station', () => {
  let feed: Awaited<ReturnType<typeof buildFeed>>;
  let template: string;
  let uncut: CutRun;
  const run = (seed: number, cut: { documents?: number; cutAfter?: number; cutWhen?: (ack: Ack) => boolean; delayMs?: number }, env?: NodeJS.ProcessEnv) =>
    runWithCut({ template, feedDir: feed.dir, scratch: tempDir('powercut-run-'), seed, env, ...cut });

  beforeAll(async () => {
    const dir = tempDir('powercut-hub-');
    feed = await buildFeed(dir, SEED);
    template = await stationTemplate(path.join(dir, 'template'), feed);
    uncut = await run(SEED, {});
  }, 120_000);

  it('an uncut run acknowledges every kind of write, and keeps them all', async () => {
    expect(uncut.finished, uncut.stderr).toBe(true);
    const kinds = new Set(uncut.acks.map((ack) => ack.t));
    expect([...kinds].sort()).toEqual(['downloaded', 'open', 'outbox', 'page', 'stored']);
    const checked = await checkAfterCut(uncut, feed);
    expect(checked.problems).toEqual([]);
    expect(checked.cursor).toBe(feed.pageEnds[feed.pageEnds.length - 1]);
  });

  it(`keeps the catalog whole and every acknowledged item after cuts at seeded points (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const random = prng(SEED);
    for (const share of CUT_SHARES) {
      const cutAfter = Math.max(1, Math.round(share * uncut.acks.length));
      const delayMs = Math.floor(random() * 20);
      const cut = await run(SEED + cutAfter, { cutAfter, delayMs });
      const where = `cut after ack ${cutAfter} + ${delayMs} ms (seed ${SEED})`;
      expect(cut.finished, `${where}: the cut came after the end`).toBe(false);
      expect(cut.acks.length, where).toBeGreaterThanOrEqual(cutAfter);
      const checked = await checkAfterCut(cut, feed);
      expect(checked.problems, where).toEqual([]);
    }
  });

  it(`keeps every file the catalog calls present when a quiet station is cut while it downloads (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const random = prng(SEED + 1);
    const lastPage = (ack: Ack) => ack.t === 'page' && ack.cursor === feed.pageEnds[feed.pageEnds.length - 1];
    const quiet = await run(SEED, { documents: 0 });
    expect(quiet.finished, quiet.stderr).toBe(true);
    const at = (find: (ack: Ack) => boolean) => quiet.ackTimes[quiet.acks.findIndex(find)];
    const downloadMs = at((ack) => ack.t === 'downloaded') - at(lastPage);
    let midDownload = 0;
    for (const share of [0.1, 0.3, 0.5]) {
      const delayMs = Math.floor(share * downloadMs + random() * 5);
      const cut = await run(SEED, { documents: 0, cutWhen: lastPage, delayMs });
      if (!cut.acks.some((ack) => ack.t === 'downloaded')) midDownload += 1;
      const checked = await checkAfterCut(cut, feed);
      expect(checked.problems, `cut ${delayMs} ms after the last page of ${downloadMs} ms of downloads`).toEqual([]);
    }
    expect(midDownload).toBeGreaterThan(0);
  });

  it('says so when a catalog that never syncs loses an acknowledged outbox item', async () => {
    const cut = await run(SEED, { cutWhen: (ack) => ack.t === 'outbox' }, { [BROKEN_SYNCHRONOUS_ENV]: '1' });
    const queued = cut.acks.filter((ack) => ack.t === 'outbox');
    expect(queued.length).toBeGreaterThan(0);
    const checked = await checkAfterCut(cut, feed);
    expect(checked.problems).toContainEqual(expect.stringMatching(/^outbox item \d+ \(local-\S+\) lost$/));
  });

  it('says so when the store moves a file into place without syncing it', async () => {
    const cut = await run(SEED, { cutWhen: (ack) => ack.t === 'outbox' }, { [BROKEN_FILE_SYNC_ENV]: '1' });
    const stored = cut.acks.flatMap((ack) => (ack.t === 'stored' ? [ack.sha256] : []));
    expect(stored.length).toBeGreaterThan(0);
    const checked = await checkAfterCut(cut, feed);
    expect(checked.problems).toContain(`stored file ${stored[0]} is not whole`);
    expect(checked.problems).toContainEqual(expect.stringMatching(/^store file [0-9a-f]{2}\/[0-9a-f]{64} is torn$/));
  });
});

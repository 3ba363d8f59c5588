/**
 * kill -9 while a station applies a large change set (issue 4 § Faults; security.md case 20).
 * A hub publishes 40 pages of 25 puts/deletes; a child process applies them from a folder
 * source and is killed at a random moment (seeded, so a failure reproduces). After each kill the
 * station passes `integrity_check`, holds each publication as the hub had it at its cursor or at
 * the end of the next page (pages apply in slices), and a resumed sync ends where an uninterrupted
 * one does. The same for a new station applying a snapshot of 3,000 publications in batches: after
 * a kill it holds the first publications (by id), and resumes from its last whole batch.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deletePublication, saveDocuments } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import { Library } from '../../../catalog/library.js';
import { DEFAULT_SNAPSHOT_BATCH, syncOnce } from '../../../catalog/sync/apply.js';
import { getSource } from '../../../catalog/sync/sources.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../../helpers/temp-library.js';
import { integrityOf } from '../../helpers/integrity.js';
import { keys, prng, readRoot } from './fixtures.js';

const CHILD = fileURLToPath(new URL('../../fixtures/sync/apply-child.mjs', import.meta.url));
const SEED = Number(process.env.KILL_TEST_SEED ?? 20_261_129);
const RUNS = 20;
const PAGES = 40;
const OPS_PER_PAGE = 25;
const SNAPSHOT_PUBLICATIONS = 3_000;
const SNAPSHOT_RUNS = 10;


/** A hub with ~1,000 changes over 40 pages; returns the title each put change (by seq) carried. */
async function bigHub(random: () => number) {
  const hub = await tempLibrary('kill-hub-');
  const key = keys();
  const feedDir = path.join(tempDir('kill-feed-'), 'feed');
  const titleAt = new Map<number, string>();
  const live: string[] = [];
  let next = 0;
  const lastSeq = () => hub.db.prepare('SELECT max(seq) FROM changes').pluck().get() as number;
  for (let page = 0; page < PAGES; page += 1) {
    for (let op = 0; op < OPS_PER_PAGE; op += 1) {
      const roll = random();
      if (roll < 0.2 && live.length > 0) {
        const [id] = live.splice(Math.floor(random() * live.length), 1);
        deletePublication(hub.db, id);
        continue;
      }
      const id = roll < 0.4 && live.length > 0 ? live[Math.floor(random() * live.length)] : `luat-${(next += 1)}`;
      if (!live.includes(id)) live.push(id);
      const title = `Luật ${id} bản ${page}.${op}`;
      const sha256 = createHash('sha256').update(title).digest('hex');
      saveDocuments(hub.db, [
        {
          publication: { id, kind: 'legal', title, issuedDate: '2024-06-01', fields: ['Đất đai'], docType: 'Luật', issuer: 'Quốc hội' },
          files: [{ sha256, size: 100 + op, mediaType: 'application/pdf', state: 'pending', role: 'content' }],
        },
      ]);
      titleAt.set(lastSeq(), title);
    }
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey, snapshotThreshold: 1_000 });
  }
  return { hub, key, feedDir, titleAt, finalChange: lastSeq() };
}

/** The hub's publications (id → title) as of change `cursor`, replayed from its change log. */
function hubStateAt(hub: Library, titleAt: Map<number, string>, cursor: number | null): Map<string, string> {
  const state = new Map<string, string>();
  const changes = hub.db.prepare('SELECT seq, publication_id AS id, op FROM changes WHERE seq <= ? ORDER BY seq').all(cursor ?? 0) as { seq: number; id: string; op: string }[];
  for (const change of changes) {
    if (change.op === 'delete') state.delete(change.id);
    else state.set(change.id, titleAt.get(change.seq)!);
  }
  return state;
}

const stationState = (library: Library) =>
  new Map((library.db.prepare('SELECT id, title FROM publications ORDER BY id').all() as { id: string; title: string }[]).map((row) => [row.id, row.title]));

/** Starts the child; kills it `delayMs` after its "ready" line (or after spawning, `fromSpawn`), or once it says "done". */
function runChild(libraryDir: string, feedDir: string, kill: { delayMs: number; fromSpawn?: boolean; afterDone?: boolean } | null) {
  return new Promise<{ signal: NodeJS.Signals | null; code: number | null; applyMs: number; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CHILD, libraryDir, feedDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let readyAt = 0;
    let applyMs = 0;
    const killAfter = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
    if (kill?.fromSpawn) killAfter(kill.delayMs);
    child.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      if (!readyAt && out.includes('ready')) {
        readyAt = performance.now();
        if (kill && !kill.fromSpawn && !kill.afterDone) killAfter(kill.delayMs);
      }
      if (out.includes('done')) {
        applyMs = performance.now() - readyAt;
        if (kill?.afterDone) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => resolve({ code, signal, applyMs, stderr }));
  });
}

describe('kill -9 while applying a large change set', () => {
  it(`leaves each publication as of its cursor or the next page's end, and a resumed sync equals a clean one (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const random = prng(SEED);
    const { hub, key, feedDir, titleAt, finalChange } = await bigHub(random);
    expect(hub.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(PAGES * OPS_PER_PAGE);

    // An empty station with the hub's key pinned, copied for every run.
    const template = tempDir('kill-template-');
    const seed = await Library.open(template);
    seed.db.prepare('INSERT INTO sync_sources (id, location, trusted_keys) VALUES (1, ?, ?)').run(feedDir, JSON.stringify([fs.readFileSync(key.publicKeyPath, 'utf8')]));
    seed.close();
    const freshStation = () => {
      const dir = path.join(tempDir('kill-station-'), 'library');
      fs.cpSync(template, dir, { recursive: true });
      return dir;
    };

    const pageEnds = readRoot(feedDir).pages.map((p) => p.lastChange);
    // The reference: a station that synced without interruption.
    const clean = await openTestLibrary(freshStation());
    await syncOnce(clean, getSource(clean, 1), new FolderSource(feedDir));
    const expectedFinal = stationState(clean);
    const cleanSource = getSource(clean, 1);
    expect(cleanSource.last_change).toBe(finalChange);
    expect(expectedFinal).toEqual(hubStateAt(hub, titleAt, finalChange));

    // How long the child takes from "ready" to "done", to aim the kills.
    const calibration = await runChild(freshStation(), feedDir, null);
    expect(calibration.code, calibration.stderr).toBe(0);
    const window = Math.max(20, calibration.applyMs);

    const landed = { before: 0, during: 0, after: 0 };
    const log: string[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const dir = freshStation();
      const kill =
        run === RUNS - 1 ? { delayMs: 0, afterDone: true } : run % 6 === 0 ? { delayMs: Math.floor(random() * 100), fromSpawn: true } : { delayMs: Math.floor(random() * window * 1.2) };
      const outcome = await runChild(dir, feedDir, kill);
      const station = await openTestLibrary(dir);
      const where = `run ${run} (seed ${SEED}, kill ${JSON.stringify(kill)}, ${outcome.signal ?? outcome.code})`;
      expect(integrityOf(station), where).toBe('ok');
      const cursor = getSource(station, 1).last_change;
      log.push(`${run}: cursor ${cursor}`);
      // A page applies in slices (the kiosk is answered between them); the cursor moves with its
      // last. So each publication is as the hub had it at the cursor, or at the end of the next page.
      const before = hubStateAt(hub, titleAt, cursor);
      const after = hubStateAt(hub, titleAt, pageEnds.find((end) => end > (cursor ?? 0)) ?? finalChange);
      const state = stationState(station);
      for (const id of new Set([...before.keys(), ...after.keys(), ...state.keys()])) {
        expect([before.get(id), after.get(id)], `${where}: ${id}`).toContain(state.get(id));
      }
      expect(station.db.prepare('SELECT count(*) FROM publication_files').pluck().get(), where).toBe(state.size);
      if (cursor === null || cursor === 0) landed.before += 1;
      else if (cursor < finalChange) landed.during += 1;
      else landed.after += 1;

      // Resume to completion: the same state and cursor as the clean station.
      await syncOnce(station, getSource(station, 1), new FolderSource(feedDir));
      expect(stationState(station), where).toEqual(expectedFinal);
      const resumed = getSource(station, 1);
      expect([resumed.last_change, resumed.last_sequence, resumed.last_root_sha256], where).toEqual([cleanSource.last_change, cleanSource.last_sequence, cleanSource.last_root_sha256]);
      expect(integrityOf(station), where).toBe('ok');
    }
    if (process.env.KILL_TEST_LOG) console.log(JSON.stringify(landed), window, log.join('; '));
    expect(landed.before, log.join('; ')).toBeGreaterThan(0);
    expect(landed.during, log.join('; ')).toBeGreaterThan(0);
    expect(landed.after, log.join('; ')).toBeGreaterThan(0);
  });

  it(`leaves a new station with the first publications of the snapshot, and resumes it (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const random = prng(SEED + 1);
    const hub = await tempLibrary('kill-snap-hub-');
    const records = Array.from({ length: SNAPSHOT_PUBLICATIONS }, (_, i) => {
      const id = `qd-${String(i).padStart(5, '0')}`;
      return {
        publication: { id, kind: 'legal' as const, title: `Quyết định ${id} về đất đai`, issuedDate: '2024-06-01', fields: ['Đất đai'], docType: 'Quyết định', issuer: 'UBND tỉnh' },
        files: [{ sha256: createHash('sha256').update(id).digest('hex'), size: 1000, mediaType: 'application/pdf', state: 'pending' as const, role: 'content' as const }],
      };
    });
    saveDocuments(hub.db, records);
    const key = keys();
    const feedDir = path.join(tempDir('kill-snap-feed-'), 'feed');
    await publish(hub, { outDir: feedDir, privateKey: key.privateKey, snapshot: true });
    const hubIds = hub.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[];

    const template = tempDir('kill-snap-template-');
    const seed = await Library.open(template);
    seed.db.prepare('INSERT INTO sync_sources (id, location, trusted_keys) VALUES (1, ?, ?)').run(feedDir, JSON.stringify([fs.readFileSync(key.publicKeyPath, 'utf8')]));
    seed.close();
    const freshStation = () => {
      const dir = path.join(tempDir('kill-snap-station-'), 'library');
      fs.cpSync(template, dir, { recursive: true });
      return dir;
    };
    const calibration = await runChild(freshStation(), feedDir, null);
    expect(calibration.code, calibration.stderr).toBe(0);
    const window = Math.max(20, calibration.applyMs);

    const counts = new Set<number>();
    for (let run = 0; run < SNAPSHOT_RUNS; run += 1) {
      const dir = freshStation();
      const kill = { delayMs: Math.floor(random() * window) };
      const outcome = await runChild(dir, feedDir, kill);
      const station = await openTestLibrary(dir);
      const where = `snapshot run ${run} (seed ${SEED}, kill ${JSON.stringify(kill)}, ${outcome.signal ?? outcome.code})`;
      expect(integrityOf(station), where).toBe('ok');
      const ids = station.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[];
      const source = getSource(station, 1);
      counts.add(ids.length);
      // The first publications of the snapshot, in order (batches apply in slices); the offset
      // kept is that of the last whole batch, so a resume applies at most one batch again.
      expect(ids, where).toEqual(hubIds.slice(0, ids.length));
      if (ids.length < hubIds.length) {
        expect(source.last_change, where).toBeNull();
        if (source.snapshot_offset === null) expect(ids.length, where).toBeLessThan(DEFAULT_SNAPSHOT_BATCH);
      } else expect(source.snapshot_offset, where).toBeNull();
      await syncOnce(station, getSource(station, 1), new FolderSource(feedDir));
      expect(station.db.prepare('SELECT id FROM publications ORDER BY id').pluck().all(), where).toEqual(hubIds);
      expect(getSource(station, 1), where).toMatchObject({ last_sequence: 1, snapshot_offset: null, snapshot_sha256: null });
      expect(station.db.prepare('SELECT count(*) FROM publication_files').pluck().get(), where).toBe(hubIds.length);
    }
    // Some kills landed mid-snapshot, between two batches.
    expect([...counts].some((n) => n > 0 && n < hubIds.length), [...counts].join(',')).toBe(true);
  });
});

/**
 * Issue 4, "done when": two stations and a hub, on 127.0.0.1, stay in step through publishes,
 * deletes, cuts, kills and forgeries; a USB bundle carries a catalog to a station with no network.
 *
 * Real parts only: a hub library with real files of varied sizes (some over 200 KB), published
 * in pages of 10 ops to a feed folder served by the hub's HTTP app. Station A syncs (SyncService)
 * through a small proxy that can be switched to misbehave (cut file bodies, answer 503, ignore
 * Range, flip a byte in pages, 404 a file); station B syncs straight from the hub, twice in a
 * child process killed with SIGKILL mid-run (on a seeded progress line, before the run ends) and
 * then resumed. Forged roots
 * (one changed byte, another key, an older root replayed, a same-sequence fork) are refused by
 * both with nothing written. Station A then exports a bundle, and station C, with the hub's key
 * only and no network, syncs from it and refuses the bundle re-signed with A's own key.
 */
import { spawn } from 'node:child_process';
import { sign } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deletePublication } from '../../../catalog/documents.js';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { keyIdOf } from '../../../catalog/feed/keys.js';
import { pageSchema } from '../../../catalog/feed/pages.js';
import { publish } from '../../../catalog/feed/publish.js';
import { ROOT_PATH, canonicalJson, rootSchema, signRoot, signaturePathOf } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import type { FeedRoot } from '../../../catalog/feed/root.js';
import { listen } from '../../../catalog/http/server.js';
import type { RunningServer } from '../../../catalog/http/server.js';
import { Library } from '../../../catalog/library.js';
import { feedCacheDir } from '../../../catalog/sync/feed-cache.js';
import { exportBundle } from '../../../catalog/sync/bundle.js';
import { SyncService } from '../../../catalog/sync/service.js';
import type { SyncOutcome } from '../../../catalog/sync/service.js';
import { addSource, listSources } from '../../../catalog/sync/sources.js';
import { say } from '../../../shared/messages.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../../helpers/temp-library.js';
import { integrityOf } from '../../helpers/integrity.js';
import { addDocument, keys, prng, readRoot } from './fixtures.js';

const CHILD = fileURLToPath(new URL('../../fixtures/sync/service-child.mjs', import.meta.url));
const SEED = Number(process.env.TWO_STATIONS_SEED ?? 20_260_214);
const PAGE_OPS = 10;
const CUT_AT = 64 * 1024;
/** Kills of one station per round that may land after its run ended before the test gives up. */
const KILL_TRIES = 5;
/** SyncService's default attempts per file: a file longer than this many cut responses stays pending. */
const ATTEMPTS = 5;

const random = prng(SEED);

/** `size` bytes of seeded ASCII text that starts like a PDF and names its publication. */
function contentOf(id: string, size: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 \n';
  const body = Buffer.alloc(Math.max(0, size - id.length - 10));
  for (let i = 0; i < body.length; i += 1) body[i] = alphabet.charCodeAt(Math.floor(random() * alphabet.length));
  return `%PDF-1.4 ${id} ${body.toString('latin1')}`;
}

// ---------------------------------------------------------------------------------------------
// Servers: the hub, and the proxy in front of it for station A.

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

interface Misbehaviour {
  /** Cut every file response after this many body bytes. */
  cutFilesAfter: number | null;
  /** Answer this many file requests with 503 first. */
  fail503: number;
  /** Drop the Range header: the hub answers 200 with the whole file. */
  ignoreRange: boolean;
  /** Flip one byte in every change page. */
  flipPages: boolean;
  /** Files answered 404 (not held by the hub, as far as A can tell). */
  missing: Set<string>;
}
const normal = (): Misbehaviour => ({ cutFilesAfter: null, fail503: 0, ignoreRange: false, flipPages: false, missing: new Set() });

/** A node:http proxy to `target` that misbehaves as `mode` says; `seen` counts what it did. */
async function misbehavingProxy(target: string) {
  const mode: Misbehaviour = normal();
  const seen = { fileBytes: 0, rangeRequests: 0, served503: 0, cuts: 0, flipped: 0, notFound: 0 };
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    const isFile = url.startsWith('/files/');
    if (isFile && mode.missing.has(url.slice(-64))) {
      seen.notFound += 1;
      return void response.writeHead(404).end();
    }
    if (isFile && mode.fail503 > 0) {
      mode.fail503 -= 1;
      seen.served503 += 1;
      return void response.writeHead(503, { 'Retry-After': '0' }).end();
    }
    const headers: http.OutgoingHttpHeaders = {};
    if (request.headers.range) {
      if (isFile) seen.rangeRequests += 1;
      if (!mode.ignoreRange) headers.range = request.headers.range;
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: url, method: request.method, headers }, (answer) => {
      if (mode.flipPages && url.startsWith('/pages/') && answer.statusCode === 200) {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          body[Math.floor(body.length / 2)] ^= 0x01;
          seen.flipped += 1;
          response.writeHead(200, answer.headers).end(body);
        });
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      const cutAt = isFile ? mode.cutFilesAfter : null;
      let sent = 0;
      let cut = false;
      answer.on('data', (chunk: Buffer) => {
        if (cut) return;
        if (cutAt !== null && sent + chunk.length > cutAt) {
          cut = true;
          seen.cuts += 1;
          const head = chunk.subarray(0, cutAt - sent);
          seen.fileBytes += head.length;
          answer.destroy();
          response.write(head, () => response.destroy());
          return;
        }
        sent += chunk.length;
        if (isFile) seen.fileBytes += chunk.length;
        response.write(chunk);
      });
      answer.on('end', () => void (cut || response.end()));
      answer.on('error', () => response.destroy());
    });
    forward.on('error', () => response.destroy());
    forward.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  closers.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, mode, seen, close };
}

// ---------------------------------------------------------------------------------------------
// What a station holds, and the checks made after every round.

type Catalog = Record<string, { title: string; files: string[] }>;

/** Every publication as (id, title, file sha256s). */
function catalogOf(library: Library): Catalog {
  const rows = library.db
    .prepare(
      `SELECT p.id, p.title, group_concat(pf.sha256) AS shas FROM publications p LEFT JOIN publication_files pf ON pf.publication_id = p.id
       GROUP BY p.id ORDER BY p.id`,
    )
    .all() as { id: string; title: string; shas: string | null }[];
  return Object.fromEntries(rows.map((row) => [row.id, { title: row.title, files: (row.shas ?? '').split(',').filter(Boolean).sort() }]));
}

/** The state a feed's pages give up to change `cursor` (what a station must hold at that cursor). */
function feedStateAt(feedDir: string, cursor: number | null): Catalog {
  const root = readRoot(feedDir);
  const state: Catalog = {};
  for (const ref of root.pages) {
    if (cursor === null || ref.lastChange > cursor) break;
    for (const op of pageSchema.parse(JSON.parse(fs.readFileSync(path.join(feedDir, ref.path), 'utf8'))).ops) {
      if (op.op === 'delete') delete state[op.id];
      else state[op.publication.id] = { title: op.publication.title, files: op.publication.files.map((file) => file.sha256).sort() };
    }
  }
  return Object.fromEntries(Object.entries(state).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A station killed mid-run holds each publication as of its cursor, or as of the end of what it
 * was applying — the snapshot (no cursor yet) or the next page: a batch commits in slices
 * (SLICE_MS), the cursor with the last one.
 */
function expectAsOfCursor(catalog: Catalog, feedDir: string, cursor: number | null, where: string): void {
  const root = readRoot(feedDir);
  const at = feedStateAt(feedDir, cursor);
  const nextEnd = cursor === null ? (root.snapshot?.lastChange ?? root.pages[0]?.lastChange) : root.pages.find((page) => page.lastChange > cursor)?.lastChange;
  const next = nextEnd === undefined ? at : feedStateAt(feedDir, nextEnd);
  for (const id of new Set([...Object.keys(at), ...Object.keys(next), ...Object.keys(catalog)])) {
    expect([at[id], next[id]], `${where}: ${id}`).toContainEqual(catalog[id]);
  }
}

const cursorOf = (library: Library) => {
  const [row] = listSources(library);
  return { sequence: row.last_sequence, rootSha256: row.last_root_sha256, lastChange: row.last_change };
};

/** The state of each file a publication names: sha256 → state. */
const referencedFiles = (library: Library) =>
  Object.fromEntries(
    (library.db.prepare('SELECT DISTINCT f.sha256, f.state FROM files f JOIN publication_files pf ON pf.sha256 = f.sha256 ORDER BY f.sha256').all() as { sha256: string; state: string }[]).map(
      (row) => [row.sha256, row.state],
    ),
  );

const partFiles = (library: Library) => (fs.readdirSync(library.dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.part'));

/** integrity_check, every present file hashes to its sha256; after a complete run, no .part and nothing pending. */
function expectSound(library: Library, where: string, complete: boolean): void {
  expect(integrityOf(library), where).toBe('ok');
  for (const file of library.db.prepare("SELECT sha256, size FROM files WHERE state = 'present'").all() as { sha256: string; size: number }[]) {
    const bytes = fs.readFileSync(library.files.pathOf(file.sha256));
    expect([bytes.length, sha256Hex(bytes)], `${where}: ${file.sha256}`).toEqual([file.size, file.sha256]);
  }
  if (complete) {
    expect(partFiles(library), where).toEqual([]);
    expect(Object.values(referencedFiles(library)).filter((state) => state !== 'present'), where).toEqual([]);
  }
}

function expectInStep(station: Library, hub: Library, where: string): void {
  expect(catalogOf(station), where).toEqual(catalogOf(hub));
}

/** One manual run of a station's (only, or given) source. */
async function runOnce(library: Library, sourceId?: number): Promise<SyncOutcome> {
  const service = new SyncService(library, { download: { baseDelayMs: 1 } });
  try {
    return await service.start('manual', sourceId).done;
  } finally {
    await service.dispose();
  }
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The progress lines it printed (all of them, read to the end after it exited). */
  progress: number;
  stdout: string;
  stderr: string;
}

/** Runs the child (a full SyncService run); kills it with SIGKILL on its `killAtProgress`-th progress line when given. */
function runChild(libraryDir: string, killAtProgress: number | null) {
  return new Promise<ChildRun>((resolve) => {
    const child = spawn(process.execPath, [CHILD, libraryDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let progress = 0;
    child.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
    child.stdout.on('data', (data: Buffer) => {
      const from = stdout.length;
      stdout += data.toString();
      const lines = stdout.slice(stdout.lastIndexOf('\n', from - 1) + 1).split('\n').slice(0, -1);
      for (const line of lines) {
        if (!line.startsWith('progress ')) continue;
        progress += 1;
        if (progress === killAtProgress) child.kill('SIGKILL');
      }
    });
    // 'close', not 'exit': all of stdout is read, so a "done" the child printed before the kill landed is seen.
    child.on('close', (code, signal) => resolve({ code, signal, progress, stdout, stderr }));
  });
}

// ---------------------------------------------------------------------------------------------

describe('two stations and a hub on 127.0.0.1', () => {
  const hubKey = keys();
  const hubPem = fs.readFileSync(hubKey.publicKeyPath, 'utf8');
  const feedDir = path.join(tempDir('two-feed-'), 'feed');
  const rootFile = path.join(feedDir, ROOT_PATH);
  const ctx = {} as {
    hub: Library;
    server: RunningServer;
    proxy: Awaited<ReturnType<typeof misbehavingProxy>>;
    a: Library;
    bDir: string;
    rootAfterRound1: Buffer;
    log: string[];
  };
  const publishHub = (snapshot = false) => publish(ctx.hub, { outDir: feedDir, privateKey: hubKey.privateKey, pageOps: PAGE_OPS, snapshot });
  const openB = () => Library.open(ctx.bDir);

  async function newStation(prefix: string, location: string): Promise<string> {
    const dir = tempDir(prefix);
    const library = await Library.open(dir);
    addSource(library, { location, publicKeys: [hubPem] });
    library.close();
    return dir;
  }

  /**
   * Station B's run in a child killed with SIGKILL mid-run: on a seeded progress line of the run
   * (a clean run of a copy, which must end in step with the hub, counts them). A kill that lands
   * after the run ended (the child said "done", or its run is no longer 'running') does not
   * count: B is put back as it was and killed again at another seeded line, up to KILL_TRIES
   * times. Then checked — integrity, the catalog the signed pages give at its cursor, sound
   * files, a run marked interrupted — and resumed to the end. Two more copies of B are killed and
   * resumed the same way, then B itself.
   */
  async function killAndResumeB(round: string, tries = 3): Promise<void> {
    const copyOfB = () => {
      const dir = path.join(tempDir('two-b-copy-'), 'library');
      fs.cpSync(ctx.bDir, dir, { recursive: true });
      return dir;
    };
    const clean = copyOfB();
    const pristine = copyOfB();
    const targets = [...Array.from({ length: tries - 1 }, copyOfB), ctx.bDir];
    const calibration = await runChild(clean, null);
    expect(calibration.code, calibration.stderr).toBe(0);
    expect(calibration.stdout).toMatch(/done ok/);
    expect(calibration.progress, `${round}: a clean run's progress lines`).toBeGreaterThanOrEqual(2);
    const reference = await openTestLibrary(clean);
    expectInStep(reference, ctx.hub, `${round}: clean copy of B`);
    expectSound(reference, `${round}: clean copy of B`, true);
    const cleanCursor = cursorOf(reference);

    for (const [i, dir] of targets.entries()) {
      const name = dir === ctx.bDir ? 'B' : `copy ${i + 1} of B`;
      const kills: string[] = [];
      let b: Library | null = null;
      let where = '';
      for (let attempt = 1; attempt <= KILL_TRIES && !b; attempt += 1) {
        if (attempt > 1) {
          fs.rmSync(dir, { recursive: true, force: true });
          fs.cpSync(pristine, dir, { recursive: true });
        }
        // A line before the last: the last comes as the run ends.
        const at = 1 + Math.floor(random() * (calibration.progress - 1));
        const killed = await runChild(dir, at);
        const opened = await Library.open(dir);
        const lastRun = opened.db.prepare('SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1').pluck().get() as string;
        where = `${round}: ${name} killed on progress line ${at} of ${calibration.progress} (seed ${SEED}, try ${attempt}; exit ${killed.signal ?? killed.code}; run ${lastRun})`;
        kills.push(where);
        if (killed.signal === 'SIGKILL' && !killed.stdout.includes('done') && lastRun === 'running') b = opened;
        else opened.close();
      }
      expect(b, `no kill landed mid-run:\n${kills.join('\n')}`).not.toBeNull();
      ctx.log.push(...kills);
      let station = b!;
      try {
        expectSound(station, where, false);
        const { lastChange } = cursorOf(station);
        expectAsOfCursor(catalogOf(station), feedDir, lastChange, where);
        const pending = Object.values(referencedFiles(station)).filter((state) => state !== 'present').length;
        ctx.log.push(`${where}: cursor ${lastChange}, ${pending} file(s) pending, ${partFiles(station).length} .part`);
        // The run the kill cut is marked interrupted by the next service; resuming ends in step.
        const resumed = await runOnce(station);
        expect(station.db.prepare('SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1 OFFSET 1').pluck().get(), where).toBe('interrupted');
        expect(['ok', 'unchanged'], `${where}: ${JSON.stringify(resumed.run.message)}`).toContain(resumed.run.status);
        station.close();
        station = await Library.open(dir);
        expectInStep(station, ctx.hub, `${where}, resumed`);
        expectSound(station, `${where}, resumed`, true);
        expect(cursorOf(station), where).toEqual(cleanCursor);
      } finally {
        station.close();
      }
    }
  }

  it('round 1: ~30 publications in several pages and a snapshot reach both stations', { timeout: 180_000 }, async () => {
    ctx.log = [];
    ctx.hub = await Library.open(tempDir('two-hub-'));
    for (let i = 1; i <= 30; i += 1) {
      const size = i % 6 === 0 ? 200_000 + Math.floor(random() * 400_000) : i % 6 === 1 ? 20_000 + Math.floor(random() * 60_000) : 200 + Math.floor(random() * 5_000);
      await addDocument(ctx.hub, `luat-${i}`, `Luật số ${i}`, contentOf(`luat-${i}`, size));
    }
    expect(await publishHub(true)).toMatchObject({ published: true, sequence: 1, ops: 30, pages: 3, snapshot: true, files: 30 });
    ctx.rootAfterRound1 = fs.readFileSync(rootFile);
    ctx.server = await listen(createFeedApp(feedDir, ['127.0.0.1', 'localhost']), '127.0.0.1', 0);
    closers.push(() => ctx.server.close());
    ctx.proxy = await misbehavingProxy(ctx.server.url);

    ctx.a = await Library.open(tempDir('two-a-'));
    addSource(ctx.a, { location: ctx.proxy.url, label: 'Hub qua proxy', publicKeys: [hubPem] });
    const first = await runOnce(ctx.a);
    expect(first.run).toMatchObject({ status: 'ok', sequence: 1, added: 30, files: 30, filesFailed: 0, message: null });
    expectInStep(ctx.a, ctx.hub, 'round 1, A');
    expectSound(ctx.a, 'round 1, A', true);

    ctx.bDir = await newStation('two-b-', ctx.server.url);
    await killAndResumeB('round 1');
  });

  it('round 2: adds, updates and deletes reach both; cut downloads stay pending and are completed later, Range ignored or not', { timeout: 180_000 }, async () => {
    const { hub, a, proxy } = ctx;
    await addDocument(hub, 'moi-1', 'Luật mới 1', contentOf('moi-1', 450_000));
    await addDocument(hub, 'moi-2', 'Luật mới 2', contentOf('moi-2', 3_000));
    await addDocument(hub, 'moi-3', 'Luật mới 3', contentOf('moi-3', 100_000));
    await addDocument(hub, 'luat-2', 'Luật số 2 (sửa đổi)', contentOf('luat-2b', 350_000)); // new title, new file
    const same = fs.readFileSync(hub.files.pathOf(catalogOf(hub)['luat-3'].files[0]), 'latin1');
    await addDocument(hub, 'luat-3', 'Luật số 3 (tên mới)', same); // new title, same file
    deletePublication(hub.db, 'luat-4');
    deletePublication(hub.db, 'luat-6'); // a large file's publication
    for (let i = 10; i <= 20; i += 1) {
      const pub = catalogOf(hub)[`luat-${i}`];
      await addDocument(hub, `luat-${i}`, `${pub.title} (đính chính)`, fs.readFileSync(hub.files.pathOf(pub.files[0]), 'latin1'));
    }
    expect(await publishHub()).toMatchObject({ published: true, sequence: 2, ops: 18, pages: 5 }); // two new pages

    // A through the proxy cutting every file response after 64 KB: what fits in 5 cut attempts arrives.
    Object.assign(proxy.mode, { cutFilesAfter: CUT_AT });
    const cut = await runOnce(a);
    expect(cut.run).toMatchObject({ status: 'ok', sequence: 2, added: 3, updated: 13, deleted: 2 });
    const big = ['moi-1', 'luat-2'].map((id) => catalogOf(hub)[id].files[0]);
    expect(cut.failedFiles.map((file) => file.sha256).sort()).toEqual([...big].sort());
    expect(cut.run.filesFailed).toBe(2);
    expect(cut.run.files).toBe(2); // moi-2 (no cut) and moi-3 (resumed over two cut responses)
    expect(cut.run.message).toEqual({ key: 'sync.filesNotDownloaded', params: { count: 2 } });
    expect(proxy.seen.cuts).toBeGreaterThanOrEqual(2 * ATTEMPTS);
    expect(catalogOf(a)).toEqual(catalogOf(hub));
    expect(big.map((sha) => referencedFiles(a)[sha])).toEqual(['pending', 'pending']);
    const parts = partFiles(a);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(fs.statSync(path.join(a.dir, part)).size).toBe(ATTEMPTS * CUT_AT); // each attempt resumed where the last was cut
    expectSound(a, 'round 2, A after cuts', false);

    // The next run: two 503s, then the proxy drops Range, so the hub sends whole files: A starts them over.
    Object.assign(proxy.mode, { cutFilesAfter: null, fail503: 2, ignoreRange: true });
    const before = { ...proxy.seen };
    const sizes = big.map((sha) => fs.statSync(hub.files.pathOf(sha)).size);
    const completed = await runOnce(a);
    expect(completed.run).toMatchObject({ status: 'ok', files: 2, filesFailed: 0, message: null, added: 0 });
    expect(proxy.seen.served503 - before.served503).toBe(2);
    expect(proxy.seen.rangeRequests - before.rangeRequests).toBeGreaterThanOrEqual(2);
    expect(proxy.seen.fileBytes - before.fileBytes).toBe(sizes[0] + sizes[1]);
    Object.assign(proxy.mode, normal());
    expectInStep(a, hub, 'round 2, A');
    expectSound(a, 'round 2, A', true);
    for (const sha of big) expect(sha256Hex(fs.readFileSync(a.files.pathOf(sha)))).toBe(sha256Hex(fs.readFileSync(hub.files.pathOf(sha))));

    await killAndResumeB('round 2');
  });

  it('round 3: forged roots are refused by both stations, with catalogs, cursors and caches unchanged', { timeout: 180_000 }, async () => {
    const { hub, a } = ctx;
    const genuine = fs.readFileSync(rootFile);
    const root: FeedRoot = rootSchema.parse(JSON.parse(genuine.toString('utf8')));
    expect(root.sequence).toBe(2);
    const other = keys();

    const forgeries: { name: string; code: string; plant: () => void }[] = [
      {
        name: 'one changed byte (sequence 2 → 3), the genuine signature placed under its new hash',
        code: 'bad_signature',
        plant: () => {
          const forged = Buffer.from(genuine);
          const at = forged.indexOf('"sequence":2') + '"sequence":'.length;
          forged[at] = '3'.charCodeAt(0);
          fs.writeFileSync(path.join(feedDir, signaturePathOf(forged)), fs.readFileSync(path.join(feedDir, signaturePathOf(genuine))));
          fs.writeFileSync(rootFile, forged);
        },
      },
      {
        name: 'a newer root signed by another key',
        code: 'unknown_key',
        plant: () => {
          const signed = signRoot({ ...root, sequence: 3, keyId: keyIdOf(other.publicKey) }, other.privateKey);
          fs.writeFileSync(path.join(feedDir, signed.signaturePath), signed.signature);
          fs.writeFileSync(rootFile, signed.bytes);
        },
      },
      { name: 'the older root of round 1 replayed', code: 'rollback', plant: () => fs.writeFileSync(rootFile, ctx.rootAfterRound1) },
      {
        name: 'a same-sequence fork signed by the hub',
        code: 'fork',
        plant: () => {
          const signed = signRoot({ ...root, createdAt: new Date(Date.parse(root.createdAt) + 1_000).toISOString() }, hubKey.privateKey);
          fs.writeFileSync(path.join(feedDir, signed.signaturePath), signed.signature);
          fs.writeFileSync(rootFile, signed.bytes);
        },
      },
    ];

    const stateOf = (library: Library, sourceId: number) => ({
      catalog: catalogOf(library),
      files: referencedFiles(library),
      cursor: cursorOf(library),
      changes: library.db.prepare('SELECT count(*) FROM changes').pluck().get(),
      cachedRoot: sha256Hex(fs.readFileSync(path.join(feedCacheDir(library, sourceId), ROOT_PATH))),
    });
    const b = await openB();
    try {
      for (const forgery of forgeries) {
        forgery.plant();
        try {
          for (const [name, station] of [['A', a], ['B', b]] as const) {
            const where = `${name}: ${forgery.name}`;
            const sourceId = listSources(station)[0].id;
            const before = stateOf(station, sourceId);
            const { run } = await runOnce(station);
            expect(run.status, `${where}: ${JSON.stringify(run.message)}`).toBe('refused');
            expect(say('en', run.message!), where).toContain(`Feed refused (${forgery.code})`);
            expect(stateOf(station, sourceId), where).toEqual(before);
            expect(listSources(station)[0].last_error, where).toContain(forgery.code);
          }
        } finally {
          fs.writeFileSync(rootFile, genuine);
        }
      }
      // The genuine root again: nothing to do.
      for (const station of [a, b]) expect((await runOnce(station)).run.status).toBe('unchanged');
      for (const [name, station] of [['A', a], ['B', b]] as const) {
        expectInStep(station, hub, `round 3, ${name}`);
        expectSound(station, `round 3, ${name}`, true);
      }
    } finally {
      b.close();
    }
  });

  it('round 4: after a legit publish (with a new snapshot) both catch up, through a forged page and cut files on A', { timeout: 180_000 }, async () => {
    const { hub, a, proxy } = ctx;
    await addDocument(hub, 'r4-1', 'Nghị định vòng 4', contentOf('r4-1', 500_000), { docType: 'Nghị định' });
    await addDocument(hub, 'r4-2', 'Thông tư vòng 4', contentOf('r4-2', 1_000), { docType: 'Thông tư', fields: ['Thuế'] });
    const same = fs.readFileSync(hub.files.pathOf(catalogOf(hub)['luat-7'].files[0]), 'latin1');
    await addDocument(hub, 'luat-7', 'Luật số 7 (hợp nhất)', same);
    deletePublication(hub.db, 'luat-8');
    expect(await publishHub(true)).toMatchObject({ published: true, sequence: 3, ops: 4, snapshot: true });

    // A page with one byte flipped in transit: refused before anything is written.
    Object.assign(proxy.mode, { flipPages: true });
    const before = { catalog: catalogOf(a), cursor: cursorOf(a) };
    const forged = await runOnce(a);
    expect(forged.run.status).toBe('refused');
    expect(say('en', forged.run.message!)).toContain('Feed refused (bad_page)');
    expect(proxy.seen.flipped).toBeGreaterThan(0);
    expect({ catalog: catalogOf(a), cursor: cursorOf(a) }).toEqual(before);

    // Cut again: the large file stays pending with its .part; the next run asks only for the rest.
    Object.assign(proxy.mode, { ...normal(), cutFilesAfter: CUT_AT });
    const cut = await runOnce(a);
    expect(cut.run).toMatchObject({ status: 'ok', sequence: 3, added: 2, updated: 1, deleted: 1, files: 1, filesFailed: 1 });
    const big = catalogOf(hub)['r4-1'].files[0];
    const partSize = fs.statSync(path.join(a.layout.partial, `${big}.part`)).size;
    expect(partSize).toBe(ATTEMPTS * CUT_AT);
    Object.assign(proxy.mode, normal());
    const sentBefore = proxy.seen.fileBytes;
    const rangesBefore = proxy.seen.rangeRequests;
    const resumed = await runOnce(a);
    expect(resumed.run).toMatchObject({ status: 'ok', files: 1, filesFailed: 0, message: null });
    expect(proxy.seen.fileBytes - sentBefore).toBe(fs.statSync(hub.files.pathOf(big)).size - partSize);
    expect(proxy.seen.rangeRequests - rangesBefore).toBe(1);
    expectInStep(a, hub, 'round 4, A');
    expectSound(a, 'round 4, A', true);

    const b = await openB();
    try {
      expect((await runOnce(b)).run).toMatchObject({ status: 'ok', sequence: 3, added: 2, updated: 1, deleted: 1, files: 2, filesFailed: 0 });
      expectInStep(b, hub, 'round 4, B');
      expectSound(b, 'round 4, B', true);
      expect(cursorOf(b)).toEqual(cursorOf(a));
    } finally {
      b.close();
    }
  });

  it('round 5: a USB bundle from A carries the catalog and A’s files to C with no network; a station key is never accepted', { timeout: 180_000 }, async () => {
    const { hub, a, proxy } = ctx;
    // One more publication whose file A cannot get: A exports it as "not yet downloaded".
    await addDocument(hub, 'r5-1', 'Quyết định vòng 5', contentOf('r5-1', 250_000));
    expect(await publishHub()).toMatchObject({ published: true, sequence: 4 });
    const held = catalogOf(hub)['r5-1'].files[0];
    proxy.mode.missing.add(held);
    const partial = await runOnce(a);
    expect(partial.run).toMatchObject({ status: 'ok', sequence: 4, added: 1, files: 0, filesFailed: 1 });
    expect(proxy.seen.notFound).toBe(1);
    expectInStep(a, hub, 'round 5, A');
    expect(referencedFiles(a)[held]).toBe('pending');
    const b = await openB();
    expect((await runOnce(b)).run).toMatchObject({ status: 'ok', files: 1 });
    expectInStep(b, hub, 'round 5, B');
    expectSound(b, 'round 5, B', true);
    b.close();

    const usb = path.join(tempDir('two-usb-'), 'usb');
    const exported = await exportBundle(a, { to: usb });
    const aFiles = referencedFiles(a);
    const aHeld = Object.values(aFiles).filter((state) => state === 'present').length;
    expect(exported).toMatchObject({ sequence: 4, snapshot: true, files: aHeld, missingFiles: 1 });
    expect(fs.readFileSync(path.join(usb, ROOT_PATH))).toEqual(fs.readFileSync(rootFile));
    expect(fs.existsSync(path.join(usb, 'files', held.slice(0, 2), held))).toBe(false);

    // No network from here on.
    for (const close of closers.splice(0)) await close();

    const c = await tempLibrary('two-c-');
    try {
      // The bundle re-signed with A's own key, and A's signature under the hub's key id: refused.
      const stationKey = keys();
      const rootBytes = fs.readFileSync(path.join(usb, ROOT_PATH));
      const root = rootSchema.parse(JSON.parse(rootBytes.toString('utf8')));
      const resigned = path.join(tempDir('two-usb-resigned-'), 'usb');
      fs.cpSync(usb, resigned, { recursive: true });
      const signed = signRoot({ ...root, keyId: keyIdOf(stationKey.publicKey) }, stationKey.privateKey);
      fs.writeFileSync(path.join(resigned, signed.signaturePath), signed.signature);
      fs.writeFileSync(path.join(resigned, ROOT_PATH), signed.bytes);
      const posing = path.join(tempDir('two-usb-posing-'), 'usb');
      fs.cpSync(usb, posing, { recursive: true });
      const signature = canonicalJson({ keyId: keyIdOf(hubKey.publicKey), signature: sign(null, rootBytes, stationKey.privateKey).toString('base64') });
      fs.writeFileSync(path.join(posing, signaturePathOf(rootBytes)), signature);
      for (const [folder, code] of [
        [resigned, 'unknown_key'],
        [posing, 'bad_signature'],
      ] as const) {
        const source = addSource(c, { location: folder, publicKeys: [hubPem] });
        const { run } = await runOnce(c, source.id);
        expect(run.status, folder).toBe('refused');
        expect(say('en', run.message!)).toContain(`Feed refused (${code})`);
        expect(c.db.prepare('SELECT count(*) FROM publications').pluck().get()).toBe(0);
        expect(c.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(0);
      }

      const source = addSource(c, { location: usb, publicKeys: [hubPem] });
      const { run } = await runOnce(c, source.id);
      expect(run).toMatchObject({ status: 'ok', sequence: 4, filesFailed: 1 }); // r5-1: not in the bundle
      expectInStep(c, hub, 'round 5, C');
      expect(catalogOf(c)).toEqual(catalogOf(a));
      expect(referencedFiles(c)).toEqual(aFiles);
      expectSound(c, 'round 5, C', false);
      expect(partFiles(c)).toEqual([]);
      for (const [sha, state] of Object.entries(aFiles)) {
        if (state === 'present') expect(fs.readFileSync(c.files.pathOf(sha)).equals(fs.readFileSync(a.files.pathOf(sha))), sha).toBe(true);
      }
    } finally {
      a.close();
      hub.close();
    }
    if (process.env.TWO_STATIONS_LOG) console.log(ctx.log.join('\n'));
  });
});

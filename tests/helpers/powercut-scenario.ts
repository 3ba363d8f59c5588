/**
 * One power cut of a commune station, end to end, for the test and the bench: a hub's signed
 * feed of several pages with files; a station library copied onto the powercut-fs disk; the
 * station child (./powercut-child.ts) run on the mount and cut after a chosen acknowledgement;
 * then the disk opened as the app would on the next start (a fresh process, no FUSE) and checked
 * against what the child acknowledged. Free of vitest.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { deletePublication, saveDocuments } from '../../catalog/documents.js';
import { generateKeyPair, loadPrivateKey } from '../../catalog/feed/keys.js';
import { publish } from '../../catalog/feed/publish.js';
import { Library } from '../../catalog/library.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { downloadPending } from '../../catalog/sync/download.js';
import { getSource } from '../../catalog/sync/sources.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { integrityOf } from './integrity.js';
import { mountPowercut } from './powercut-mount.js';
import { prng } from './prng.js';

export const SOURCE_ID = 1;
const LIBRARIAN_DOCUMENTS = 8;
export const BROKEN_SYNCHRONOUS_ENV = 'POWERCUT_BROKEN_SYNCHRONOUS';
export const BROKEN_FILE_SYNC_ENV = 'POWERCUT_BROKEN_FILE_SYNC';
const CHILD = fileURLToPath(new URL('./powercut-child.ts', import.meta.url));
const PAGES = 8;
const OPS_PER_PAGE = 6;

/** What the child acknowledged: the library opened, a sync page committed (its cursor), a file stored, an outbox item queued. */
export type Ack =
  | { t: 'open' }
  | { t: 'page'; cursor: number }
  | { t: 'downloaded' }
  | { t: 'stored'; sha256: string }
  | { t: 'outbox'; id: number; publication: string; sha256: string };

export interface Feed {
  readonly dir: string;
  /** The hub's publications (id → title) as of change `cursor`. */
  stateAt(cursor: number | null): Map<string, string>;
  /** The last change of each page, in order. */
  readonly pageEnds: number[];
}

/**
 * A hub in `dir` publishing PAGES pages of puts, updates and deletes, each put with a file of its
 * own; `halfDir` is a copy of its feed as it was after the first half of the pages.
 */
export async function buildFeed(dir: string, seed: number): Promise<Feed & { halfDir: string; publicKeyPem: string }> {
  const random = prng(seed);
  const hub = await Library.open(path.join(dir, 'hub'));
  const keys = generateKeyPair(path.join(dir, 'keys'));
  const privateKey = loadPrivateKey(keys.privateKeyPath);
  const feedDir = path.join(dir, 'feed');
  const titleAt = new Map<number, string>();
  const live: string[] = [];
  const pageEnds: number[] = [];
  const lastSeq = () => hub.db.prepare('SELECT max(seq) FROM changes').pluck().get() as number;
  for (let page = 0; page < PAGES; page += 1) {
    for (let op = 0; op < OPS_PER_PAGE; op += 1) {
      const roll = random();
      if (roll < 0.15 && live.length > 0) {
        deletePublication(hub.db, live.splice(Math.floor(random() * live.length), 1)[0]);
        continue;
      }
      const id = roll < 0.35 && live.length > 0 ? live[Math.floor(random() * live.length)] : `luat-${page}-${op}`;
      if (!live.includes(id)) live.push(id);
      const title = `Luật ${id} bản ${page}.${op}`;
      const bytes = Buffer.from(`%PDF-1.4 ${title} ${'x'.repeat(1_000 + Math.floor(random() * 200_000))}`);
      const stored = await hub.files.put(Readable.from([bytes]));
      saveDocuments(hub.db, [
        {
          publication: { id, kind: 'legal', title, issuedDate: '2024-06-01', fields: ['Đất đai'], docType: 'Luật', issuer: 'Quốc hội' },
          files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
        },
      ]);
      titleAt.set(lastSeq(), title);
    }
    await publish(hub, { outDir: feedDir, privateKey, snapshotThreshold: 1_000_000 });
    pageEnds.push(lastSeq());
    if (page === PAGES / 2 - 1) fs.cpSync(feedDir, path.join(dir, 'feed-half'), { recursive: true });
  }
  const changes = hub.db.prepare('SELECT seq, publication_id AS id, op FROM changes ORDER BY seq').all() as { seq: number; id: string; op: string }[];
  hub.close();
  return {
    dir: feedDir,
    halfDir: path.join(dir, 'feed-half'),
    publicKeyPem: fs.readFileSync(keys.publicKeyPath, 'utf8'),
    pageEnds,
    stateAt(cursor) {
      const state = new Map<string, string>();
      for (const change of changes) {
        if (change.seq > (cursor ?? 0)) break;
        if (change.op === 'delete') state.delete(change.id);
        else state.set(change.id, titleAt.get(change.seq)!);
      }
      return state;
    },
  };
}

/**
 * A station library in `dir`, to copy onto each run's disk: it trusts the feed's key (source
 * SOURCE_ID) and holds the first half of the feed with its files, as a station in service does,
 * so the run's pages replace and delete files it has.
 */
export async function stationTemplate(dir: string, feed: { dir: string; halfDir: string; publicKeyPem: string }): Promise<string> {
  const station = await Library.open(dir);
  station.db.prepare('INSERT INTO sync_sources (id, location, trusted_keys) VALUES (?, ?, ?)').run(SOURCE_ID, feed.dir, JSON.stringify([feed.publicKeyPem]));
  const half = new FolderSource(feed.halfDir);
  await syncOnce(station, getSource(station, SOURCE_ID), half);
  const download = await downloadPending(station, half, { baseDelayMs: 1 });
  station.close();
  if (download.failed.length > 0 || download.downloaded === 0) throw new Error(`the station template did not download its files: ${JSON.stringify(download)}`);
  return dir;
}

export interface CutRun {
  /** The library on the disk after the cut. */
  libraryDir: string;
  acks: Ack[];
  /** When each acknowledgement arrived (ms after the child started). */
  ackTimes: number[];
  /** Whether the child had finished before the cut. */
  finished: boolean;
  /** Whether the child failed on its own, before any cut (its stderr says why). */
  failed: boolean;
  stderr: string;
}

/**
 * Copies the template onto a new disk in `scratch`, runs the child on the mounted layer, and
 * cuts the power `delayMs` after its `cutAfter`-th acknowledgement (or after `cutWhen` says so,
 * or once it finished); the child is then killed and the layer unmounted.
 */
export async function runWithCut(options: {
  template: string;
  feedDir: string;
  scratch: string;
  seed: number;
  /** Documents the librarian queues during the run (LIBRARIAN_DOCUMENTS unless given; 0: a quiet station). */
  documents?: number;
  cutAfter?: number;
  cutWhen?: (ack: Ack) => boolean;
  delayMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<CutRun> {
  const disk = path.join(options.scratch, 'disk');
  fs.cpSync(options.template, path.join(disk, 'library'), { recursive: true });
  const mount = await mountPowercut(disk, options.scratch);
  const acks: Ack[] = [];
  const ackTimes: number[] = [];
  let finished = false;
  let failed = false;
  let stderr = '';
  try {
    const args = [CHILD, path.join(mount.dir, 'library'), options.feedDir, String(options.seed), String(options.documents ?? LIBRARIAN_DOCUMENTS)];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let powerOff = false;
    const cutPower = () => {
      if (powerOff) return;
      powerOff = true;
      mount.cut();
    };
    const cutNow = () => {
      timer ??= setTimeout(() => {
        cutPower();
        child.kill('SIGKILL');
      }, options.delayMs ?? 0);
    };
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'done') {
          finished = true;
          continue;
        }
        const ack = JSON.parse(line) as Ack;
        acks.push(ack);
        ackTimes.push(performance.now() - started);
        if (acks.length === options.cutAfter || options.cutWhen?.(ack)) cutNow();
      }
    });
    child.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
    clearTimeout(timer);
    if (!powerOff && code !== 0) failed = true;
    cutPower();
  } finally {
    await mount.unmount();
  }
  return { libraryDir: path.join(disk, 'library'), acks, ackTimes, finished, failed, stderr };
}

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file in the store's sha256 folders whose bytes do not hash to its name. */
function tornStoreFiles(library: Library): string[] {
  const torn: string[] = [];
  for (const folder of fs.readdirSync(library.layout.files)) {
    if (!/^[0-9a-f]{2}$/.test(folder)) continue;
    for (const name of fs.readdirSync(path.join(library.layout.files, folder))) {
      if (sha256Of(path.join(library.layout.files, folder, name)) !== name) torn.push(`${folder}/${name}`);
    }
  }
  return torn;
}

export interface Checked {
  /** What broke a promise (empty when none did). */
  problems: string[];
  /** The sync cursor found on the disk. */
  cursor: number | null;
  /** Sync pages the child reported committed that the cut rolled back (allowed: synchronous=NORMAL, see docs/kiosk.md). */
  pagesRolledBack: number;
}

/**
 * Opens the library on the disk as the app's next start would (no FUSE, a fresh process from
 * the child's) and checks every promise: the station did not fail before the cut; the library
 * opens and its catalog passes integrity_check; every acknowledged outbox item is there with its
 * whole file; every stored file is whole; no store file is torn and every file the catalog calls
 * present is whole; the publications are as the hub had them at the sync cursor (or the end of
 * the page after: a page applies in slices, the cursor with its last); and a resumed sync ends as
 * the hub's feed does, with every file whole.
 */
export async function checkAfterCut(run: CutRun, feed: Feed): Promise<Checked> {
  const problems: string[] = run.failed ? [`the station failed before the cut: ${run.stderr}`] : [];
  const library = await Library.open(run.libraryDir).catch((error: unknown) => {
    problems.push(`the library does not open: ${String(error)}`);
    return null;
  });
  if (!library) return { problems, cursor: null, pagesRolledBack: 0 };
  try {
    const integrity = integrityOf(library);
    if (integrity !== 'ok') return { problems: [...problems, `integrity_check: ${integrity}`], cursor: null, pagesRolledBack: 0 };
    const whole = (sha256: string) => fs.existsSync(library.files.pathOf(sha256)) && sha256Of(library.files.pathOf(sha256)) === sha256;
    for (const ack of run.acks) {
      if (ack.t === 'stored' && !whole(ack.sha256)) problems.push(`stored file ${ack.sha256} is not whole`);
      if (ack.t !== 'outbox') continue;
      const row = library.db.prepare('SELECT publication_id, sha256 FROM outbox WHERE id = ?').get(ack.id) as { publication_id: string; sha256: string } | undefined;
      if (row?.publication_id !== ack.publication || row.sha256 !== ack.sha256) problems.push(`outbox item ${ack.id} (${ack.publication}) lost`);
      else if (!whole(ack.sha256)) problems.push(`outbox item ${ack.id}: its file is not whole`);
    }
    for (const torn of tornStoreFiles(library)) problems.push(`store file ${torn} is torn`);
    const present = library.db.prepare("SELECT sha256 FROM files WHERE state = 'present'").pluck().all() as string[];
    for (const sha256 of present) if (!whole(sha256)) problems.push(`file ${sha256} is 'present' but not whole`);

    const cursor = getSource(library, SOURCE_ID).last_change;
    const national = () =>
      new Map((library.db.prepare("SELECT id, title FROM publications WHERE origin = 'national' ORDER BY id").all() as { id: string; title: string }[]).map((p) => [p.id, p.title]));
    const before = feed.stateAt(cursor);
    const after = feed.stateAt(feed.pageEnds.find((end) => end > (cursor ?? 0)) ?? feed.pageEnds[feed.pageEnds.length - 1]);
    const state = national();
    for (const id of new Set([...before.keys(), ...after.keys(), ...state.keys()])) {
      if (state.get(id) !== before.get(id) && state.get(id) !== after.get(id)) problems.push(`publication ${id} is "${state.get(id)}", neither as of cursor ${cursor} nor the next page`);
    }
    const reported = run.acks.filter((ack) => ack.t === 'page').map((ack) => ack.cursor);
    const pagesRolledBack = reported.filter((reportedCursor) => reportedCursor > (cursor ?? -1)).length;

    const source = new FolderSource(feed.dir);
    await syncOnce(library, getSource(library, SOURCE_ID), source);
    const download = await downloadPending(library, source, { baseDelayMs: 1 });
    if (download.failed.length > 0) problems.push(`resumed download failed: ${JSON.stringify(download.failed)}`);
    const final = feed.stateAt(feed.pageEnds[feed.pageEnds.length - 1]);
    if (JSON.stringify([...national()]) !== JSON.stringify([...final])) problems.push('a resumed sync does not end as the feed does');
    const missing = library.db.prepare("SELECT count(*) FROM files WHERE state <> 'present'").pluck().get() as number;
    if (missing > 0) problems.push(`${missing} files not present after a resumed sync`);
    for (const torn of tornStoreFiles(library)) problems.push(`store file ${torn} is torn after a resumed sync`);
    const resumedIntegrity = integrityOf(library);
    if (resumedIntegrity !== 'ok') problems.push(`integrity_check after a resumed sync: ${resumedIntegrity}`);
    return { problems, cursor, pagesRolledBack };
  } finally {
    library.close();
  }
}

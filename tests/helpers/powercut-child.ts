/**
 * The station a power-cut test cuts: run as `node --import tsx powercut-child.ts LIBRARY FEED SEED
 * DOCUMENTS` with LIBRARY on the powercut-fs mount. At once, as a commune station does, it syncs
 * the feed (a folder source, not on the mount) and downloads its files, while a librarian stores
 * DOCUMENTS scanned documents and queues them for the hub (0: a quiet station). It prints one
 * JSON line (an Ack) each time something is done — a method returned, a sync page committed —
 * and "done" at the end.
 * Two switches, set only by the tests that prove the check can fail, break this child (never the
 * product): POWERCUT_BROKEN_SYNCHRONOUS=1 runs the catalog with synchronous=OFF and ignores every
 * later change of it; POWERCUT_BROKEN_FILE_SYNC=1 makes node's FileHandle.sync do nothing, so
 * the store moves files into place unsynced.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { saveDocuments } from '../../catalog/documents.js';
import { Library } from '../../catalog/library.js';
import { enqueue } from '../../catalog/outbox/store.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { downloadPending } from '../../catalog/sync/download.js';
import { getSource } from '../../catalog/sync/sources.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { BROKEN_FILE_SYNC_ENV, BROKEN_SYNCHRONOUS_ENV, SOURCE_ID } from './powercut-scenario.js';
import type { Ack } from './powercut-scenario.js';
import { prng } from './prng.js';

const [libraryDir, feedDir, seedText, documentsText] = process.argv.slice(2);
const random = prng(Number(seedText));
const say = (ack: Ack | 'done') => process.stdout.write(`${typeof ack === 'string' ? ack : JSON.stringify(ack)}\n`);

const library = await Library.open(libraryDir);
if (process.env[BROKEN_SYNCHRONOUS_ENV]) {
  const db = library.db;
  const pragma = db.pragma.bind(db);
  pragma('synchronous = OFF');
  db.pragma = ((source: string, options?: { simple?: boolean }) => (/^synchronous\s*=/i.test(source) ? [] : pragma(source, options))) as typeof db.pragma;
}
if (process.env[BROKEN_FILE_SYNC_ENV]) {
  const handle = await fs.open(libraryDir, 'r');
  (Object.getPrototypeOf(handle) as { sync: () => Promise<void> }).sync = async () => undefined;
  await handle.close();
}
say({ t: 'open' });

async function station(): Promise<void> {
  const source = new FolderSource(feedDir);
  let cursor = getSource(library, SOURCE_ID).last_change;
  await syncOnce(library, getSource(library, SOURCE_ID), source, {
    onProgress: () => {
      const now = getSource(library, SOURCE_ID).last_change;
      if (now !== cursor) say({ t: 'page', cursor: (cursor = now) ?? -1 });
    },
  });
  const now = getSource(library, SOURCE_ID).last_change;
  if (now !== cursor) say({ t: 'page', cursor: now ?? -1 });
  await downloadPending(library, source, { baseDelayMs: 1, concurrency: 2 });
  say({ t: 'downloaded' });
}

async function librarian(): Promise<void> {
  for (let i = 0; i < Number(documentsText); i += 1) {
    const bytes = Buffer.concat([Buffer.from(`%PDF-1.4 công văn ${i} `), randomBytes(2_000 + Math.floor(random() * 60_000))]);
    const stored = await library.files.put(Readable.from([bytes]));
    say({ t: 'stored', sha256: stored.sha256 });
    const id = `local-${seedText}-${i}`;
    saveDocuments(library.db, [
      {
        publication: { id, kind: 'legal', title: `Công văn ${i}`, number: `${i}/UBND`, docType: 'Công văn', issuer: 'UBND xã', fields: ['Đất đai'], origin: 'local' },
        files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
      },
    ]);
    const row = enqueue(library.db, id);
    say({ t: 'outbox', id: row.id, publication: id, sha256: stored.sha256 });
    await sleep(Math.floor(random() * 40));
  }
}

await Promise.all([station(), librarian()]);
library.close();
say('done');

/**
 * Sync benchmark, metadata side: a generated feed (a signed root naming a JSON Lines snapshot of
 * N publications, then a second root adding a page of 1,000 changes) applied to an empty station
 * in a child process (tests/bench/measure-sync.ts), whose peak RSS is the sync's own. Run for a
 * small and a large snapshot, so the two peaks show whether memory grows with the feed.
 * Baselines in the same child: the same snapshot lines parsed and inserted into a bare SQLite
 * table, and the page's publications written the same way.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair, loadPrivateKey } from '../../catalog/feed/keys.js';
import { keyIdOf } from '../../catalog/feed/keys.js';
import { canonicalJson, signRoot } from '../../catalog/feed/root.js';
import { sha256Hex } from '../../catalog/store/hash.js';
import type { FeedRoot, PageRef } from '../../catalog/feed/root.js';
import type { FeedOp, FeedPublication } from '../../catalog/feed/pages.js';
import { PAGE_FORMAT } from '../../catalog/feed/pages.js';
import { writeSnapshotFile } from '../../catalog/feed/snapshot-file.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { createPublicKey } from 'node:crypto';

const TYPES = ['Luật', 'Nghị định', 'Thông tư', 'Quyết định', 'Nghị quyết', 'Chỉ thị'];
const ISSUERS = ['Quốc hội', 'Chính phủ', 'Bộ Tư pháp', 'Bộ Tài chính', 'UBND tỉnh Lào Cai', 'Bộ Nông nghiệp và Môi trường'];
const FIELDS = ['Đất đai', 'Thuế - Phí - Lệ phí', 'Giao thông', 'Y tế', 'Giáo dục', 'Lao động - Tiền lương', 'Hộ tịch', 'Xây dựng'];
const TOPICS = ['quản lý, sử dụng đất đai', 'thu phí, lệ phí', 'bảo hiểm xã hội tự nguyện', 'đăng ký hộ tịch', 'an toàn giao thông đường bộ', 'khám bệnh, chữa bệnh'];

export function benchPublication(i: number, edition = 0): FeedPublication {
  const type = TYPES[i % TYPES.length];
  const year = 2000 + (i % 26);
  const number = `${(i % 400) + 1}/${year}/${type === 'Luật' ? 'QH15' : 'NĐ-CP'}`;
  const sha256 = createHash('sha256').update(`file ${i} ${edition}`).digest('hex');
  return {
    id: `vb-${String(i).padStart(7, '0')}`,
    kind: 'legal',
    title: `${type} ${number} về ${TOPICS[i % TOPICS.length]}${edition ? ` (sửa đổi lần ${edition})` : ''}`,
    number,
    docType: type,
    issuer: ISSUERS[i % ISSUERS.length],
    issuedDate: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    effectiveDate: null,
    legalStatus: i % 5 === 0 ? 'not_in_force' : 'in_force',
    fields: [FIELDS[i % FIELDS.length], FIELDS[(i * 7) % FIELDS.length]].filter((f, k, all) => all.indexOf(f) === k),
    language: 'vi',
    authors: [],
    publisher: null,
    description: `Quy định chi tiết về ${TOPICS[(i + 1) % TOPICS.length]} áp dụng trên phạm vi cả nước.`,
    origin: 'national',
    updatedAt: '2026-11-01T00:00:00.000Z',
    files: [{ sha256, size: 200_000 + (i % 1000) * 100, mediaType: 'application/pdf', role: 'content' }],
  };
}

function writeRoot(feedDir: string, privateKeyPath: string, root: Omit<FeedRoot, 'keyId' | 'format' | 'opds' | 'createdAt' | 'expiresAt'>) {
  const privateKey = loadPrivateKey(privateKeyPath);
  const now = Date.now();
  const signed = signRoot(
    {
      format: 'tu-sach-feed/1',
      keyId: keyIdOf(createPublicKey(privateKey)),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
      opds: { path: 'opds/root.json' },
      ...root,
    },
    privateKey,
  );
  fs.mkdirSync(path.join(feedDir, 'signatures'), { recursive: true });
  fs.writeFileSync(path.join(feedDir, signed.signaturePath), signed.signature);
  fs.writeFileSync(path.join(feedDir, 'root.json'), signed.bytes);
}

/** Two feed folders: `first` (a snapshot of `count`), `second` (the same plus `pageCount` pages of `pageOps` changes: 1 of 1,000 by default). */
export function buildBenchFeed(dir: string, count: number, pageOps = 1_000, pageCount = 1) {
  const keys = generateKeyPair(path.join(dir, 'keys'));
  const first = path.join(dir, 'feed-1');
  const snapshot = writeSnapshotFile(first, count, count, (function* () {
    for (let i = 1; i <= count; i += 1) yield benchPublication(i);
  })());
  const snapshotRef = { ...snapshot, sequence: 1, lastChange: count };
  writeRoot(first, keys.privateKeyPath, { sequence: 1, pages: [], snapshot: snapshotRef });

  const second = path.join(dir, 'feed-2');
  fs.cpSync(first, second, { recursive: true });
  fs.mkdirSync(path.join(second, 'pages'), { recursive: true });
  const pageRefs: PageRef[] = [];
  let change = count;
  for (let p = 0; p < pageCount; p += 1) {
    // 70% updates, 20% new publications, 10% deletes.
    const ops: FeedOp[] = [];
    const added = count + 1 + p * pageOps;
    for (let k = 0; k < pageOps * 0.7; k += 1) ops.push({ op: 'put', publication: benchPublication(1 + ((k * 131 + p) % count), 1 + p) });
    for (let k = 0; k < pageOps * 0.2; k += 1) ops.push({ op: 'put', publication: benchPublication(added + k) });
    for (let k = 0; k < pageOps * 0.1; k += 1) ops.push({ op: 'delete', id: benchPublication(1 + ((k * 977 + 5 + p) % count)).id });
    const page = Buffer.from(canonicalJson({ format: PAGE_FORMAT, firstChange: change + 1, lastChange: change + ops.length, ops }));
    pageRefs.push({ path: `pages/${sha256Hex(page)}.json`, sha256: sha256Hex(page), size: page.length, firstChange: change + 1, lastChange: change + ops.length });
    fs.writeFileSync(path.join(second, pageRefs[p].path), page);
    change += ops.length;
  }
  writeRoot(second, keys.privateKeyPath, { sequence: 2, pages: pageRefs, snapshot: snapshotRef });
  return { first, second, publicKeyPath: keys.publicKeyPath, snapshotBytes: snapshot.size };
}

export interface SyncApplyFigures {
  publications: number;
  snapshotMB: number;
  snapshotSeconds: number;
  /** CPU time (user + system) of the measuring process over the same span: what the apply costs on a shared machine. */
  snapshotCpuSeconds: number;
  snapshotPerSecond: number;
  snapshotPeakRssMB: number;
  /** RSS of the child after opening the library, before the sync. */
  startRssMB: number;
  bareSnapshotSeconds: number;
  bareSnapshotCpuSeconds: number;
  pageMs: number;
  pageCpuMs: number;
  barePageMs: number;
  barePageCpuMs: number;
}

/** Builds a feed of `count` publications and measures it in a child process. */
export function benchSyncApply(count: number): SyncApplyFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-sync-'));
  try {
    const feed = buildBenchFeed(dir, count);
    const measured = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'tests/bench/measure-sync.ts'), dir, feed.first, feed.second, feed.publicKeyPath], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ) as Omit<SyncApplyFigures, 'publications' | 'snapshotMB'>;
    return { publications: count, snapshotMB: feed.snapshotBytes / 1024 / 1024, ...measured };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

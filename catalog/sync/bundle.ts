/**
 * `bookshelf export-bundle` (docs/feed.md § Bundles): a station copies the feed it verified from a
 * source (its feed cache: the hub's signed root, the signature, the snapshot and pages, bytes
 * unchanged), the files it holds and the text objects it keeps into a folder that another station
 * syncs from as a folder source. A station never signs: the receiving station checks the bundle with the hub's key.
 * Files the station does not hold are left out (the receiver shows them "not yet downloaded"), and
 * so are, with a filter, the files of publications it does not match (the selective-sync matcher,
 * shared/sync.ts); the catalog itself — snapshot, pages, root, signature — is always whole.
 * Everything is written under temporary names, and root.json last.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Library } from '../library.js';
import { feedPublicationSchema, pageSchema } from '../feed/pages.js';
import { readSnapshotLines } from '../feed/snapshot-file.js';
import { ROOT_PATH, rootSchema, signaturePathOf } from '../feed/root.js';
import { textObjectPath } from '../feed/text-object.js';
import { replaceFileAtomic } from '../store/atomic-write.js';
import { writeAtomic } from './stage.js';
import { SyncError } from './errors.js';
import { feedCacheDir, feedFileIn } from './feed-cache.js';
import { selectionMatcher } from '../../shared/sync.js';
import type { SelectablePublication, SyncSelection } from '../../shared/sync.js';

/** Which publications' files a bundle carries: a selection policy without its budget. */
export type BundleFilter = Pick<SyncSelection, 'fields' | 'docTypes' | 'kinds'>;

export interface ExportBundleOptions {
  /** The folder to write (created if missing). */
  to: string;
  /** The source whose feed is exported (its location as registered); needed when there are several. */
  sourceLocation?: string;
  /** Copy only the files of the publications this matches. */
  filter?: BundleFilter;
}

export interface ExportBundleResult {
  source: string;
  sequence: number;
  pages: number;
  snapshot: boolean;
  files: number;
  bytes: number;
  /** Files the cached catalog names that this station does not hold (left out). */
  missingFiles: number;
  /** Files of publications the filter does not match (left out; 0 without a filter). */
  filteredFiles: number;
  /** Text objects copied (those of the publications whose files the bundle may carry, that this station keeps). */
  texts: number;
}

/** A bundle that cannot be written (no synced source, several without --source…). */
export class BundleError extends SyncError {}

interface SourceRow {
  id: number;
  location: string;
}

const isUrl = (location: string) => /^https?:\/\//i.test(location);

async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function chooseSource(library: Library, sourceLocation: string | undefined): Promise<{ row: SourceRow; rootBytes: Buffer }> {
  const rows = library.db.prepare('SELECT id, location FROM sync_sources ORDER BY id').all() as SourceRow[];
  const synced: { row: SourceRow; rootBytes: Buffer }[] = [];
  for (const row of rows) {
    const rootBytes = await readIfPresent(feedFileIn(feedCacheDir(library, row.id), ROOT_PATH));
    if (rootBytes) synced.push({ row, rootBytes });
  }
  if (sourceLocation !== undefined) {
    const wanted = isUrl(sourceLocation) ? new URL(sourceLocation.endsWith('/') ? sourceLocation : `${sourceLocation}/`).toString() : path.resolve(sourceLocation);
    const found = synced.find(({ row }) => row.location === wanted || row.location === sourceLocation);
    if (!found) {
      throw new BundleError({ key: 'sync.bundleNoSuchSource', params: { location: sourceLocation, synced: synced.map(({ row }) => row.location).join(', ') || '—' } });
    }
    return found;
  }
  if (synced.length === 0) {
    throw new BundleError({ key: 'sync.bundleNothingSynced' });
  }
  if (synced.length > 1) {
    throw new BundleError({ key: 'sync.bundleChooseSource', params: { sources: synced.map(({ row }) => row.location).join(', ') } });
  }
  return synced[0];
}

/** Copies a content-addressed blob whole (catalog/store/atomic-write.ts), unless the target already has its size. */
async function copyBlob(from: string, target: string, size: number): Promise<void> {
  if ((await fs.stat(target).catch(() => null))?.size === size) return;
  await replaceFileAtomic(target, async (temp) => {
    await fs.copyFile(from, temp);
    if ((await fs.stat(temp)).size !== size) throw new BundleError({ key: 'sync.bundleSizeChanged', params: { name: path.basename(target) } });
  });
}

export async function exportBundle(library: Library, options: ExportBundleOptions): Promise<ExportBundleResult> {
  const { row, rootBytes } = await chooseSource(library, options.sourceLocation);
  const cacheDir = feedCacheDir(library, row.id);
  const root = rootSchema.parse(JSON.parse(rootBytes.toString('utf8')));
  const to = path.resolve(options.to);
  await fs.mkdir(to, { recursive: true });
  const result: ExportBundleResult = { source: row.location, sequence: root.sequence, pages: 0, snapshot: false, files: 0, bytes: 0, missingFiles: 0, filteredFiles: 0, texts: 0 };

  const copyDoc = async (feedPath: string): Promise<Buffer | null> => {
    const bytes = await readIfPresent(feedFileIn(cacheDir, feedPath));
    if (bytes) await writeAtomic(feedFileIn(to, feedPath), bytes);
    return bytes;
  };

  // The files the cached catalog names; with a filter, those of a publication it matches.
  const files = new Map<string, number>();
  const texts = new Map<string, number>();
  const filtered = new Set<string>();
  const matches = options.filter ? selectionMatcher(options.filter) : () => true;
  const addFiles = (pub: SelectablePublication & { files: { sha256: string; size: number }[]; text?: { sha256: string; size: number } }) => {
    const keep = matches(pub);
    for (const file of pub.files) {
      if (keep) files.set(file.sha256, file.size);
      else filtered.add(file.sha256);
    }
    if (keep && pub.text) texts.set(pub.text.sha256, pub.text.size);
  };
  const signature = await copyDoc(signaturePathOf(rootBytes));
  if (!signature) throw new BundleError({ key: 'sync.bundleNoSignature', params: { dir: cacheDir } });
  if (root.snapshot) {
    const cached = feedFileIn(cacheDir, root.snapshot.path);
    if ((await fs.stat(cached).catch(() => null))?.size === root.snapshot.size) {
      await copyBlob(cached, feedFileIn(to, root.snapshot.path), root.snapshot.size);
      result.snapshot = true;
      let header = true;
      for (const line of readSnapshotLines(cached)) {
        if (!header) addFiles(feedPublicationSchema.parse(JSON.parse(line.text)));
        header = false;
      }
    }
  }
  if (root.thesaurus && !(await copyDoc(root.thesaurus.path))) throw new BundleError({ key: 'sync.bundleNoThesaurus', params: { dir: cacheDir } });
  for (const ref of root.pages) {
    const bytes = await copyDoc(ref.path);
    if (!bytes) continue; // a page from before the snapshot this station started from
    result.pages += 1;
    for (const op of pageSchema.parse(JSON.parse(bytes.toString('utf8'))).ops) if (op.op === 'put') addFiles(op.publication);
  }

  result.filteredFiles = [...filtered].filter((sha256) => !files.has(sha256)).length;
  const present = library.db.prepare("SELECT 1 FROM files WHERE sha256 = ? AND size = ? AND state = 'present'").pluck();
  for (const [sha256, size] of files) {
    const from = library.files.pathOf(sha256);
    const stat = present.get(sha256, size) ? await fs.stat(from).catch(() => null) : null;
    if (!stat || stat.size !== size) {
      result.missingFiles += 1;
      continue;
    }
    await copyBlob(from, path.join(to, 'files', sha256.slice(0, 2), sha256), size);
    result.files += 1;
    result.bytes += size;
  }
  // Text objects this station keeps; a receiver extracts the others from the files.
  for (const [sha256, size] of texts) {
    const from = library.texts.pathOf(sha256);
    if ((await fs.stat(from).catch(() => null))?.size !== size) continue;
    await copyBlob(from, feedFileIn(to, textObjectPath(sha256)), size);
    result.texts += 1;
  }

  await writeAtomic(feedFileIn(to, ROOT_PATH), rootBytes);
  return result;
}

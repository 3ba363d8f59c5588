/**
 * Importing files into a library: walks the given files and folders, and for each PDF or EPUB
 * hashes it, skips it when a publication already links those bytes, extracts it in a worker
 * (extract-pool.ts: two files side by side, a long PDF's pages shared by both), stores the
 * file (and an EPUB's cover) in the file store, and writes the publication, text, structure and search index with ONE saveDocuments
 * call. Once every text is saved and searchable, PDF covers are drawn and linked (covers.ts). A refused file, a crash or a
 * failed save leaves no rows; files stored for a save that failed are removed again unless
 * something else references them (catalog/store/gc.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { saveDocuments } from '../documents.js';
import { FilesOfSave } from '../store/gc.js';
import { sha256File } from '../store/hash.js';
import type { Library } from '../library.js';
import type { NewFileLink } from '../publications.js';
import type { MessageRef } from '../../shared/messages.js';
import { refusal, refusalReason } from './errors.js';
import type { RefusalCode, RefusalInfo } from './errors.js';
import { SPLIT_SEGMENT_NAME } from './extract-file.js';
import type { ExtractOutcome } from './extract.js';
import { ExtractorPool } from './extract-pool.js';
import type { PoolOptions } from './extract-pool.js';
import { addPdfCovers } from './covers.js';
import { buildRecord } from './record.js';
import type { Extraction } from './types.js';

/** Extensions a folder walk picks up; other files are skipped and counted. */
const IMPORTABLE = /\.(pdf|epub)$/i;

export interface ImportedItem {
  path: string;
  id: string;
  kind: string;
  title: string;
  number: string | null;
  sha256: string;
  size: number;
  format: Extraction['format'];
  pageCount: number;
  sections: number;
  tocEntries: number;
  hasCover: boolean;
  language: string;
  needsOcr: boolean;
  notes: MessageRef[];
  ms: number;
}

export interface DuplicateItem {
  path: string;
  sha256: string;
  /** The publication that already has these bytes. */
  publicationId: string;
}

export interface RefusedItem {
  path: string;
  code: RefusalCode;
  /** The cause and its detail, as a message ("password-protected PDF"). */
  reason: MessageRef;
}

export interface ImportSummary {
  imported: ImportedItem[];
  duplicates: DuplicateItem[];
  refused: RefusedItem[];
  /** Files a folder walk passed over (not .pdf/.epub, hidden). */
  skipped: number;
}

export type ImportOutcome =
  | { status: 'imported'; item: ImportedItem }
  | { status: 'duplicate'; item: DuplicateItem }
  | { status: 'refused'; item: RefusedItem };

export type ImportProgress =
  | { phase: 'scanned'; total: number; skipped: number }
  | { phase: 'file'; index: number; total: number; path: string }
  | { phase: 'done'; index: number; total: number; path: string; outcome: ImportOutcome };

export interface ImportOptions extends PoolOptions {
  onProgress?: (event: ImportProgress) => void;
  /** Stop after the current file. */
  signal?: AbortSignal;
}

interface Candidate {
  path: string;
  /** A refusal decided while walking (unreadable folder, missing path). */
  refusal?: RefusalInfo;
}

/** Whether `file` is a regular file, once links are followed, inside the folder `root` (its real path). */
async function regularFileInside(file: string, root: string): Promise<boolean> {
  const real = await fs.realpath(file).catch(() => null);
  if (!real || !real.startsWith(root + path.sep)) return false;
  return (await fs.stat(real).catch(() => null))?.isFile() ?? false;
}

/**
 * Files to import: named files as given, folders walked recursively (sorted; symlinked folders
 * not followed; a symlinked file only when it stays inside the folder given — a USB stick's link
 * to a system file is skipped).
 */
export async function collectFiles(paths: string[]): Promise<{ files: Candidate[]; skipped: number }> {
  const files: Candidate[] = [];
  let skipped = 0;
  let root = '';
  const walk = async (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      files.push({ path: dir, refusal: refusal('unreadable', (error as Error).message) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Hidden files and folders, including macOS "._x.pdf" resource forks on USB drives.
      if (entry.name.startsWith('.')) {
        skipped++;
        continue;
      }
      const wanted = IMPORTABLE.test(entry.name) || SPLIT_SEGMENT_NAME.test(entry.name);
      if (entry.isDirectory()) await walk(full);
      // A symlinked file is followed while it stays inside the folder given; a symlinked folder is not (it could loop).
      else if (wanted && (entry.isFile() || (entry.isSymbolicLink() && (await regularFileInside(full, root))))) files.push({ path: full });
      else skipped++;
    }
  };
  for (const given of paths) {
    const full = path.resolve(given);
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(full);
    } catch (error) {
      files.push({ path: full, refusal: refusal('unreadable', (error as Error).message) });
      continue;
    }
    if (stat.isDirectory()) {
      root = await fs.realpath(full);
      await walk(full);
    } else if (!stat.isFile()) {
      // A pipe or a device (/dev/zero) would be read forever before any time limit applies.
      files.push({ path: full, refusal: refusal('unreadable', { key: 'import.detail.notRegularFile' }) });
    } else files.push({ path: full });
  }
  return { files, skipped };
}

function publicationWithFile(library: Library, sha256: string): string | null {
  const row = library.db.prepare('SELECT publication_id AS id FROM publication_files WHERE sha256 = ? LIMIT 1').get(sha256) as { id: string } | undefined;
  return row?.id ?? null;
}

const refused = (file: string, info: RefusalInfo): ImportOutcome => ({
  status: 'refused',
  item: { path: file, code: info.code, reason: refusalReason(info) },
});

/** What extracts a file: one Extractor, or a pool of them. */
interface Extracts {
  extract(file: string): Promise<ExtractOutcome>;
}

/**
 * Imports one file with an extractor the caller owns. `claims` (sha256 → the import holding those
 * bytes) lets files imported side by side wait for a copy of the same bytes, which then counts as
 * a duplicate instead of a second publication.
 */
export async function importFile(library: Library, file: string, extractor: Extracts, claims = new Map<string, Promise<unknown>>()): Promise<ImportOutcome> {
  let hashed: { sha256: string; size: number };
  try {
    hashed = await sha256File(file);
  } catch (error) {
    return refused(file, refusal('unreadable', (error as Error).message));
  }
  while (claims.has(hashed.sha256)) await claims.get(hashed.sha256)?.catch(() => undefined);
  const existing = publicationWithFile(library, hashed.sha256);
  if (existing) return { status: 'duplicate', item: { path: file, sha256: hashed.sha256, publicationId: existing } };
  const work = extractAndSave(library, file, hashed, extractor);
  claims.set(hashed.sha256, work);
  try {
    return await work;
  } finally {
    claims.delete(hashed.sha256);
  }
}

async function extractAndSave(library: Library, file: string, hashed: { sha256: string; size: number }, extractor: Extracts): Promise<ImportOutcome> {
  const outcome = await extractor.extract(file);
  if (!outcome.ok) return refused(file, outcome.refusal);
  const extraction = outcome.extraction;
  if (extraction.sha256 !== hashed.sha256) return refused(file, refusal('file-changed'));
  // Files first (content-addressed and atomic), then every row in one transaction.
  const stored = new FilesOfSave(library);
  try {
    const content = await stored.putFile(file, hashed);
    const contentLink: NewFileLink = { ...content, mediaType: extraction.mediaType, state: 'present', role: 'content' };
    let coverLink: NewFileLink | undefined;
    if (extraction.cover) {
      const cover = await stored.putBytes(extraction.cover.data);
      // A cover identical to the content (an image stored as its own cover) needs no second link.
      if (cover.sha256 !== content.sha256) coverLink = { ...cover, mediaType: extraction.cover.mediaType, state: 'present', role: 'cover' };
    }
    const { record } = buildRecord(extraction, file, { content: contentLink, cover: coverLink });
    saveDocuments(library.db, [record]);
    const pub = record.publication;
    return {
      status: 'imported',
      item: {
        path: file,
        id: pub.id,
        kind: pub.kind,
        title: pub.title,
        number: pub.number ?? null,
        sha256: content.sha256,
        size: content.size,
        format: extraction.format,
        pageCount: extraction.pageCount,
        sections: record.sections?.length ?? 0,
        tocEntries: extraction.toc.length,
        hasCover: coverLink !== undefined,
        language: pub.language ?? 'vi',
        needsOcr: extraction.needsOcr,
        notes: extraction.notes,
        ms: outcome.ms,
      },
    };
  } catch (error) {
    await stored.discard();
    return refused(file, refusal('save-failed', (error as Error).message));
  }
}

/** Files by size, largest first: the long ones start early and the short ones fill in beside them. */
async function largestFirst(files: Candidate[]): Promise<number[]> {
  const sizes = await Promise.all(files.map(async (file) => (file.refusal ? 0 : ((await fs.stat(file.path).catch(() => null))?.size ?? 0))));
  return files.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
}

/**
 * Imports files and folders; see the module comment. Never throws for a bad file. Files are
 * extracted side by side (extract-pool.ts), largest first; before a worker starts another file,
 * and once none is left, it takes pages of a long PDF still being read. The summary keeps the
 * order given.
 * Progress events come as files start and finish, so two files may be in progress at once.
 */
export async function importFiles(library: Library, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const { files, skipped } = await collectFiles(paths);
  options.onProgress?.({ phase: 'scanned', total: files.length, skipped });
  // PDF covers wait until every text is saved (covers.ts); an EPUB's cover is a file it holds and comes with it.
  const pool = new ExtractorPool({ ...options, cover: false });
  const outcomes: ImportOutcome[] = [];
  const claims = new Map<string, Promise<unknown>>();
  try {
    const order = await largestFirst(files);
    // Settles once every loop below has started its last file.
    let starting = pool.size;
    let allStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (allStarted = resolve));
    // A long PDF begun is helped along before another file starts.
    const joinThenNext = async () => {
      await pool.join(options.signal);
      return order.shift();
    };
    const next = async (): Promise<void> => {
      for (let index = await joinThenNext(); index !== undefined && !options.signal?.aborted; index = await joinThenNext()) {
        const candidate = files[index];
        options.onProgress?.({ phase: 'file', index, total: files.length, path: candidate.path });
        const outcome = candidate.refusal ? refused(candidate.path, candidate.refusal) : await importFile(library, candidate.path, pool, claims);
        outcomes[index] = outcome;
        options.onProgress?.({ phase: 'done', index, total: files.length, path: candidate.path, outcome });
      }
      // No file left to start: this worker reads pages of the PDFs still being extracted.
      if (--starting === 0) allStarted();
      await pool.help(started, options.signal);
    };
    await Promise.all(Array.from({ length: pool.size }, next));
    const summary: ImportSummary = { imported: [], duplicates: [], refused: [], skipped };
    for (const outcome of outcomes.filter(Boolean)) {
      if (outcome.status === 'imported') summary.imported.push(outcome.item);
      else if (outcome.status === 'duplicate') summary.duplicates.push(outcome.item);
      else summary.refused.push(outcome.item);
    }
    if (options.cover !== false) await addPdfCovers(library, pool, summary.imported, options.signal);
    return summary;
  } finally {
    await pool.close();
  }
}

/**
 * The watched-folder source (any platform): a network scanner saves images or PDFs into a
 * shared folder, and a "scan" from that folder picks up the files that arrived since the last
 * one (the desk remembers what it took, so nothing is taken twice and nothing in the folder is
 * moved or deleted). A file still being written (its size changes) waits for the next pickup.
 * Folders come from the setting `desk.scanFolders` and the environment BOOKSHELF_SCAN_FOLDERS.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ScannerInfo } from '../../shared/desk.js';
import type { MessageRef } from '../../shared/messages.js';
import type { ScanEnd, ScanRequest, ScanSink, ScannerSource } from './source.js';
import { renderPdfPages } from './pdf-pages.js';

const PREFIX = 'folder:';
const IMAGE = /\.(png|jpe?g|tiff?|webp)$/i;
const PDF = /\.pdf$/i;
/** A file younger than this is checked twice, so one still being written is left for later. */
const SETTLE_MS = 2000;

export interface FolderFile {
  name: string;
  size: number;
  mtimeMs: number;
}

/** Which files a pickup has taken already (kept in the catalog database by the desk). */
export interface TakenFiles {
  isTaken(folder: string, file: FolderFile): boolean;
  markTaken(folder: string, file: FolderFile): void;
}

export interface FolderSourceOptions {
  folders: () => string[];
  taken: TakenFiles;
}

const natural = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Page images and PDFs in a folder, in natural name order ("trang-2" before "trang-10"). */
export async function pageFiles(folder: string): Promise<FolderFile[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files: FolderFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || !(IMAGE.test(entry.name) || PDF.test(entry.name))) continue;
    const stat = await fs.stat(path.join(folder, entry.name)).catch(() => null);
    if (stat) files.push({ name: entry.name, size: stat.size, mtimeMs: Math.round(stat.mtimeMs) });
  }
  return files.sort((a, b) => natural.compare(a.name, b.name));
}

async function settled(folder: string, file: FolderFile): Promise<boolean> {
  if (Date.now() - file.mtimeMs >= SETTLE_MS) return true;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const again = await fs.stat(path.join(folder, file.name)).catch(() => null);
  return again !== null && again.size === file.size && Math.round(again.mtimeMs) === file.mtimeMs;
}

/** Feeds the page images of the given files (PDFs drawn page by page) to the sink, in order. */
async function feedFiles(folder: string, files: FolderFile[], request: Pick<ScanRequest, 'resolution'>, sink: ScanSink, after?: (file: FolderFile) => void): Promise<number> {
  let pages = 0;
  for (const file of files) {
    if (sink.signal.aborted) break;
    const full = path.join(folder, file.name);
    if (PDF.test(file.name)) {
      pages += await renderPdfPages(full, sink.workDir, request.resolution, (png) => sink.onPage({ file: png, dpi: request.resolution, mode: null }), sink.signal);
    } else {
      await sink.onPage({ file: full, dpi: null, mode: null });
      pages += 1;
    }
    after?.(file);
  }
  return pages;
}

export class FolderSource implements ScannerSource {
  readonly kind = 'folder' as const;

  constructor(private readonly options: FolderSourceOptions) {}

  owns(scannerId: string): boolean {
    return scannerId.startsWith(PREFIX) && this.options.folders().includes(scannerId.slice(PREFIX.length));
  }

  static idOf(folder: string): string {
    return `${PREFIX}${folder}`;
  }

  async list(): Promise<ScannerInfo[]> {
    const infos: ScannerInfo[] = [];
    for (const folder of this.options.folders()) {
      const files = await pageFiles(folder).catch(() => null);
      if (!files) continue;
      const waiting = files.filter((f) => !this.options.taken.isTaken(folder, f)).length;
      infos.push({
        id: FolderSource.idOf(folder),
        kind: 'folder',
        label: `${path.basename(folder) || folder} — ${folder} (${waiting})`,
        sources: ['feeder'],
        modes: ['color', 'gray', 'lineart'],
        resolutions: [150, 200, 300],
      });
    }
    return infos;
  }

  /** No folder set up, or none of them can be read (a network share not mounted). */
  async whyNone(): Promise<MessageRef> {
    const folders = this.options.folders();
    return folders.length === 0 ? { key: 'desk.none.noFolder' } : { key: 'desk.none.folderUnreadable', params: { folders: folders.join(', ') } };
  }

  async scan(scannerId: string, request: ScanRequest, sink: ScanSink): Promise<ScanEnd> {
    const folder = scannerId.slice(PREFIX.length);
    const all = await pageFiles(folder).catch(() => null);
    if (!all) return { fault: 'device_gone', detail: folder };
    const fresh: FolderFile[] = [];
    for (const file of all.filter((f) => request.everything || !this.options.taken.isTaken(folder, f))) {
      if (await settled(folder, file)) fresh.push(file);
    }
    const wanted = request.pages === undefined ? fresh : fresh.slice(0, request.pages);
    // The detail names the folder, so the message says which one had nothing new.
    if (wanted.length === 0) return { fault: 'no_docs', detail: FolderSource.idOf(folder) };
    await feedFiles(folder, wanted, request, sink, (file) => this.options.taken.markTaken(folder, file));
    return { fault: null, detail: null };
  }
}

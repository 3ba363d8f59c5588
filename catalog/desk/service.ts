/**
 * The librarian's desk engine: batches of pages kept across restarts (store.ts), scans from any
 * scanner source (catalog/scan/) and OCR (catalog/ocr/) as background jobs — one per batch, with
 * progress per page, cancellable, killed cleanly on dispose — page edits, files imported from a
 * path or uploaded by a browser (uploads.ts), the draft, the duplicate check and the save
 * (save.ts). The contract handlers (handlers.ts), the app's open dialog and the CLI call it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SETTINGS, getSetting } from '../db/settings.js';
import type { Library } from '../library.js';
import { refusalReason } from '../import/errors.js';
import { Extractor } from '../import/extract.js';
import { sha256File } from '../store/hash.js';
import { ocrMissing, OcrError, recognisePage } from '../ocr/tesseract.js';
import type { OcrTool } from '../ocr/tesseract.js';
import { listScanners, scannerSources, sourceFor } from '../scan/sources.js';
import type { ScanEnd, ScanRequest, ScannerSource } from '../scan/source.js';
import type { FolderFile, TakenFiles } from '../scan/folder.js';
import { renderPdfPages } from '../scan/pdf-pages.js';
import { AppError } from '../../shared/errors.js';
import type { DeskBatch, DeskBatchSummary, DeskJob, DocumentDescription, DocumentDraft, DuplicateCheck, ScannerInfo, ScannerList } from '../../shared/desk.js';
import { checkDescription, draftFrom, findDuplicates } from './describe.js';
import { formatOf, keepExtraction, readExtraction, SOURCE_NAME } from './file-batch.js';
import { ingestImage, orientedFile, thumbnail, view } from './images.js';
import { batchContent, saveBatch } from './save.js';
import { DeskStore, jobOf, newId } from './store.js';
import type { BatchRow, PageRow } from './store.js';
import { DeskUploads } from './uploads.js';
import { WriterThread } from '../writer/writer-thread.js';

export interface DeskOptions {
  /** Environment of scanimage and tesseract (PATH, SANE_CONFIG_DIR); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** SANE configuration folder passed to scanimage as SANE_CONFIG_DIR. */
  saneConfigDir?: string;
  /** Watched folders besides the setting `desk.scanFolders` and BOOKSHELF_SCAN_FOLDERS. */
  scanFolders?: string[];
  scanimage?: string;
  /** scanimage options added to every scan (a device's own needs; the tests' simulated faults). */
  saneArgs?: string[];
  tesseract?: string;
  /**
   * Clean up after a crash at start (default): jobs left running show as interrupted, leftover
   * work files go. Off for a second engine over a library an app may be using (the CLI).
   */
  recover?: boolean;
  /** Pages recognised side by side (default: one less than the processors, at least 1, at most 4). */
  ocrWorkers?: number;
  /** The app's writer thread (shared with sync), which saves documents; without one the desk starts its own. */
  writer?: WriterThread;
}

/** Resolution at which the pages of an imported PDF without text are drawn for OCR. */
const PDF_PAGE_DPI = 300;

export interface ScanCommand extends ScanRequest {
  scanner: string;
  replacePageId?: string;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

type Work = (signal: AbortSignal, progress: (done: number, total: number | null) => void) => Promise<ScanEnd>;

export class DeskService {
  readonly store: DeskStore;
  readonly uploads: DeskUploads;
  private readonly sources: ScannerSource[];
  private readonly running = new Map<string, Running>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly ocrTool: OcrTool;
  private readonly ocrWorkers: number;
  private extractor: Extractor | null = null;
  /** Saves documents off this thread. */
  private readonly writer: WriterThread;

  constructor(
    private readonly library: Library,
    private readonly options: DeskOptions = {},
  ) {
    this.store = new DeskStore(library.db, path.join(library.dir, 'desk'));
    this.writer = options.writer ?? new WriterThread(library.dir);
    fs.mkdirSync(this.store.root, { recursive: true });
    if (options.recover !== false) this.store.recover();
    this.uploads = new DeskUploads(path.join(this.store.root, 'uploads'));
    this.env = { ...(options.env ?? process.env), ...(options.saneConfigDir ? { SANE_CONFIG_DIR: options.saneConfigDir } : {}) };
    this.ocrTool = { command: options.tesseract ?? 'tesseract', env: this.env };
    this.ocrWorkers = options.ocrWorkers ?? Math.min(4, Math.max(1, os.availableParallelism() - 1));
    this.sources = scannerSources({ env: this.env, scanimage: options.scanimage, saneArgs: options.saneArgs, folders: () => this.scanFolders(), taken: this.takenFiles() });
  }

  /** Watched folders: the setting, the environment and the options, absolute and without repeats. */
  scanFolders(): string[] {
    const fromSetting = getSetting(this.library.db, SETTINGS.scanFolders);
    const fromEnv = (this.env.BOOKSHELF_SCAN_FOLDERS ?? '').split(path.delimiter).filter(Boolean);
    return [...new Set([...fromSetting, ...fromEnv, ...(this.options.scanFolders ?? [])].map((f) => path.resolve(f)))];
  }

  private takenFiles(): TakenFiles {
    const db = this.library.db;
    return {
      isTaken: (folder: string, file: FolderFile) =>
        db.prepare('SELECT 1 FROM desk_folder_files WHERE folder = ? AND name = ? AND size = ? AND mtime_ms = ?').get(folder, file.name, file.size, file.mtimeMs) !== undefined,
      markTaken: (folder: string, file: FolderFile) =>
        void db
          .prepare('INSERT OR IGNORE INTO desk_folder_files (folder, name, size, mtime_ms, taken_at) VALUES (?, ?, ?, ?, ?)')
          .run(folder, file.name, file.size, file.mtimeMs, new Date().toISOString()),
    };
  }

  scanners(): Promise<ScannerInfo[]> {
    return listScanners(this.sources);
  }

  /** The scanners, and when there is none what each source lacks (for the scan screen to explain). */
  async scannerList(): Promise<ScannerList> {
    const scanners = await this.scanners();
    return { scanners, whyNone: scanners.length > 0 ? [] : await Promise.all(this.sources.map((source) => source.whyNone())) };
  }

  batches(): DeskBatchSummary[] {
    return this.store.summaries();
  }

  /**
   * A batch to scan into: the newest one still empty and idle, given out again (its last job
   * forgotten), so "new scan" pressed twice, or with no scanner, leaves no pile of empty batches;
   * else a new one. `fresh` always starts a new one (the CLI, beside an app that may hold one).
   */
  createBatch({ fresh = false }: { fresh?: boolean } = {}): DeskBatch {
    const empty = fresh ? null : this.store.newestEmpty();
    if (empty && !this.running.has(empty.id)) {
      this.store.clearJob(empty.id);
      return this.batch(empty.id);
    }
    return this.store.view(this.store.create());
  }

  batch(batchId: string): DeskBatch {
    return this.store.view(this.row(batchId));
  }

  async pageImage(batchId: string, pageId: string, width: number): Promise<{ dataUrl: string }> {
    const page = this.page(batchId, pageId);
    const jpeg = await view(this.store.fileOf(batchId, page.image), page.rotation, width);
    return { dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
  }

  /** Starts scanning into a batch; pages are added as they arrive. */
  scan(batchId: string, command: ScanCommand): DeskJob {
    const row = this.editable(batchId);
    const source = sourceFor(this.sources, command.scanner);
    if (!source) throw new AppError('not_found', { key: 'desk.scannerNotFound', params: { scanner: command.scanner } });
    if (command.replacePageId) this.page(batchId, command.replacePageId);
    const request: ScanRequest = { ...command, pages: command.replacePageId ? 1 : command.pages };
    // A flatbed takes one page; a feeder or a folder as many as there are, unless told.
    const total = source.kind === 'sane' && request.source === 'flatbed' ? 1 : request.pages ?? null;
    return this.startJob(row, 'scan', total, async (signal, progress) => {
      const workDir = fs.mkdtempSync(path.join(this.store.dirOf(batchId), 'scan-'));
      let done = 0;
      try {
        const end = await source.scan(command.scanner, request, {
          workDir,
          signal,
          onPage: async (image) => {
            const name = `${newId('i')}.png`;
            const ingested = await ingestImage(image.file, this.store.fileOf(batchId, name), image.dpi, image.mode);
            if (image.file.startsWith(workDir)) fs.rmSync(image.file, { force: true });
            this.store.addPage(batchId, { id: newId('p'), image: name, rotation: 0, ...ingested }, command.replacePageId);
            progress(++done, total);
          },
        });
        return end;
      } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
      }
    });
  }

  /** Recognises the pages that have no text yet, several side by side. */
  ocr(batchId: string): DeskJob {
    const row = this.editable(batchId);
    const all = this.store.pages(batchId);
    if (all.length === 0) throw new AppError('bad_request', { key: 'desk.emptyBatch' });
    const pages = all.filter((p) => p.ocr_text === null);
    return this.startJob(row, 'ocr', pages.length, async (signal, progress) => {
      const missing = await ocrMissing(this.ocrTool);
      if (missing) return { fault: 'tool_missing', detail: missing };
      let done = 0;
      let next = 0;
      const worker = async () => {
        while (!signal.aborted && next < pages.length) {
          const page = pages[next++];
          await this.recognise(page, signal);
          if (!signal.aborted) progress(++done, pages.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.ocrWorkers, Math.max(1, pages.length)) }, worker));
      return { fault: null, detail: null };
    });
  }

  private async recognise(page: PageRow, signal: AbortSignal): Promise<void> {
    const dir = this.store.dirOf(page.batch_id);
    const base = `${page.id}-r${page.rotation}-${newId('o')}`;
    const oriented = path.join(dir, `${base}.png`);
    try {
      const image = await orientedFile(this.store.fileOf(page.batch_id, page.image), page.rotation, oriented, page.dpi);
      const result = await recognisePage(this.ocrTool, image, page.dpi, path.join(dir, base), signal);
      if (result) this.store.setOcr(page.id, result.text, path.basename(result.layer));
    } finally {
      fs.rmSync(oriented, { force: true });
    }
  }

  /** Stops the batch's job; finished pages stay. Resolves once the job has ended. */
  async cancel(batchId: string): Promise<DeskJob | null> {
    const row = this.row(batchId);
    const running = this.running.get(row.id);
    if (running) {
      running.controller.abort();
      await running.done;
    }
    return jobOf(this.row(batchId));
  }

  movePage(batchId: string, pageId: string, to: number): DeskBatch {
    const row = this.editable(batchId);
    this.page(batchId, pageId);
    const ids = this.store.pages(batchId).map((p) => p.id).filter((id) => id !== pageId);
    ids.splice(Math.min(to, ids.length), 0, pageId);
    this.store.reorder(batchId, ids);
    return this.store.view(row);
  }

  async rotatePage(batchId: string, pageId: string, by: 90 | 180 | 270): Promise<DeskBatch> {
    const row = this.editable(batchId);
    const page = this.page(batchId, pageId);
    const rotation = ((page.rotation + by) % 360) as PageRow['rotation'];
    this.store.rotate(page, rotation, await thumbnail(this.store.fileOf(batchId, page.image), rotation));
    return this.store.view(row);
  }

  deletePage(batchId: string, pageId: string): DeskBatch {
    const row = this.editable(batchId);
    this.store.deletePage(this.page(batchId, pageId));
    return this.store.view(row);
  }

  /** The page and those after it become a new batch. */
  split(batchId: string, atPageId: string): { first: DeskBatch; second: DeskBatch } {
    const row = this.editable(batchId);
    const page = this.page(batchId, atPageId);
    if (page.ordinal === 0) throw new AppError('bad_request', { key: 'desk.splitFirst' });
    const second = this.store.create();
    this.store.movePages(this.store.pages(batchId).filter((p) => p.ordinal >= page.ordinal), second.id);
    return { first: this.store.view(row), second: this.store.view(second) };
  }

  /** A batch of one existing PDF or EPUB file on this PC, read by the importer's extractor. */
  importFile(file: string): Promise<DeskBatch> {
    return this.importFrom(file, path.basename(file), 'copy');
  }

  /** Opens the upload of a file chosen in a browser (uploads.ts); its bytes follow. */
  uploadStart(name: string, size: number): { uploadId: string } {
    return this.uploads.start(name, size);
  }

  uploadChunk(uploadId: string, offset: number, base64: string): { received: number } {
    return this.uploads.append(uploadId, offset, Buffer.from(base64, 'base64'));
  }

  /** Imports a complete upload exactly as a file on this PC (the partial file is moved, not copied). */
  async uploadFinish(uploadId: string): Promise<DeskBatch> {
    const { file, name } = this.uploads.take(uploadId);
    try {
      return await this.importFrom(file, name, 'move');
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  uploadCancel(uploadId: string): { cancelled: boolean } {
    return { cancelled: this.uploads.cancel(uploadId) };
  }

  /** A batch of one file called `name` (its type told by that name), copied or moved into the batch folder. */
  private async importFrom(file: string, name: string, take: 'copy' | 'move'): Promise<DeskBatch> {
    const format = formatOf(name);
    if (!format) throw new AppError('bad_request', { key: 'desk.fileType' });
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new AppError('not_found', { key: 'desk.fileUnreadable', params: { name } });
    const row = this.store.create({ origin: 'file', file_name: name });
    try {
      const copy = this.store.fileOf(row.id, SOURCE_NAME[format]);
      if (take === 'move') fs.renameSync(file, copy);
      else fs.copyFileSync(file, copy);
      const hashed = await sha256File(copy);
      this.extractor ??= new Extractor();
      const outcome = await this.extractor.extract(copy);
      if (!outcome.ok) throw new AppError('bad_request', { key: 'desk.fileRefused', params: { reason: refusalReason(outcome.refusal) } });
      // A PDF of scanned pages with no text: its pages become page images, to recognise like a scan.
      if (outcome.extraction.needsOcr && format === 'pdf') return this.pagesOfPdf(row, copy);
      await keepExtraction(this.store.dirOf(row.id), outcome.extraction);
      this.library.db
        .prepare('UPDATE desk_batches SET file_media_type = ?, file_size = ?, file_sha256 = ? WHERE id = ?')
        .run(outcome.extraction.mediaType, hashed.size, hashed.sha256, row.id);
      return this.batch(row.id);
    } catch (error) {
      this.store.remove(row.id);
      if (error instanceof AppError) throw error;
      throw new AppError('bad_request', { key: 'desk.fileUnreadable', params: { name } });
    }
  }

  /** Turns a file batch into a batch of the PDF's pages, drawn in the background like a scan. */
  private pagesOfPdf(row: BatchRow, pdf: string): DeskBatch {
    this.library.db.prepare(`UPDATE desk_batches SET origin = 'pages', file_name = NULL WHERE id = ?`).run(row.id);
    this.startJob({ ...row, origin: 'pages' }, 'scan', null, async (signal, progress) => {
      const workDir = fs.mkdtempSync(path.join(this.store.dirOf(row.id), 'pdf-'));
      let done = 0;
      try {
        await renderPdfPages(pdf, workDir, PDF_PAGE_DPI, async (png) => {
          const name = `${newId('i')}.png`;
          const ingested = await ingestImage(png, this.store.fileOf(row.id, name), PDF_PAGE_DPI, null);
          fs.rmSync(png, { force: true });
          this.store.addPage(row.id, { id: newId('p'), image: name, rotation: 0, ...ingested });
          progress(++done, null);
        }, signal);
        return { fault: null, detail: null };
      } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
        fs.rmSync(pdf, { force: true });
      }
    });
    return this.batch(row.id);
  }

  async draft(batchId: string): Promise<DocumentDraft> {
    const row = this.row(batchId);
    if (row.origin === 'file') {
      const extraction = await readExtraction(this.store.dirOf(row.id));
      const end = extraction.pageStarts[1] ?? extraction.text.length;
      const firstPage = extraction.format === 'pdf' ? extraction.text.slice(0, end) : extraction.text.slice(0, 3000);
      return draftFrom({ firstPage, format: extraction.format, metadata: extraction.metadata, fileName: row.file_name });
    }
    const pages = this.store.pages(batchId);
    return draftFrom({ firstPage: pages.find((p) => p.ocr_text?.trim())?.ocr_text ?? '', format: 'pdf' });
  }

  /** Catalog entries with the same number (given, else the draft's) or the same content. */
  async duplicates(batchId: string, number: string | undefined): Promise<DuplicateCheck> {
    const row = this.row(batchId);
    const wanted = number ?? (await this.draft(batchId)).number;
    const busy = this.running.has(row.id) || (row.origin === 'pages' && this.store.pages(row.id).length === 0);
    const content = busy ? null : await batchContent(this.store, row);
    return findDuplicates(this.library.db, wanted, content?.sha256 ?? null);
  }

  async save(batchId: string, description: DocumentDescription, allowDuplicate: boolean): Promise<{ publicationId: string; duplicates: DuplicateCheck }> {
    const row = this.idleRow(batchId);
    if (row.origin === 'pages' && this.store.pages(batchId).length === 0) throw new AppError('bad_request', { key: 'desk.emptyBatch' });
    checkDescription(description);
    const content = await batchContent(this.store, row);
    const duplicates = findDuplicates(this.library.db, description.number, content.sha256);
    const similar = [...duplicates.byNumber, ...duplicates.byHash];
    if (similar.length > 0 && !allowDuplicate) {
      const titles = [...new Set(similar.map((p) => `${p.title}${p.number ? ` (${p.number})` : ''}`))].join('; ');
      throw new AppError('conflict', { key: 'desk.duplicateFound', params: { titles } });
    }
    const publicationId = await saveBatch(this.library, this.writer, this.store, row, description);
    return { publicationId, duplicates };
  }

  async discard(batchId: string): Promise<{ discarded: boolean }> {
    const row = this.row(batchId);
    await this.cancel(row.id);
    return { discarded: this.store.remove(row.id) };
  }

  /** Resolves when the batch has no running job. */
  async idle(batchId: string): Promise<void> {
    await this.running.get(batchId)?.done;
  }

  /** Stops every running job (children killed); pages finished stay on disk. */
  async dispose(): Promise<void> {
    const running = [...this.running.values()];
    for (const job of running) job.controller.abort();
    await Promise.all(running.map((job) => job.done));
    this.uploads.dispose();
    await this.extractor?.close();
    this.extractor = null;
    if (!this.options.writer) await this.writer.close();
  }

  private startJob(row: BatchRow, kind: DeskJob['kind'], total: number | null, work: Work): DeskJob {
    const controller = new AbortController();
    this.store.setJob(row.id, { job_kind: kind, job_state: 'running', job_done: 0, job_total: total, job_fault: null, job_detail: null });
    const finish = (end: ScanEnd) => {
      const cancelled = controller.signal.aborted;
      const current = this.store.row(row.id);
      if (!current) return;
      this.store.setJob(row.id, {
        job_kind: kind,
        job_state: cancelled ? 'cancelled' : end.fault ? 'failed' : 'done',
        job_done: current.job_done,
        job_total: cancelled || end.fault ? current.job_total : current.job_done,
        job_fault: cancelled ? 'cancelled' : end.fault,
        job_detail: cancelled ? null : end.detail,
      });
    };
    const done = (async () => {
      try {
        finish(await work(controller.signal, (n, t) => this.store.setJobProgress(row.id, n, t)));
      } catch (error) {
        finish({ fault: error instanceof OcrError && error.message === 'tesseract' ? 'tool_missing' : 'failed', detail: (error as Error).message.slice(0, 300) });
      } finally {
        this.running.delete(row.id);
      }
    })();
    this.running.set(row.id, { controller, done });
    return jobOf(this.row(row.id))!;
  }

  private row(batchId: string): BatchRow {
    const row = this.store.row(batchId);
    if (!row) throw new AppError('not_found', { key: 'desk.batchNotFound' });
    return row;
  }

  /** A batch with no job running. */
  private idleRow(batchId: string): BatchRow {
    const row = this.row(batchId);
    if (this.running.has(row.id)) throw new AppError('conflict', { key: 'desk.busy' });
    return row;
  }

  /** A batch whose pages may change now: of scanned pages, with no job running. */
  private editable(batchId: string): BatchRow {
    const row = this.idleRow(batchId);
    if (row.origin === 'file') throw new AppError('bad_request', { key: 'desk.fileBatch' });
    return row;
  }

  private page(batchId: string, pageId: string): PageRow {
    const page = this.store.page(batchId, pageId);
    if (!page) throw new AppError('not_found', { key: 'desk.pageNotFound' });
    return page;
  }
}

/**
 * Batches and pages on disk: rows in desk_batches / desk_pages (migration 9), images in
 * <library>/desk/<batch>/. Reads give the contract's shapes (thumbnails as data: URLs, the job
 * with its fault's message by reference); writes keep the page order dense (0, 1, 2…).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.js';
import { isTempName } from '../store/atomic-write.js';
import { isUnreadableText } from '../../shared/desk.js';
import type { DeskBatch, DeskBatchSummary, DeskFault, DeskJob, DeskPage, ScanMode } from '../../shared/desk.js';
import type { MessageRef } from '../../shared/messages.js';

export interface BatchRow {
  id: string;
  /** The row's rowid: a running number told on screen, unique among open batches. */
  number: number;
  created_at: string;
  origin: 'pages' | 'file';
  file_name: string | null;
  file_media_type: string | null;
  file_size: number | null;
  file_sha256: string | null;
  job_kind: DeskJob['kind'] | null;
  job_state: DeskJob['state'] | null;
  job_done: number;
  job_total: number | null;
  job_fault: DeskFault | null;
  job_detail: string | null;
}

export interface PageRow {
  id: string;
  batch_id: string;
  ordinal: number;
  image: string;
  width: number;
  height: number;
  dpi: number;
  mode: ScanMode;
  rotation: 0 | 90 | 180 | 270;
  thumbnail: Buffer;
  ocr_text: string | null;
  ocr_layer: string | null;
}

export type NewPage = Omit<PageRow, 'batch_id' | 'ordinal' | 'ocr_text' | 'ocr_layer'>;

export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
}

/** What to say about a job's fault, from its code and the detail kept with it (a device's words, a missing tool, a folder). */
export function faultRef(fault: DeskFault, detail: string | null): MessageRef {
  if (fault === 'tool_missing') return { key: detail === 'vie' ? 'desk.missing.vie' : detail === 'scanimage' ? 'desk.missing.scanimage' : 'desk.missing.tesseract' };
  if (fault === 'failed' && detail === 'interrupted') return { key: 'desk.fault.interrupted' };
  if (fault === 'failed' && detail === 'source-not-offered') return { key: 'desk.sourceNotOffered' };
  if (fault === 'no_docs' && detail?.startsWith('folder:')) return { key: 'desk.fault.no_files', params: { folder: detail.slice('folder:'.length) } };
  return { key: `desk.fault.${fault}`, params: { detail: detail ?? '' } };
}

export function jobOf(row: BatchRow): DeskJob | null {
  if (!row.job_kind || !row.job_state) return null;
  return {
    kind: row.job_kind,
    state: row.job_state,
    done: row.job_done,
    total: row.job_total,
    fault: row.job_fault,
    message: row.job_fault ? faultRef(row.job_fault, row.job_detail) : null,
  };
}

export class DeskStore {
  constructor(
    readonly db: Db,
    readonly root: string,
  ) {}

  dirOf(batchId: string): string {
    return path.join(this.root, batchId);
  }

  fileOf(batchId: string, name: string): string {
    return path.join(this.dirOf(batchId), name);
  }

  /**
   * After a crash or a restart: jobs left 'running' were cut off and show as failed; work folders
   * of cut scans, half-written files and folders of batches that no longer exist are removed (so
   * is the folder of partial browser uploads, ./uploads.ts, which no restart can resume).
   * Page images and text layers of live batches are never touched.
   */
  recover(): void {
    this.db.prepare(`UPDATE desk_batches SET job_state = 'failed', job_fault = 'failed', job_detail = 'interrupted' WHERE job_state = 'running'`).run();
    for (const batchId of fs.readdirSync(this.root)) {
      const dir = this.dirOf(batchId);
      if (!this.row(batchId)) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      const kept = new Set(this.pages(batchId).flatMap((p) => [p.image, p.ocr_layer]));
      for (const name of fs.readdirSync(dir)) {
        const leftover = /^(scan|pdf)-/.test(name) || isTempName(name) || (/^p\w+-r\d+-o\w+\.(png|pdf|txt)$/.test(name) && !kept.has(name));
        if (leftover) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      }
    }
  }

  /** The newest batch of pages that has none yet (a "new scan" started and left), or null. */
  newestEmpty(): BatchRow | null {
    return (
      (this.db
        .prepare(
          `SELECT *, rowid AS number FROM desk_batches b WHERE origin = 'pages' AND NOT EXISTS (SELECT 1 FROM desk_pages p WHERE p.batch_id = b.id)
           ORDER BY created_at DESC, rowid DESC LIMIT 1`,
        )
        .get() as BatchRow | undefined) ?? null
    );
  }

  create(fields: Partial<Pick<BatchRow, 'origin' | 'file_name' | 'file_media_type' | 'file_size' | 'file_sha256'>> = {}, id = newId('b')): BatchRow {
    fs.mkdirSync(this.dirOf(id), { recursive: true });
    this.db
      .prepare(
        `INSERT INTO desk_batches (id, created_at, origin, file_name, file_media_type, file_size, file_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, new Date().toISOString(), fields.origin ?? 'pages', fields.file_name ?? null, fields.file_media_type ?? null, fields.file_size ?? null, fields.file_sha256 ?? null);
    return this.row(id)!;
  }

  row(id: string): BatchRow | null {
    return (this.db.prepare('SELECT *, rowid AS number FROM desk_batches WHERE id = ?').get(id) as BatchRow | undefined) ?? null;
  }

  pages(batchId: string): PageRow[] {
    return this.db.prepare('SELECT * FROM desk_pages WHERE batch_id = ? ORDER BY ordinal').all(batchId) as PageRow[];
  }

  page(batchId: string, pageId: string): PageRow | null {
    return (this.db.prepare('SELECT * FROM desk_pages WHERE batch_id = ? AND id = ?').get(batchId, pageId) as PageRow | undefined) ?? null;
  }

  view(row: BatchRow): DeskBatch {
    const pages: DeskPage[] = this.pages(row.id).map((page) => ({
      id: page.id,
      index: page.ordinal,
      rotation: page.rotation,
      width: page.rotation % 180 === 0 ? page.width : page.height,
      height: page.rotation % 180 === 0 ? page.height : page.width,
      thumbnail: `data:image/jpeg;base64,${page.thumbnail.toString('base64')}`,
      textChars: page.ocr_text === null ? null : page.ocr_text.length,
      unreadable: page.ocr_text !== null && isUnreadableText(page.ocr_text),
    }));
    return {
      id: row.id,
      number: row.number,
      createdAt: row.created_at,
      origin: row.origin,
      file: row.origin === 'file' ? { name: row.file_name ?? '', mediaType: row.file_media_type ?? '', size: row.file_size ?? 0 } : null,
      pages,
      job: jobOf(row),
      ocrDone: pages.length > 0 && pages.every((p) => p.textChars !== null),
      // A PDF without text becomes pages; an imported file batch has the file's own text.
      hasText: row.origin === 'file' || pages.some((p) => p.textChars !== null && !p.unreadable),
    };
  }

  summaries(): DeskBatchSummary[] {
    const rows = this.db.prepare('SELECT *, rowid AS number FROM desk_batches ORDER BY created_at DESC, id DESC').all() as BatchRow[];
    const counts = new Map(
      (this.db.prepare('SELECT batch_id AS id, count(*) AS n FROM desk_pages GROUP BY batch_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
    );
    return rows.map((row) => ({ id: row.id, number: row.number, createdAt: row.created_at, pages: counts.get(row.id) ?? 0, origin: row.origin, job: jobOf(row) }));
  }

  setJob(batchId: string, job: Pick<BatchRow, 'job_kind' | 'job_state' | 'job_done' | 'job_total' | 'job_fault' | 'job_detail'>): void {
    this.db
      .prepare('UPDATE desk_batches SET job_kind = ?, job_state = ?, job_done = ?, job_total = ?, job_fault = ?, job_detail = ? WHERE id = ?')
      .run(job.job_kind, job.job_state, job.job_done, job.job_total, job.job_fault, job.job_detail, batchId);
  }

  /** Forgets the batch's last job (a batch given out again for a new scan starts clean). */
  clearJob(batchId: string): void {
    this.db.prepare('UPDATE desk_batches SET job_kind = NULL, job_state = NULL, job_done = 0, job_total = NULL, job_fault = NULL, job_detail = NULL WHERE id = ?').run(batchId);
  }

  setJobProgress(batchId: string, done: number, total: number | null): void {
    this.db.prepare('UPDATE desk_batches SET job_done = ?, job_total = ? WHERE id = ?').run(done, total, batchId);
  }

  /** Adds a page at the end, or in place of `replaceId` (which keeps its id and position). */
  addPage(batchId: string, page: NewPage, replaceId?: string): void {
    const old = replaceId ? this.page(batchId, replaceId) : null;
    if (old) {
      this.db
        .prepare('UPDATE desk_pages SET image = ?, width = ?, height = ?, dpi = ?, mode = ?, rotation = ?, thumbnail = ?, ocr_text = NULL, ocr_layer = NULL WHERE id = ?')
        .run(page.image, page.width, page.height, page.dpi, page.mode, page.rotation, page.thumbnail, old.id);
      this.removeFiles(batchId, [old.image, old.ocr_layer]);
      return;
    }
    const next = (this.db.prepare('SELECT coalesce(max(ordinal) + 1, 0) AS n FROM desk_pages WHERE batch_id = ?').get(batchId) as { n: number }).n;
    this.db
      .prepare(
        `INSERT INTO desk_pages (id, batch_id, ordinal, image, width, height, dpi, mode, rotation, thumbnail, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(page.id, batchId, next, page.image, page.width, page.height, page.dpi, page.mode, page.rotation, page.thumbnail, new Date().toISOString());
  }

  setOcr(pageId: string, text: string | null, layer: string | null): void {
    this.db.prepare('UPDATE desk_pages SET ocr_text = ?, ocr_layer = ? WHERE id = ?').run(text, layer, pageId);
  }

  /** Turns a page; its recognised text no longer fits the turned image and is dropped. */
  rotate(page: PageRow, rotation: PageRow['rotation'], thumbnail: Buffer): void {
    this.db.prepare('UPDATE desk_pages SET rotation = ?, thumbnail = ?, ocr_text = NULL, ocr_layer = NULL WHERE id = ?').run(rotation, thumbnail, page.id);
    this.removeFiles(page.batch_id, [page.ocr_layer]);
  }

  /** Puts the pages in this order (ids of the batch's pages). */
  reorder(batchId: string, ids: string[]): void {
    const set = this.db.prepare('UPDATE desk_pages SET ordinal = ? WHERE id = ? AND batch_id = ?');
    this.db.transaction(() => ids.forEach((id, ordinal) => set.run(ordinal, id, batchId)))();
  }

  deletePage(page: PageRow): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM desk_pages WHERE id = ?').run(page.id);
      this.reorder(page.batch_id, this.pages(page.batch_id).map((p) => p.id));
    })();
    this.removeFiles(page.batch_id, [page.image, page.ocr_layer]);
  }

  /** Moves pages (rows and files) into another batch, after its own pages. */
  movePages(pages: PageRow[], toBatchId: string): void {
    for (const page of pages) {
      for (const name of [page.image, page.ocr_layer]) {
        if (name) fs.renameSync(this.fileOf(page.batch_id, name), this.fileOf(toBatchId, name));
      }
    }
    this.db.transaction(() => {
      const move = this.db.prepare('UPDATE desk_pages SET batch_id = ?, ordinal = ? WHERE id = ?');
      pages.forEach((page, ordinal) => move.run(toBatchId, ordinal, page.id));
      const from = pages[0]?.batch_id;
      if (from) this.reorder(from, this.pages(from).map((p) => p.id));
    })();
  }

  /** Removes a batch with its pages and folder. */
  remove(batchId: string): boolean {
    const removed = this.db.prepare('DELETE FROM desk_batches WHERE id = ?').run(batchId).changes > 0;
    fs.rmSync(this.dirOf(batchId), { recursive: true, force: true });
    return removed;
  }

  private removeFiles(batchId: string, names: (string | null)[]): void {
    for (const name of names) if (name) fs.rmSync(this.fileOf(batchId, name), { force: true });
  }
}

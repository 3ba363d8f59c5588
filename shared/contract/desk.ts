/**
 * Contract methods of the librarian's desk: scanners, batches of pages (scan, reorder, rotate,
 * delete, rescan one page, split), OCR, a description pre-filled from the recognised text,
 * duplicate checks, saving into the catalog. Scans and OCR run in the background: the UI starts
 * them and reads `desk.batch` for progress; `desk.cancel` stops either, keeping finished pages.
 * A file to import is chosen, never typed: in the app through the system's open dialog
 * (`desk.importChosen`), in a browser with a file input whose bytes arrive in chunks
 * (`desk.uploadStart` / `uploadChunk` / `uploadFinish`).
 */
import { z } from 'zod';
import { PAGE_SIZES, SCAN_MODES, SCAN_SOURCES, UPLOAD_CHUNK_BASE64, documentDescriptionSchema } from '../desk.js';
import type { DeskBatch, DeskBatchSummary, DeskJob, DocumentDraft, DuplicateCheck, ScannerList } from '../desk.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const batchId = z.string().min(1).max(64);
const pageId = z.string().min(1).max(64);
const batch = z.object({ batchId }).strict();
const uploadId = z.string().min(1).max(64);

export const deskMethods = {
  'desk.scanners': method<ScannerList>()({
    access: 'librarian',
    summary:
      'Scanners this station can use: SANE devices, and the watched folders of network scanners; when there is none, what each source lacks (no scanner program, no device answering, no scan folder).',
    input: z.object({}).strict(),
  }),
  'desk.batches': method<DeskBatchSummary[]>()({
    access: 'librarian',
    summary: 'Batches of pages not yet saved or discarded, newest first (they survive a restart).',
    input: z.object({}).strict(),
  }),
  'desk.createBatch': method<DeskBatch>()({
    access: 'librarian',
    summary: 'Starts an empty batch, or gives back the newest batch still empty and idle, so pressing “new scan” again adds no empty batch.',
    input: z.object({}).strict(),
    audited: true,
  }),
  'desk.batch': method<DeskBatch>()({
    access: 'librarian',
    summary: 'A batch with its pages (thumbnails) and its running or last job (scan or OCR progress, fault).',
    input: batch,
  }),
  'desk.pageImage': method<{ dataUrl: string }>()({
    access: 'librarian',
    summary: 'One page as a JPEG data: URL about `width` pixels wide (rotation applied), for a larger view.',
    input: z.object({ batchId, pageId, width: z.number().int().min(100).max(2000).default(900) }).strict(),
  }),
  'desk.scan': method<DeskJob>()({
    access: 'librarian',
    summary: 'Scans into a batch in the background: pages are added as they arrive; `replacePageId` rescans one page in place.',
    input: z
      .object({
        batchId,
        scanner: z.string().min(1).max(1000),
        source: z.enum(SCAN_SOURCES).default('flatbed'),
        mode: z.enum(SCAN_MODES).default('gray'),
        resolution: z.number().int().min(75).max(1200).default(300),
        pageSize: z.enum(PAGE_SIZES).default('a4'),
        /** Pages to take from the feeder (all when left out); the flatbed takes one. */
        pages: z.number().int().min(1).max(500).optional(),
        replacePageId: pageId.optional(),
      })
      .strict(),
    audited: true,
  }),
  'desk.cancel': method<DeskJob | null>()({
    access: 'librarian',
    summary: 'Stops the batch’s scan or OCR; pages already finished are kept.',
    input: batch,
  }),
  'desk.movePage': method<DeskBatch>()({
    access: 'librarian',
    summary: 'Moves a page to another position (from 0).',
    input: z.object({ batchId, pageId, to: z.number().int().min(0).max(10_000) }).strict(),
  }),
  'desk.rotatePage': method<DeskBatch>()({
    access: 'librarian',
    summary: 'Turns a page clockwise by 90, 180 or 270 degrees.',
    input: z.object({ batchId, pageId, by: z.union([z.literal(90), z.literal(180), z.literal(270)]) }).strict(),
  }),
  'desk.deletePage': method<DeskBatch>()({
    access: 'librarian',
    summary: 'Removes a page from the batch.',
    input: z.object({ batchId, pageId }).strict(),
  }),
  'desk.split': method<{ first: DeskBatch; second: DeskBatch }>()({
    access: 'librarian',
    summary: 'Splits a batch before a page: that page and the ones after it become a new batch.',
    input: z.object({ batchId, atPageId: pageId }).strict(),
    audited: true,
  }),
  'desk.ocr': method<DeskJob>()({
    access: 'librarian',
    summary: 'Recognises the text of every page (tesseract, Vietnamese) in the background, page by page.',
    input: batch,
  }),
  'desk.importFile': method<DeskBatch>()({
    access: 'librarian',
    summary:
      'Makes a batch of one existing PDF or EPUB file on this PC (a folder or a USB drive), to describe and save it the same way. A PDF of scanned pages without text becomes a batch of its pages instead (drawn in the background like a scan), to recognise with `desk.ocr`.',
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    audited: true,
  }),
  'desk.importChosen': method<DeskBatch | null>()({
    access: 'librarian',
    summary:
      'In the app: shows the system’s open dialog for a PDF or EPUB on this PC and imports the file chosen as `desk.importFile` does; null when the dialog is closed. Over HTTP it is unavailable: a browser uploads the file (`desk.uploadStart`).',
    input: z.object({}).strict(),
    audited: true,
  }),
  'desk.uploadStart': method<{ uploadId: string }>()({
    access: 'librarian',
    summary: 'Opens the upload of a PDF or EPUB file chosen in a browser (its name and size; at most MAX_UPLOAD_BYTES); its bytes follow with `desk.uploadChunk`.',
    input: z.object({ name: z.string().trim().min(1).max(255), size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
  }),
  'desk.uploadChunk': method<{ received: number }>()({
    access: 'librarian',
    summary: 'Appends the next bytes of an upload (base64, at most UPLOAD_CHUNK_BYTES) at `offset`, which must be the bytes received so far.',
    input: z
      .object({ uploadId, offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), data: z.base64().min(1).max(UPLOAD_CHUNK_BASE64) })
      .strict(),
  }),
  'desk.uploadFinish': method<DeskBatch>()({
    access: 'librarian',
    summary: 'Imports a complete upload with the same checks as `desk.importFile` (type, extraction, a PDF of scanned pages becomes pages to recognise).',
    input: z.object({ uploadId }).strict(),
    audited: true,
  }),
  'desk.uploadCancel': method<{ cancelled: boolean }>()({
    access: 'librarian',
    summary: 'Drops an upload not finished (an upload left idle is dropped by itself after a while).',
    input: z.object({ uploadId }).strict(),
  }),
  'desk.draft': method<DocumentDraft>()({
    access: 'librarian',
    summary: 'A description pre-filled from the batch’s recognised text (or the file’s text) by the legal header parser.',
    input: batch,
  }),
  'desk.duplicates': method<DuplicateCheck>()({
    access: 'librarian',
    summary: 'Catalog entries with the same number, or the same file content, as the batch would be saved with.',
    input: z.object({ batchId, number: z.string().max(60).optional() }).strict(),
  }),
  'desk.save': method<{ publicationId: string; duplicates: DuplicateCheck }>()({
    access: 'librarian',
    summary:
      'Builds the searchable PDF (or keeps the imported file), puts it in the catalog with its description at once, and closes the batch. Refused with `conflict` when a duplicate exists unless `allowDuplicate`.',
    input: z.object({ batchId, description: documentDescriptionSchema, allowDuplicate: z.boolean().default(false) }).strict(),
    audited: true,
  }),
  'desk.discard': method<{ discarded: boolean }>()({
    access: 'librarian',
    summary: 'Throws a batch away with its pages.',
    input: batch,
    audited: true,
  }),
} satisfies Record<string, MethodSpec>;

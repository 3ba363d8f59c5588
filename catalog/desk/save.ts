/**
 * Saving a batch into the catalog: the searchable PDF built from its pages (cached in the batch
 * folder by the state of its pages, so the duplicate check and the save build it once) or the
 * imported file, stored in the file store; then the publication, its text, sections and search
 * index in ONE transaction with the `document_added` counter, in the writer thread
 * (catalog/writer/: indexing a book's text would hold the kiosk's thread), and the batch closed.
 * Stored files of a save that failed are removed again.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { DocumentRecord } from '../documents.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { FilesOfSave } from '../store/gc.js';
import { sha256Hex } from '../store/hash.js';
import { localId } from '../import/record.js';
import { joinPages } from '../import/types.js';
import type { Library } from '../library.js';
import { buildSearchablePdf } from '../ocr/searchable-pdf.js';
import type { NewFileLink } from '../publications.js';
import type { DocumentDescription } from '../../shared/desk.js';
import { coverFile, readExtraction, SOURCE_NAME } from './file-batch.js';
import type { BatchRow, DeskStore, PageRow } from './store.js';
import type { WriterThread } from '../writer/writer-thread.js';

export interface BuiltContent {
  file: string;
  sha256: string;
  size: number;
  mediaType: string;
}

const COVER_WIDTH = 300;

function fingerprint(pages: PageRow[]): string {
  const state = pages.map((p) => [p.id, p.image, p.rotation, p.ocr_layer]);
  return sha256Hex(JSON.stringify(state)).slice(0, 16);
}

/** The searchable PDF of a pages batch as it stands, built once per state of its pages. */
export async function builtPdf(store: DeskStore, batchId: string): Promise<BuiltContent> {
  const pages = store.pages(batchId);
  const dir = store.dirOf(batchId);
  const file = path.join(dir, `built-${fingerprint(pages)}.pdf`);
  let bytes: Buffer | null = await fs.readFile(file).catch(() => null);
  if (!bytes) {
    const pdf = await buildSearchablePdf(
      pages.map((p) => ({
        image: store.fileOf(batchId, p.image),
        dpi: p.dpi,
        mode: p.mode,
        rotation: p.rotation,
        layer: p.ocr_layer ? store.fileOf(batchId, p.ocr_layer) : null,
      })),
    );
    for (const old of await fs.readdir(dir)) if (old.startsWith('built-')) await fs.rm(path.join(dir, old), { force: true });
    await writeFileAtomic(file, pdf);
    bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }
  return { file, sha256: sha256Hex(bytes), size: bytes.byteLength, mediaType: 'application/pdf' };
}

/** The content file of a batch: its built PDF, or the imported file. */
export async function batchContent(store: DeskStore, row: BatchRow): Promise<BuiltContent> {
  if (row.origin === 'file') {
    const format = row.file_media_type === 'application/epub+zip' ? 'epub' : 'pdf';
    return { file: store.fileOf(row.id, SOURCE_NAME[format]), sha256: row.file_sha256 ?? '', size: row.file_size ?? 0, mediaType: row.file_media_type ?? 'application/pdf' };
  }
  return builtPdf(store, row.id);
}

/** The batch's text with page offsets: recognised pages, or the imported file's extraction. */
export async function batchText(store: DeskStore, row: BatchRow): Promise<{ text: string; pageStarts: number[]; pageCount: number }> {
  if (row.origin === 'file') {
    const extraction = await readExtraction(store.dirOf(row.id));
    return { text: extraction.text.normalize('NFC'), pageStarts: extraction.pageStarts, pageCount: extraction.pageCount };
  }
  const pages = store.pages(row.id);
  // Pages saved without OCR have no text at all, not a text of empty lines.
  if (pages.every((p) => !p.ocr_text)) return { text: '', pageStarts: [], pageCount: pages.length };
  const joined = joinPages(pages.map((p) => p.ocr_text ?? ''));
  return { ...joined, pageCount: pages.length };
}

async function coverOf(store: DeskStore, row: BatchRow): Promise<{ bytes: Buffer; mediaType: string } | null> {
  if (row.origin === 'file') {
    const extraction = await readExtraction(store.dirOf(row.id));
    const bytes = extraction.coverMediaType ? await fs.readFile(coverFile(store.dirOf(row.id))).catch(() => null) : null;
    return bytes && extraction.coverMediaType ? { bytes, mediaType: extraction.coverMediaType } : null;
  }
  const first = store.pages(row.id)[0];
  if (!first) return null;
  const bytes = await sharp(store.fileOf(row.id, first.image)).rotate(first.rotation).resize({ width: COVER_WIDTH }).jpeg({ quality: 75 }).toBuffer();
  return { bytes, mediaType: 'image/jpeg' };
}

/** Puts the batch in the catalog under its description; returns the publication id. */
export async function saveBatch(library: Library, writer: WriterThread, store: DeskStore, row: BatchRow, description: DocumentDescription): Promise<string> {
  const content = await batchContent(store, row);
  const text = await batchText(store, row);
  const cover = await coverOf(store, row);
  const stored = new FilesOfSave(library);
  try {
    const put = await stored.putFile(content.file, { sha256: content.sha256, size: content.size });
    const files: NewFileLink[] = [{ ...put, mediaType: content.mediaType, state: 'present', role: 'content' }];
    if (cover) {
      const coverPut = await stored.putBytes(cover.bytes);
      files.push({ ...coverPut, mediaType: cover.mediaType, state: 'present', role: 'cover' });
    }
    const extraction = row.origin === 'file' ? await readExtraction(store.dirOf(row.id)) : null;
    const record: DocumentRecord = {
      publication: {
        id: localId(content.sha256),
        kind: description.kind,
        title: description.title,
        number: description.number || null,
        docType: description.docType || null,
        issuer: description.issuer || null,
        issuedDate: description.issuedDate ?? null,
        effectiveDate: description.effectiveDate ?? null,
        legalStatus: description.legalStatus,
        fields: description.fields,
        language: description.language,
        description: description.description || null,
        authors: extraction?.metadata.authors ?? [],
        publisher: extraction?.metadata.publisher ?? null,
        origin: 'local',
      },
      files,
      text,
    };
    // Sections read and the text indexed in the writer thread: a book's text takes most of a second.
    await writer.save({ records: [record], count: 'document_added' });
    store.remove(row.id);
    return record.publication.id;
  } catch (error) {
    await stored.discard();
    throw error;
  }
}

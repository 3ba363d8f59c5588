/**
 * What an upload really is, checked from the whole file when its last byte has arrived, before
 * it may enter moderation. First its frame, read here (a few bytes): a PDF begins with `%PDF-`
 * at its first byte (an HTML page with `%PDF-` in a comment does not) and has its `%%EOF` end
 * marker in its last kilobyte (a truncated file does not); an EPUB is an OCF container, a zip
 * whose first entry is `mimetype`, stored uncompressed, holding exactly `application/epub+zip`.
 * Then the whole file is parsed as the station's importer parses it — pdf.js for a PDF; for an
 * EPUB, META-INF/container.xml to a package document that parses, with a spine of readable
 * content — in the extraction worker (catalog/import/extract.ts): its own thread with a time
 * limit, a heap limit and a bound on the process's memory, so a hostile file is refused and
 * cannot stall or crash the hub. One file is checked at a time.
 */
import fs from 'node:fs/promises';
import { Extractor } from '../import/extract.js';
import { refusalReason } from '../import/errors.js';
import type { MessageRef } from '../../shared/messages.js';

const PDF = 'application/pdf';
const EPUB = 'application/epub+zip';
const MB = 1024 * 1024;
/** Where a PDF's `%%EOF` may sit: in its last kilobyte, as readers accept (bytes may follow it). */
const PDF_TAIL_BYTES = 1024;
/** A local file header (30 bytes) with its name and extra field (at most 64 KB each), then 20 bytes of content. */
const ZIP_HEAD_BYTES = 30 + 2 * 65_535 + EPUB.length;

/** Time and memory the parse of one file may take: more for a larger file (a 200 MB scan). */
function boundsFor(size: number) {
  const megabytes = Math.ceil(size / MB);
  return { timeoutMs: 60_000 + 1000 * megabytes, rssBudgetMb: 256 + 2 * megabytes };
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, length));
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, Math.max(0, position));
  return buffer.subarray(0, bytesRead);
}

/** What is wrong with a PDF's frame, or null. */
async function pdfFrame(handle: fs.FileHandle, size: number): Promise<MessageRef | null> {
  if (!(await readAt(handle, 0, 8)).toString('latin1').startsWith('%PDF-')) return { key: 'hub.pdfHeader' };
  const tail = await readAt(handle, size - PDF_TAIL_BYTES, PDF_TAIL_BYTES);
  return tail.includes('%%EOF', 0, 'latin1') ? null : { key: 'hub.pdfEnd' };
}

/** What is wrong with an EPUB's first zip entry (OCF: `mimetype`, stored, exactly the media type), or null. */
async function epubFrame(handle: fs.FileHandle): Promise<MessageRef | null> {
  const head = await readAt(handle, 0, ZIP_HEAD_BYTES);
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return { key: 'hub.epubNotZip' };
  const flags = head.readUInt16LE(6);
  const method = head.readUInt16LE(8);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const name = head.subarray(30, 30 + nameLength).toString('latin1');
  // An extra field is tolerated: Vietnamese e-book tools write one and every reader accepts it.
  const start = 30 + nameLength + extraLength;
  const content = head.subarray(start, start + EPUB.length).toString('latin1');
  const sized = (flags & 0x8) !== 0 || (head.readUInt32LE(18) === EPUB.length && head.readUInt32LE(22) === EPUB.length);
  const encrypted = (flags & 0x1) !== 0;
  return name === 'mimetype' && method === 0 && !encrypted && sized && content === EPUB ? null : { key: 'hub.epubMimetype' };
}

/** The file parsed whole in the extraction worker, bounded: why it is not a sound `mediaType`, or null. */
async function parseProblem(file: string, size: number, mediaType: string): Promise<MessageRef | null> {
  const extractor = new Extractor({ cover: false, maxJobsPerWorker: 1, ...boundsFor(size) });
  try {
    const outcome = await extractor.extract(file);
    if (!outcome.ok) return refusalReason(outcome.refusal);
    return outcome.extraction.mediaType === mediaType ? null : { key: mediaType === EPUB ? 'hub.epubNotZip' : 'hub.pdfHeader' };
  } finally {
    await extractor.close();
  }
}

/** Why the file at `file` is not a sound `mediaType` (application/epub+zip, else PDF), as a message; null when it is. */
export async function contentProblem(file: string, mediaType: string): Promise<MessageRef | null> {
  const handle = await fs.open(file, 'r');
  let frame: MessageRef | null;
  let size: number;
  try {
    size = (await handle.stat()).size;
    frame = mediaType === EPUB ? await epubFrame(handle) : await pdfFrame(handle, size);
  } finally {
    await handle.close();
  }
  const reason = frame ?? (await parseProblem(file, size, mediaType === EPUB ? EPUB : PDF));
  if (!reason) return null;
  return { key: mediaType === EPUB ? 'hub.notEpub' : 'hub.notPdf', params: { reason } };
}

/** `contentProblem`, one file at a time: the uploads finishing together wait their turn (memory stays bounded). */
export function oneAtATime(check: typeof contentProblem): typeof contentProblem {
  let queue: Promise<unknown> = Promise.resolve();
  return (file, mediaType) => {
    const turn = queue.then(() => check(file, mediaType));
    queue = turn.catch(() => undefined);
    return turn;
  };
}

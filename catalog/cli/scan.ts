/**
 * `bookshelf scan (--device <SANE name> [--source flatbed|feeder] [--pages N] | --folder <dir>)
 * [--ocr] [--title …] [--library DIR] [--json]`: the desk's pipeline without the UI — scan (or
 * take every page image and PDF of a folder), recognise the text, describe the document from its
 * header (or --title) and save it into the catalog as one searchable document; prints its id.
 * With --json the last line is {"id", "pages", "textChars"}. Progress goes to stderr.
 * Exit code 0 when saved, 1 when nothing could be saved, 2 for a usage error.
 */
import path from 'node:path';
import { Library } from '../library.js';
import { DeskService } from '../desk/service.js';
import { FolderSource } from '../scan/folder.js';
import { descriptionProblems, SCAN_MODES } from '../../shared/desk.js';
import type { DeskJob, DocumentDescription, ScanMode } from '../../shared/desk.js';
import { UsageError } from './usage.js';

export const SCAN_HELP = `scan (--device TÊN [--source flatbed|feeder] [--pages N] | --folder THƯ_MỤC) [--ocr] [--title …] [--json]:
  Quét thành một tài liệu trong tủ sách (không cần giao diện) / Scan into one catalog document (no UI)
  --device TÊN          Máy quét SANE, ví dụ / SANE device, e.g. test:0 (xem / see: scanimage -L)
  --source S            flatbed (mặt kính, mặc định / default) hoặc / or feeder (khay nạp / document feeder)
  --pages N             Số trang lấy từ khay nạp (mặc định: hết giấy) / Pages from the feeder (default: until empty)
  --mode M              gray (mặc định / default), color, lineart;  --resolution DPI (mặc định / default 300)
  --folder THƯ_MỤC      Lấy mọi ảnh trang và PDF trong thư mục, theo thứ tự tên / Every page image and PDF in the folder, by name
  --ocr                 Nhận dạng chữ tiếng Việt (tesseract) để tìm được / Recognise the Vietnamese text (tesseract) for search
  --title "…"           Tên tài liệu (mặc định: đọc từ phần đầu văn bản) / Title (default: read from the document's header)
  --json                Dòng cuối là / The last line is {"id", "pages", "textChars"}
`;

export interface ScanFlags {
  libraryDir: string;
  device?: string;
  source?: string;
  pages?: string;
  mode?: string;
  resolution?: string;
  folder?: string;
  ocr: boolean;
  title?: string;
  json: boolean;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: Io = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

function whole(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name}: "${value}" phải là số từ ${min} đến ${max} / must be a number from ${min} to ${max}`);
  return n;
}

function checkFlags(flags: ScanFlags) {
  if ((flags.device === undefined) === (flags.folder === undefined)) throw new UsageError('cần một trong / needs one of --device <SANE> or --folder <thư mục / folder>');
  if (flags.source !== undefined && flags.source !== 'flatbed' && flags.source !== 'feeder') throw new UsageError('--source: flatbed | feeder');
  if (flags.mode !== undefined && !(SCAN_MODES as readonly string[]).includes(flags.mode)) throw new UsageError(`--mode: ${SCAN_MODES.join(' | ')}`);
  if (flags.folder !== undefined && (flags.source !== undefined || flags.pages !== undefined)) throw new UsageError('--source, --pages chỉ dùng với / only with --device');
  if (flags.title !== undefined && flags.title.trim().length < 3) throw new UsageError('--title: ít nhất 3 ký tự / at least 3 characters');
  return {
    pages: whole('pages', flags.pages, 1, 500),
    resolution: whole('resolution', flags.resolution, 75, 1200) ?? 300,
  };
}

/** Waits for the batch's job, printing each page as it is done. */
async function follow(desk: DeskService, batchId: string, label: string, io: Io): Promise<DeskJob | null> {
  let shown = -1;
  for (;;) {
    const done = desk.idle(batchId);
    const job = desk.batch(batchId, 'vi').job;
    if (job && job.done !== shown) {
      shown = job.done;
      if (job.done > 0) io.stderr(`${label}: ${job.done}${job.total ? `/${job.total}` : ''}\n`);
    }
    if (!job || job.state !== 'running') return job;
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
}

export async function runScan(flags: ScanFlags, io: Io = defaultIo): Promise<number> {
  const checked = checkFlags(flags);
  const folder = flags.folder === undefined ? undefined : path.resolve(flags.folder);
  const library = await Library.open(flags.libraryDir);
  // The app may be running on the same library: its jobs are not ours to call interrupted.
  const desk = new DeskService(library, { scanFolders: folder ? [folder] : [], recover: false });
  try {
    const batch = desk.createBatch('vi');
    desk.scan(
      batch.id,
      {
        scanner: folder ? FolderSource.idOf(folder) : `sane:${flags.device}`,
        source: folder ? 'feeder' : ((flags.source as 'flatbed' | 'feeder' | undefined) ?? 'flatbed'),
        mode: (flags.mode as ScanMode | undefined) ?? 'gray',
        resolution: checked.resolution,
        pageSize: 'a4',
        pages: checked.pages,
        everything: true,
      },
      'vi',
    );
    const scanned = await follow(desk, batch.id, 'Đã quét / scanned', io);
    if (scanned?.message) io.stderr(`${scanned.message}\n`);
    const pages = desk.batch(batch.id, 'vi').pages.length;
    if (pages === 0) {
      desk.store.remove(batch.id);
      io.stderr('Không có trang nào, không lưu / No page, nothing saved\n');
      return 1;
    }
    if (flags.ocr) {
      desk.ocr(batch.id, 'vi');
      const ocr = await follow(desk, batch.id, 'Đã nhận dạng chữ / recognised', io);
      if (ocr?.message) io.stderr(`${ocr.message}\n`);
    }
    const draft = await desk.draft(batch.id, 'vi');
    const candidate: DocumentDescription = {
      kind: draft.kind ?? 'guide',
      title: flags.title?.trim() ?? draft.title ?? `Tài liệu quét ${new Date().toISOString().slice(0, 10)}`,
      number: draft.number,
      docType: draft.docType,
      issuer: draft.issuer,
      issuedDate: draft.issuedDate,
      fields: [],
      legalStatus: 'unknown',
      language: draft.language ?? 'vi',
    };
    // What the header parser could not tell stays out rather than blocking the save.
    const problems = descriptionProblems(candidate);
    if (problems.some((p) => p.path === 'number')) candidate.number = undefined;
    if (problems.some((p) => p.path === 'docType' || p.path === 'issuer')) candidate.kind = 'guide';
    if (candidate.title.length < 3) candidate.title = `Tài liệu quét ${new Date().toISOString().slice(0, 10)}`;
    const saved = await desk.save(batch.id, candidate, true, 'vi');
    const similar = [...saved.duplicates.byNumber, ...saved.duplicates.byHash].filter((p) => p.id !== saved.publicationId);
    if (similar.length) io.stderr(`Lưu ý, có tài liệu giống / Note, similar documents: ${similar.map((p) => p.id).join(', ')}\n`);
    const textChars = (library.db.prepare('SELECT length(text) FROM publication_texts WHERE publication_id = ?').pluck().get(saved.publicationId) as number | undefined) ?? 0;
    io.stdout(`${saved.publicationId}\n`);
    io.stderr(`Đã lưu / Saved: ${candidate.title} — ${pages} trang / pages, ${textChars} ký tự / characters\n`);
    if (flags.json) io.stdout(`${JSON.stringify({ id: saved.publicationId, pages, textChars })}\n`);
    return 0;
  } finally {
    await desk.dispose();
    library.close();
  }
}

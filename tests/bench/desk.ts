/**
 * The librarian's desk benchmark (part of `npm run bench`). First: OCR throughput in pages per
 * minute of the desk's pipeline (pages picked up from a folder, stored, recognised by the OCR
 * job, which runs tesseract per page with OMP_THREAD_LIMIT=1, several pages side by side) beside
 * plain `tesseract page out -l vie` one page after the other on the same pages in the same run;
 * the ratio is the app's time over plain tesseract's. Plain tesseract with OMP_THREAD_LIMIT=1 is
 * shown too, so the gain from the thread setting is not mistaken for the pipeline's. Second:
 * from the last page of a 10-page feeder batch (SANE test device, 300 dpi grey) to a document
 * the catalog's search finds — OCR and save; and the same for 10 gazette text pages.
 * Returns null (with the reason printed) where scanimage, tesseract or the corpora are missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../catalog/library.js';
import { DeskService } from '../../catalog/desk/service.js';
import { corpus } from '../helpers/corpora.js';
import { FolderSource } from '../../catalog/scan/folder.js';
import { search } from '../../catalog/search/search.js';

type Row = [string, string, string];

const OCR_DIR = corpus('scanner', 'ocr-vn');
const SANE_CONFIG_DIR = corpus('scanner', 'sane-config');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-desk-'));
}

const seconds = (start: number) => (performance.now() - start) / 1000;
const perMinute = (pages: number, s: number) => (pages * 60) / s;

/** Plain tesseract on each page, one after the other; seconds. */
function plainTesseract(pages: string[], env: NodeJS.ProcessEnv): number {
  const out = tmp();
  const start = performance.now();
  pages.forEach((page, i) => execFileSync('tesseract', [page, path.join(out, `p${i}`), '-l', 'vie'], { env, stdio: 'ignore' }));
  const s = seconds(start);
  fs.rmSync(out, { recursive: true, force: true });
  return s;
}

/** A folder batch through the desk: pick up, OCR, save; seconds of each part, and whether search finds `word`. */
async function throughDesk(folder: string, word: string | null, saneArgs?: string[]) {
  const dir = tmp();
  const library = await Library.open(dir);
  const desk = new DeskService(library, { scanFolders: folder ? [folder] : [], saneConfigDir: SANE_CONFIG_DIR, saneArgs });
  try {
    const batch = desk.createBatch();
    const scanner = folder ? FolderSource.idOf(folder) : 'sane:test:0';
    desk.scan(batch.id, { scanner, source: 'feeder', mode: 'gray', resolution: 300, pageSize: 'a4', everything: true });
    await desk.idle(batch.id);
    const pages = desk.batch(batch.id).pages.length;
    const lastPage = performance.now();
    desk.ocr(batch.id);
    await desk.idle(batch.id);
    const ocrSeconds = seconds(lastPage);
    const title = 'Biên bản đo tốc độ quét';
    const saved = await desk.save(batch.id, { kind: 'guide', title, fields: [], legalStatus: 'unknown', language: 'vi' }, true);
    const found = search(library.db, { q: word ?? title, offset: 0, limit: 5 }).items.some((i) => i.publication.id === saved.publicationId);
    return { pages, ocrSeconds, toSearchable: seconds(lastPage), found };
  } finally {
    await desk.dispose();
    library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDesk(): Promise<{ rows: Row[]; json: Record<string, unknown> } | null> {
  const tesseract = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  const missing =
    tesseract.error || !`${tesseract.stdout}`.includes('vie')
      ? 'tesseract with Vietnamese data (apt-get install tesseract-ocr tesseract-ocr-vie)'
      : spawnSync('scanimage', ['--version']).error
        ? 'scanimage (apt-get install sane-utils)'
        : !fs.existsSync(OCR_DIR)
          ? `${OCR_DIR}`
          : null;
  if (missing) {
    console.log(`⚠ Desk benchmark skipped: ${missing} not found.`);
    return null;
  }
  const gazette = fs.readdirSync(OCR_DIR).filter((n) => n.endsWith('.gt.txt')).map((n) => path.join(OCR_DIR, n.replace('.gt.txt', '.png')));
  // 10 text pages: the gazette pages over again, each copy its own file.
  const tenPages = tmp();
  for (let i = 0; i < 10; i++) fs.copyFileSync(gazette[i % gazette.length], path.join(tenPages, `trang-${String(i + 1).padStart(2, '0')}.png`));
  const pages = fs.readdirSync(tenPages).map((n) => path.join(tenPages, n));

  const plain = plainTesseract(pages, process.env);
  const plainOneThread = plainTesseract(pages, { ...process.env, OMP_THREAD_LIMIT: '1' });
  const text = await throughDesk(tenPages, 'Quỹ Đổi mới công nghệ quốc gia');
  const feeder = await throughDesk('', null, ['--test-picture', 'Grid']);
  fs.rmSync(tenPages, { recursive: true, force: true });

  const json = {
    cpus: os.availableParallelism(),
    pages: pages.length,
    plainSeconds: plain,
    plainOneThreadSeconds: plainOneThread,
    deskOcrSeconds: text.ocrSeconds,
    deskPagesPerMinute: perMinute(text.pages, text.ocrSeconds),
    plainPagesPerMinute: perMinute(pages.length, plain),
    plainOneThreadPagesPerMinute: perMinute(pages.length, plainOneThread),
    overheadRatio: text.ocrSeconds / plain,
    overheadRatioOneThread: text.ocrSeconds / plainOneThread,
    textBatchToSearchableSeconds: text.toSearchable,
    textBatchFound: text.found,
    feederPages: feeder.pages,
    feederToSearchableSeconds: feeder.toSearchable,
    feederFound: feeder.found,
  };
  const rows: Row[] = [
    [
      `OCR, ${pages.length} gazette pages (desk pipeline)`,
      `${json.deskPagesPerMinute.toFixed(1)} pages/min`,
      `plain tesseract: ${json.plainPagesPerMinute.toFixed(1)} pages/min (ratio ${json.overheadRatio.toFixed(2)}×); with OMP_THREAD_LIMIT=1: ${json.plainOneThreadPagesPerMinute.toFixed(1)} pages/min (ratio ${json.overheadRatioOneThread.toFixed(2)}×)`,
    ],
    [
      'last page → searchable, 10 gazette pages (OCR + save)',
      `${text.toSearchable.toFixed(1)} s${text.found ? '' : ' (NOT FOUND)'}`,
      `plain tesseract on the same pages: ${plain.toFixed(1)} s`,
    ],
    [
      `last page → searchable, ${feeder.pages}-page SANE feeder batch, 300 dpi`,
      `${feeder.toSearchable.toFixed(1)} s${feeder.found ? '' : ' (NOT FOUND)'}`,
      '—',
    ],
  ];
  return { rows, json };
}

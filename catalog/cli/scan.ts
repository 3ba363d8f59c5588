/**
 * `bookshelf scan (--device <SANE name> [--source flatbed|feeder] [--pages N] | --folder <dir>)
 * [--ocr] [--title …] [--library DIR] [--json]`: the desk's pipeline without the UI — scan (or
 * take every page image and PDF of a folder), recognise the text, describe the document from its
 * header (or --title) and save it into the catalog as one searchable document; prints its id.
 * The flatbed takes one page: --pages N (N > 1) without --source scans from the device's feeder
 * (ADF), and says so; a device without one, or --source flatbed with it, is refused in words.
 * Pages whose text could not be read (blank, black, upside down) are named on stderr.
 * With --json the last line is {"id", "pages", "textChars"}. Progress goes to stderr.
 * Exit code 0 when saved, 1 when nothing could be saved, 2 for a usage error.
 */
import path from 'node:path';
import { Library } from '../library.js';
import { DeskService } from '../desk/service.js';
import { FolderSource } from '../scan/folder.js';
import { descriptionProblems, SCAN_MODES } from '../../shared/desk.js';
import type { DeskJob, DocumentDescription, ScanMode, ScanSource } from '../../shared/desk.js';
import { bilingual, say } from '../../shared/messages.js';
import { UsageError, notOneOf } from './usage.js';
import { helpSection, labelled } from './words.js';

export const SCAN_HELP = helpSection('scan (--device NAME [--source flatbed|feeder] [--pages N] | --folder DIR) [--ocr] [--title …] [--json]', [
  ['', 'cli.help.scan.about'],
  ['--device NAME', 'cli.help.scan.device'],
  ['--source S', 'cli.help.scan.source'],
  ['--pages N', 'cli.help.scan.pages'],
  ['--mode M', 'cli.help.scan.mode', { modes: SCAN_MODES.join(', ') }],
  ['--resolution DPI', 'cli.help.scan.resolution'],
  ['--folder DIR', 'cli.help.scan.folder'],
  ['--ocr', 'cli.help.scan.ocr'],
  ['--title "…"', 'cli.help.scan.title'],
  ['--json', 'cli.help.scan.json'],
]);

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
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name}: "${value}" ${bilingual({ key: 'cli.usage.numberRange', params: { min, max } })}`);
  return n;
}

function checkFlags(flags: ScanFlags) {
  if ((flags.device === undefined) === (flags.folder === undefined)) throw new UsageError(`${bilingual({ key: 'cli.usage.needsOneOf' })} --device NAME, --folder DIR`);
  if (flags.source !== undefined && flags.source !== 'flatbed' && flags.source !== 'feeder') throw notOneOf('--source', flags.source, ['flatbed', 'feeder']);
  if (flags.mode !== undefined && !(SCAN_MODES as readonly string[]).includes(flags.mode)) throw notOneOf('--mode', flags.mode, SCAN_MODES);
  if (flags.folder !== undefined && (flags.source !== undefined || flags.pages !== undefined)) throw new UsageError(`--source, --pages ${bilingual({ key: 'cli.usage.onlyWith' })} --device`);
  if (flags.title !== undefined && flags.title.trim().length < 3) throw new UsageError(`--title: ${bilingual({ key: 'cli.scan.titleTooShort' })}`);
  const pages = whole('pages', flags.pages, 1, 500);
  if (flags.source === 'flatbed' && pages !== undefined && pages > 1) {
    throw new UsageError(`--source flatbed --pages ${pages}: ${bilingual({ key: 'desk.cli.flatbedPages', params: { pages } })}`);
  }
  return { pages, resolution: whole('resolution', flags.resolution, 75, 1200) ?? 300 };
}

/**
 * The paper source of a SANE scan: the one asked for; else the feeder when more than one page is
 * asked (and the device has one), else the flatbed — each said on stderr. Null: no feeder for the pages asked.
 */
async function saneSource(desk: DeskService, flags: ScanFlags, pages: number | undefined, io: Io): Promise<ScanSource | null> {
  if (flags.source !== undefined) return flags.source as ScanSource;
  if (pages === undefined || pages === 1) {
    if (pages === undefined) io.stderr(`${bilingual({ key: 'desk.cli.flatbedOnePage' })}\n`);
    return 'flatbed';
  }
  const device = (await desk.scanners()).find((s) => s.id === `sane:${flags.device}`);
  // A device not listed now is tried anyway: its scan says what is wrong with it.
  if (device && !device.sources.includes('feeder')) {
    io.stderr(`${bilingual({ key: 'desk.cli.noFeeder', params: { device: flags.device ?? '' } })}\n`);
    return null;
  }
  io.stderr(`${bilingual({ key: 'desk.cli.feederForPages', params: { pages } })}\n`);
  return 'feeder';
}

/** The title of a scan whose header gave none: the catalog's titles are in Vietnamese. */
function scannedTitle(): string {
  return say('vi', { key: 'cli.scan.defaultTitle', params: { day: new Date().toISOString().slice(0, 10) } });
}

/** Waits for the batch's job, printing each page as it is done. */
async function follow(desk: DeskService, batchId: string, label: string, io: Io): Promise<DeskJob | null> {
  let shown = -1;
  for (;;) {
    const done = desk.idle(batchId);
    const job = desk.batch(batchId).job;
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
    const source = folder ? 'feeder' : await saneSource(desk, flags, checked.pages, io);
    if (!source) return 1;
    const batch = desk.createBatch({ fresh: true });
    desk.scan(batch.id, {
      scanner: folder ? FolderSource.idOf(folder) : `sane:${flags.device}`,
      source,
      mode: (flags.mode as ScanMode | undefined) ?? 'gray',
      resolution: checked.resolution,
      pageSize: 'a4',
      pages: checked.pages,
      everything: true,
    });
    const scanned = await follow(desk, batch.id, bilingual({ key: 'cli.scan.scanned' }), io);
    if (scanned?.message) io.stderr(`${bilingual(scanned.message)}\n`);
    const pages = desk.batch(batch.id).pages.length;
    if (pages === 0) {
      desk.store.remove(batch.id);
      io.stderr(`${bilingual({ key: 'cli.scan.noPage' })}\n`);
      return 1;
    }
    if (flags.ocr) {
      desk.ocr(batch.id);
      const ocr = await follow(desk, batch.id, bilingual({ key: 'cli.scan.recognised' }), io);
      if (ocr?.message) io.stderr(`${bilingual(ocr.message)}\n`);
      const unreadable = desk.batch(batch.id).pages.filter((p) => p.unreadable).map((p) => p.index + 1);
      if (unreadable.length > 0) io.stderr(`${bilingual({ key: 'desk.cli.unreadablePages', params: { pages: unreadable.join(', ') } })}\n`);
    }
    const draft = await desk.draft(batch.id);
    const candidate: DocumentDescription = {
      kind: draft.kind ?? 'guide',
      title: flags.title?.trim() ?? draft.title ?? scannedTitle(),
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
    if (candidate.title.length < 3) candidate.title = scannedTitle();
    const saved = await desk.save(batch.id, candidate, true);
    const similar = [...saved.duplicates.byNumber, ...saved.duplicates.byHash].filter((p) => p.id !== saved.publicationId);
    if (similar.length) io.stderr(`${labelled('cli.scan.similar', similar.map((p) => p.id).join(', '))}\n`);
    const textChars = (library.db.prepare('SELECT length(text) FROM publication_texts WHERE publication_id = ?').pluck().get(saved.publicationId) as number | undefined) ?? 0;
    io.stdout(`${saved.publicationId}\n`);
    io.stderr(`${labelled('cli.scan.saved', `${candidate.title} — ${pages} ${bilingual({ key: 'cli.unit.pages' })}, ${textChars} ${bilingual({ key: 'cli.unit.characters' })}`)}\n`);
    if (flags.json) io.stdout(`${JSON.stringify({ id: saved.publicationId, pages, textChars })}\n`);
    return 0;
  } finally {
    await desk.dispose();
    library.close();
  }
}

/**
 * The self-test of an installed app (`bookshelf self-test`, the desktop app's `--self-test`):
 * loads every module the app loads at start and at first use, and uses each once — SQLite
 * (better-sqlite3, FTS5) on a new library in a temporary folder, sharp, canvas, pdf.js drawing
 * page 1 of a demo law, the extraction worker, and a station served on 127.0.0.1 (read pool,
 * writer thread, HTTP) answering a search. Each check is named, timed and, when it fails, says
 * why in the module's own words; nothing outside the temporary folder is touched. For whoever
 * installs a kiosk or builds a release: a native library left out of a package fails here, not
 * in front of a resident. writeSelfTest prints the report: one line per check and the verdict in
 * both languages, or one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DIR } from './package-root.js';
import { bilingual } from '../shared/messages.js';
import { terminalSafe } from '../shared/text.js';

export interface SelfTestCheck {
  /** What was tried: a module's name, or a part of the app ('station'). */
  name: string;
  ok: boolean;
  ms: number;
  /** What it found (a count, a size) or, when it failed, the error's own words. */
  detail: string;
}

export interface SelfTestReport {
  ok: boolean;
  checks: SelfTestCheck[];
}

/** The demo law whose page 1 is drawn and extracted, and words the demo laws hold. */
const SAMPLE_PDF = path.join(DEMO_DIR, 'luat-so-69-2020-qh14-32699.pdf');
const SAMPLE_QUERY = 'bao hiem xa hoi';

/** Runs one check: its outcome, time and words, whatever it throws. */
export async function check(name: string, run: () => Promise<string>): Promise<SelfTestCheck> {
  const started = performance.now();
  try {
    const detail = await run();
    return { name, ok: true, ms: Math.round(performance.now() - started), detail };
  } catch (error) {
    return { name, ok: false, ms: Math.round(performance.now() - started), detail: error instanceof Error ? error.message : String(error) };
  }
}

async function sqlite(dir: string): Promise<string> {
  const { Library } = await import('./library.js');
  const library = await Library.open(path.join(dir, 'library'));
  try {
    const integrity = library.db.prepare('PRAGMA integrity_check').pluck().get();
    if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);
    library.db.exec("CREATE VIRTUAL TABLE temp.self_test USING fts5(body); INSERT INTO temp.self_test VALUES ('luat dat dai')");
    const found = library.db.prepare("SELECT count(*) FROM temp.self_test WHERE self_test MATCH 'dat'").pluck().get();
    if (found !== 1) throw new Error('FTS5');
    return `schema ${String(library.db.pragma('user_version', { simple: true }))}, FTS5`;
  } finally {
    library.close();
  }
}

async function sharpWorks(): Promise<string> {
  const { default: sharp } = await import('sharp');
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const meta = await sharp(png).metadata();
  return `libvips ${sharp.versions.vips}, ${meta.width}×${meta.height} ${meta.format}`;
}

async function canvasWorks(): Promise<string> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(16, 16);
  canvas.getContext('2d').fillRect(0, 0, 8, 8);
  return `${canvas.toBuffer('image/png').length} B PNG`;
}

async function pdfPage(dir: string): Promise<string> {
  const { renderPdfPages } = await import('./scan/pdf-pages.js');
  const out = path.join(dir, 'pages');
  fs.mkdirSync(out);
  const stop = new AbortController();
  let drawn = '';
  await renderPdfPages(SAMPLE_PDF, out, 72, async (png) => {
    drawn = png;
    stop.abort();
  }, stop.signal);
  if (!drawn) throw new Error('page 1 not drawn');
  // The PNG's own header (its IHDR chunk) gives the size: no other module is needed to read it.
  const png = fs.readFileSync(drawn);
  if (png.toString('latin1', 1, 4) !== 'PNG' || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('page 1 is not a PNG');
  return `page 1: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`;
}

async function extraction(): Promise<string> {
  const { Extractor } = await import('./import/extract.js');
  const extractor = new Extractor();
  try {
    const outcome = await extractor.extract(SAMPLE_PDF);
    if (!outcome.ok) throw new Error(`${outcome.refusal.code}: ${JSON.stringify(outcome.refusal.detail ?? null)}`);
    return `${outcome.extraction.pageCount} pages, ${outcome.extraction.text.length} characters`;
  } finally {
    await extractor.close();
  }
}

async function station(dir: string): Promise<string> {
  const { startStation } = await import('./station.js');
  const running = await startStation({ libraryDir: path.join(dir, 'station'), host: '127.0.0.1', port: 0, demo: true });
  try {
    const response = await fetch(`${running.server.url}/api/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q: SAMPLE_QUERY }) });
    const answer = (await response.json()) as { ok: boolean; result?: { total: number } };
    if (!answer.ok || !answer.result) throw new Error(`search: HTTP ${response.status}`);
    if (answer.result.total === 0) throw new Error(`search: no hit for "${SAMPLE_QUERY}" in the demo laws`);
    return `${running.demo.publications} demo laws, search found ${answer.result.total}`;
  } finally {
    await running.close();
  }
}

/** The checks, in order, after any the caller ran first (the desktop app: its own modules). */
export async function runSelfTest(first: SelfTestCheck[] = []): Promise<SelfTestReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-self-test-'));
  try {
    const checks = [
      ...first,
      await check('better-sqlite3', () => sqlite(dir)),
      await check('sharp', sharpWorks),
      await check('@napi-rs/canvas', canvasWorks),
      await check('pdf.js', () => pdfPage(dir)),
      await check('extraction worker', extraction),
      await check('station', () => station(dir)),
    ];
    return { ok: checks.every((one) => one.ok), checks };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a report as the command shows it (`bookshelf self-test` and the desktop app's --self-test); the exit status. */
export function writeSelfTest(report: SelfTestReport, json: boolean, write: (text: string) => void): number {
  if (json) write(`${JSON.stringify(report)}\n`);
  else {
    for (const check of report.checks) write(`${check.ok ? '✓' : '✗'} ${check.name.padEnd(18)} ${String(check.ms).padStart(6)} ms  ${terminalSafe(check.detail)}\n`);
    write(`${bilingual({ key: report.ok ? 'cli.selfTest.passed' : 'cli.selfTest.failed', params: { failed: report.checks.filter((check) => !check.ok).length } })}\n`);
  }
  return report.ok ? 0 : 1;
}

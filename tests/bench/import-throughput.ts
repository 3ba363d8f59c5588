/**
 * Import throughput, for `npm run bench`: pages per second and MB per second for a set of PDFs,
 * measured in the same process — the whole import (hash, extract in the workers, store, save
 * and index; then the covers), until the texts are searchable and until the covers are in;
 * extraction alone in one worker without covers; and poppler's `pdftotext` as the baseline,
 * each ratio to it printed beside.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../catalog/library.js';
import { Extractor } from '../../catalog/import/extract.js';
import { importWorkers } from '../../catalog/import/extract-pool.js';
import { importFiles } from '../../catalog/import/importer.js';

export interface Throughput {
  label: string;
  files: number;
  pages: number;
  bytes: number;
  seconds: number;
  pagesPerSecond: number;
  megabytesPerSecond: number;
  /** Files that did not go through (refused, or pdftotext failed). */
  failed: number;
}

function throughput(label: string, files: number, pages: number, bytes: number, seconds: number, failed: number): Throughput {
  return {
    label,
    files,
    pages,
    bytes,
    seconds,
    pagesPerSecond: pages / seconds,
    megabytesPerSecond: bytes / 1024 / 1024 / seconds,
    failed,
  };
}

async function totalBytes(files: string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += (await fs.stat(file)).size;
  return bytes;
}

/**
 * The whole import into a fresh temporary library (removed afterwards): the time until every
 * text is saved and searchable (the last file's 'done' event; covers are drawn after that) and
 * the time until the covers are in too.
 */
export async function benchImport(files: string[]): Promise<Throughput[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bookshelf-bench-import-'));
  const library = await Library.open(dir);
  try {
    const started = performance.now();
    let finished = 0;
    let searchable = 0;
    const summary = await importFiles(library, files, {
      onProgress: (event) => {
        if (event.phase === 'done' && ++finished === files.length) searchable = performance.now();
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const pages = summary.imported.reduce((sum, item) => sum + item.pageCount, 0);
    const bytes = await totalBytes(files);
    const failed = summary.refused.length;
    return [
      throughput(`bookshelf import, texts searchable (${importWorkers()} workers)`, files.length, pages, bytes, (searchable - started) / 1000, failed),
      throughput('bookshelf import, covers in too', files.length, pages, bytes, seconds, failed + summary.imported.filter((item) => !item.hasCover).length),
    ];
  } finally {
    library.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Text extraction alone in one worker, no cover, one file after another: pdf.js's own speed. */
export async function benchExtract(files: string[]): Promise<Throughput> {
  const extractor = new Extractor({ cover: false });
  try {
    const started = performance.now();
    let pages = 0;
    let failed = 0;
    for (const file of files) {
      const outcome = await extractor.extract(file);
      if (outcome.ok) pages += outcome.extraction.pageCount;
      else failed++;
    }
    const seconds = (performance.now() - started) / 1000;
    return throughput('pdf.js text in one worker (no cover)', files.length, pages, await totalBytes(files), seconds, failed);
  } finally {
    await extractor.close();
  }
}

/** poppler's pdftotext on the same files, one process each; null when it is not installed. */
export async function benchPdftotext(files: string[], command = 'pdftotext'): Promise<Throughput | null> {
  const run = (file: string) =>
    new Promise<{ ok: boolean; pages: number }>((resolve, reject) => {
      const child = spawn(command, ['-enc', 'UTF-8', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let pages = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 0x0c) pages++; // one form feed per page
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ ok: code === 0, pages }));
    });
  const started = performance.now();
  let pages = 0;
  let failed = 0;
  try {
    for (const file of files) {
      const result = await run(file);
      pages += result.pages;
      if (!result.ok) failed++;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  return throughput('pdftotext (poppler)', files.length, pages, await totalBytes(files), seconds, failed);
}

/** All three, side by side. */
export async function benchImportThroughput(files: string[]): Promise<Throughput[]> {
  const results = [...(await benchImport(files)), await benchExtract(files)];
  const baseline = await benchPdftotext(files);
  if (baseline) results.push(baseline);
  return results;
}

export function formatThroughput(results: Throughput[]): string {
  const baseline = results.find((r) => r.label.startsWith('pdftotext'));
  return results
    .map((r) => `${r.label.padEnd(52)} ${r.pages} pages, ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.seconds.toFixed(2)} s: ` +
      `${r.pagesPerSecond.toFixed(0)} pages/s, ${r.megabytesPerSecond.toFixed(2)} MB/s` +
      `${baseline && r !== baseline ? ` (${(r.pagesPerSecond / baseline.pagesPerSecond).toFixed(2)}× pdftotext)` : ''}${r.failed ? ` (${r.failed} failed)` : ''}`)
    .join('\n');
}

/**
 * Import throughput, for `npm run bench`: pages per second and MB per second for a set of PDFs,
 * measured three ways in the same process — the whole import (hash, extract in the worker,
 * cover, store, save and index), extraction alone without covers, and poppler's `pdftotext`
 * as the baseline.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../catalog/library.js';
import { Extractor } from '../../catalog/import/extract.js';
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

/** The whole import into a fresh temporary library (removed afterwards). */
export async function benchImport(files: string[]): Promise<Throughput> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bookshelf-bench-import-'));
  const library = await Library.open(dir);
  try {
    const started = performance.now();
    const summary = await importFiles(library, files);
    const seconds = (performance.now() - started) / 1000;
    const pages = summary.imported.reduce((sum, item) => sum + item.pageCount, 0);
    return throughput('bookshelf import (worker, covers, save, index)', files.length, pages, await totalBytes(files), seconds, summary.refused.length);
  } finally {
    library.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Text extraction alone in the worker, no cover: the part comparable to pdftotext. */
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
    return throughput('pdf.js text in the worker (no cover)', files.length, pages, await totalBytes(files), seconds, failed);
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
  const results = [await benchImport(files), await benchExtract(files)];
  const baseline = await benchPdftotext(files);
  if (baseline) results.push(baseline);
  return results;
}

export function formatThroughput(results: Throughput[]): string {
  return results
    .map((r) => `${r.label.padEnd(48)} ${r.pages} pages, ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.seconds.toFixed(2)} s: ` +
      `${r.pagesPerSecond.toFixed(0)} pages/s, ${r.megabytesPerSecond.toFixed(2)} MB/s${r.failed ? ` (${r.failed} failed)` : ''}`)
    .join('\n');
}

/**
 * `bookshelf import <files or folders…> [--library DIR] [--json] [--timeout SECONDS]`: imports
 * PDF and EPUB files into a library. A progress bar on a terminal, one line per file
 * otherwise; a summary in Vietnamese and English at the end. Exit code 0 when nothing was
 * refused, 1 when some file was refused, 2 for a usage error.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Library } from '../library.js';
import { UsageError } from './usage.js';
import { terminalSafe } from '../../shared/text.js';
import { importFiles } from '../import/importer.js';
import type { ImportOutcome, ImportProgress, ImportSummary } from '../import/importer.js';
import { DEFAULT_TIMEOUT_MS } from '../import/extract.js';

export const IMPORT_HELP = `import <tệp hoặc thư mục…> / <files or folders…>:
  Nhập tệp PDF và EPUB (thư mục được duyệt đệ quy) / Import PDF and EPUB files (folders recursively)
  --timeout GIÂY        Thời gian tối đa cho mỗi tệp (mặc định ${DEFAULT_TIMEOUT_MS / 1000}) / Time limit per file in seconds (default ${DEFAULT_TIMEOUT_MS / 1000})
  --json                Kết quả dạng JSON / Print the summary as JSON
  Mã thoát / Exit code: 0 = không tệp nào bị từ chối / nothing refused, 1 = có tệp bị từ chối / some files
  refused, 2 = sai cách dùng / usage error
`;

/** The flags of `bookshelf import` (besides the positional paths), for parseArgs. */
export interface ImportArgs {
  libraryDir: string;
  paths: string[];
  json?: boolean;
  /** Per-file time limit in seconds (default 60). */
  timeoutSeconds?: number;
}

export interface ImportIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** "--timeout 90" → 90; anything but a positive number is a usage error. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) {
    throw new UsageError(`--timeout: "${value}" không phải số giây hợp lệ / is not a valid number of seconds`);
  }
  return seconds;
}

function describeOutcome(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported': {
      const { item } = outcome;
      const extra = [item.number, item.needsOcr ? 'cần OCR / OCR needed' : null, ...item.notes.filter((n) => n.startsWith('dc:language'))]
        .filter(Boolean)
        .join('; ');
      return terminalSafe(`✓ đã nhập / imported: ${item.title}${extra ? ` (${extra})` : ''}`);
    }
    case 'duplicate':
      return `= trùng, đã có / duplicate of ${outcome.item.publicationId}`;
    case 'refused':
      return terminalSafe(`✗ từ chối / refused: ${outcome.item.reason}`);
  }
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `Đã nhập / Imported: ${summary.imported.length}`,
    `Trùng, đã có trong thư viện / Duplicates: ${summary.duplicates.length}`,
    `Bị từ chối / Refused: ${summary.refused.length}`,
    ...summary.refused.map((r) => terminalSafe(`  - ${r.path}: ${r.reason}`)),
    `Bỏ qua (không phải PDF/EPUB) / Skipped (not PDF/EPUB): ${summary.skipped}`,
  ];
  const ocr = summary.imported.filter((i) => i.needsOcr);
  if (ocr.length > 0) lines.push(`Cần OCR (ảnh quét, chưa có chữ) / Need OCR (scanned, no text yet): ${ocr.length}`, ...ocr.map((i) => `  - ${i.path}`));
  return `${lines.join('\n')}\n`;
}

export async function runImport(args: ImportArgs, io: ImportIo = process): Promise<number> {
  const library = await Library.open(args.libraryDir);
  const tty = Boolean(io.stderr.isTTY) && !args.json;
  let bar: cliProgress.SingleBar | null = null;
  const onProgress = (event: ImportProgress) => {
    if (args.json) return;
    if (event.phase === 'scanned') {
      if (tty && event.total > 0) {
        bar = new cliProgress.SingleBar(
          { format: '{bar} {value}/{total} {file}', stream: io.stderr, hideCursor: true, clearOnComplete: true, barsize: 24 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, 0, { file: '' });
      } else if (!tty) {
        io.stdout.write(`${event.total} tệp cần xử lý / files to import (${event.skipped} bỏ qua / skipped)\n`);
      }
    } else if (event.phase === 'file') {
      bar?.update(event.index, { file: terminalSafe(path.basename(event.path).slice(0, 60)) });
    } else {
      if (bar) bar.update(event.index + 1);
      else io.stdout.write(`[${event.index + 1}/${event.total}] ${terminalSafe(event.path)}: ${describeOutcome(event.outcome)}\n`);
    }
  };
  let summary: ImportSummary;
  try {
    summary = await importFiles(library, args.paths, {
      onProgress,
      timeoutMs: args.timeoutSeconds !== undefined ? args.timeoutSeconds * 1000 : undefined,
    });
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
    library.close();
  }
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ libraryDir: args.libraryDir, ...summary }, null, 2)}\n`);
  } else {
    io.stdout.write(`\n${formatSummary(summary)}`);
  }
  return summary.refused.length > 0 ? 1 : 0;
}

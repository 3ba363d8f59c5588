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
import { helpSection, labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';
import { terminalSafe } from '../../shared/text.js';
import { importFiles } from '../import/importer.js';
import type { ImportOutcome, ImportProgress, ImportSummary } from '../import/importer.js';
import { DEFAULT_TIMEOUT_MS } from '../import/extract.js';

export const IMPORT_HELP = helpSection('import <FILE|DIR>…', [
  ['', 'cli.help.import.about'],
  ['--timeout SECONDS', 'cli.help.import.timeout', { seconds: DEFAULT_TIMEOUT_MS / 1000 }],
  ['--json', 'cli.help.import.json'],
  ['', 'cli.help.import.exitCodes'],
]);

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
    throw new UsageError(`--timeout: "${value}" ${bilingual({ key: 'cli.usage.notSeconds' })}`);
  }
  return seconds;
}

function describeOutcome(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported': {
      const { item } = outcome;
      const extra = [item.number, item.needsOcr ? bilingual({ key: 'cli.import.ocrNeeded' }) : null, ...item.notes.filter((n) => n.key === 'import.note.language').map(bilingual)]
        .filter(Boolean)
        .join('; ');
      return terminalSafe(`✓ ${labelled('cli.import.importedOne', `${item.title}${extra ? ` (${extra})` : ''}`)}`);
    }
    case 'duplicate':
      return `= ${bilingual({ key: 'cli.import.duplicateOf', params: { id: outcome.item.publicationId } })}`;
    case 'refused':
      return terminalSafe(`✗ ${bilingual({ key: 'cli.import.refusedOne', params: { reason: outcome.item.reason } })}`);
  }
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [
    labelled('cli.import.imported', summary.imported.length),
    labelled('cli.import.duplicates', summary.duplicates.length),
    labelled('cli.import.refused', summary.refused.length),
    ...summary.refused.map((r) => terminalSafe(`  - ${r.path}: ${bilingual(r.reason)}`)),
    labelled('cli.import.skipped', summary.skipped),
  ];
  const ocr = summary.imported.filter((i) => i.needsOcr);
  if (ocr.length > 0) lines.push(labelled('cli.import.needOcr', ocr.length), ...ocr.map((i) => `  - ${i.path}`));
  return `${lines.join('\n')}\n`;
}

export async function runImport(args: ImportArgs, io: ImportIo = process): Promise<number> {
  const library = await Library.open(args.libraryDir);
  const tty = Boolean(io.stderr.isTTY) && !args.json;
  let bar: cliProgress.SingleBar | null = null;
  // Files finish in any order (two are extracted side by side, largest first): count them.
  let finished = 0;
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
        io.stdout.write(`${bilingual({ key: 'cli.import.toImport', params: { total: event.total, skipped: event.skipped } })}\n`);
      }
    } else if (event.phase === 'file') {
      bar?.update(finished, { file: terminalSafe(path.basename(event.path).slice(0, 60)) });
    } else {
      finished++;
      if (bar) bar.update(finished);
      else io.stdout.write(`[${finished}/${event.total}] ${terminalSafe(event.path)}: ${describeOutcome(event.outcome)}\n`);
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

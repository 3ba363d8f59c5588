/**
 * `bookshelf report --from YYYY-MM-DD --to YYYY-MM-DD | --year YYYY [--network] --format csv|pdf
 * [--out FILE]`: the yearly usage report for the ministry (catalog/report/report.ts makes it, in
 * Vietnamese, the same as the officials' screen); at a hub, `--network` makes it for the whole
 * network from what its stations reported. This command checks its flags and puts the report
 * where it was asked: in a file, or on standard output without --out, a PDF only when that is not
 * a terminal. While the unit's name is not set, the report says so, and so does this command on
 * standard error.
 */
import path from 'node:path';
import { SETTINGS, getSetting } from '../db/settings.js';
import { Library } from '../library.js';
import { usageReport } from '../report/report.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { isIsoDay } from '../usage.js';
import { USAGE_REPORT_MAX_MONTHS, monthsInPeriod } from '../../shared/contract.js';
import { REPORT_FILE_FORMATS } from '../../shared/contract/admin.js';
import type { ReportFileFormat } from '../../shared/contract/admin.js';
import { bilingual } from '../../shared/messages.js';
import { UsageError, notOneOf } from './usage.js';
import { helpSection, labelled } from './words.js';

export const REPORT_HELP = helpSection('report', [
  ['--from YYYY-MM-DD --to YYYY-MM-DD', 'cli.help.report.period'],
  ['--year YYYY', 'cli.help.report.year'],
  ['--network', 'cli.help.report.network'],
  ['--format csv|pdf', 'cli.help.report.format'],
  ['--out FILE', 'cli.help.report.out'],
]);

/** Where the report is written: standard output, or a stream a test gives. */
export interface ReportOutput {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

export interface ReportFlags {
  libraryDir: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  now?: Date;
  /** A whole year instead of from..to. */
  year?: string;
  /** At a hub: the whole network's report. */
  network?: boolean;
}

const EXAMPLE = 'bookshelf report --from 2025-01-01 --to 2025-12-31 --format pdf --out baocao.pdf';

function checkDay(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --${flag} YYYY-MM-DD (${labelled('cli.usage.example', EXAMPLE)})`);
  if (!isIsoDay(value)) throw new UsageError(`--${flag}: "${value}" ${bilingual({ key: 'cli.report.notDay' })}`);
  return value;
}

function checkFormat(format: string | undefined, out: string | undefined): ReportFileFormat {
  if (format === undefined) return out !== undefined && path.extname(out).toLowerCase() === '.pdf' ? 'pdf' : 'csv';
  if (!(REPORT_FILE_FORMATS as readonly string[]).includes(format)) throw notOneOf('--format', format, REPORT_FILE_FORMATS);
  return format as ReportFileFormat;
}

/** The period: the year given, else --from and --to. */
function period(flags: ReportFlags): { from: string; to: string } {
  if (flags.year === undefined) return { from: checkDay('from', flags.from), to: checkDay('to', flags.to) };
  if (flags.from !== undefined || flags.to !== undefined) throw new UsageError(bilingual({ key: 'cli.report.yearOrPeriod' }));
  if (!/^\d{4}$/.test(flags.year)) throw new UsageError(`--year: "${flags.year}" ${bilingual({ key: 'cli.usage.notYear' })}`);
  return { from: `${flags.year}-01-01`, to: `${flags.year}-12-31` };
}

export async function runReport(flags: ReportFlags, stdout: ReportOutput = process.stdout, stderr: ReportOutput = process.stderr): Promise<number> {
  const { from, to } = period(flags);
  if (from > to) throw new UsageError(labelled('cli.report.startsAfterEnd', `${from} > ${to}`));
  if (monthsInPeriod(from, to) > USAGE_REPORT_MAX_MONTHS) throw new UsageError(bilingual({ key: 'cli.report.tooLong', params: { months: USAGE_REPORT_MAX_MONTHS } }));
  const format = checkFormat(flags.format, flags.out);
  if (format === 'pdf' && flags.out === undefined && stdout.isTTY) throw new UsageError(bilingual({ key: 'cli.report.pdfToTerminal' }));

  const library = await Library.open(flags.libraryDir);
  let bytes: Buffer;
  let unitMissing: boolean;
  try {
    ({ bytes } = await usageReport(library, { from, to, format, lang: 'vi', now: flags.now, network: flags.network }));
    unitMissing = getSetting(library.db, SETTINGS.libraryName) === null;
  } finally {
    library.close();
  }
  if (unitMissing) stderr.write(`${bilingual({ key: 'report.unitMissing' })}\n`);

  if (flags.out === undefined) {
    stdout.write(bytes);
    return 0;
  }
  // Written whole: a cut run never leaves half a report under its name.
  const target = path.resolve(flags.out);
  try {
    await writeFileAtomic(target, bytes);
  } catch (error) {
    throw new Error(`${bilingual({ key: 'cli.report.cannotWrite', params: { file: target } })}: ${(error as Error).message}`, { cause: error });
  }
  stderr.write(`${labelled('cli.report.written', `${target} (${format.toUpperCase()}, ${bytes.length} bytes)`)}\n`);
  return 0;
}

/**
 * The usage report officials send to the ministry each year (before 8 December): the library's
 * name, the period, totals, a table per month, the documents read most, reading by field and the
 * searches that found nothing (catalog/usage.ts), as CSV or PDF in the language its caller
 * chooses. `bookshelf report` (catalog/cli/report.ts) and the officials' screen
 * (catalog/admin/report-file.ts) both make it here.
 */
import type { Library } from '../library.js';
import { localDay } from '../reads.js';
import { usageBetween } from '../usage.js';
import type { ReportFileFormat } from '../../shared/contract/admin.js';
import type { Language } from '../../shared/messages.js';
import { wordsIn } from './content.js';
import { reportCsv } from './csv.js';
import { reportPdf } from './pdf.js';

export interface ReportRequest {
  /** The period, YYYY-MM-DD, both days included (checked by the caller). */
  from: string;
  to: string;
  format: ReportFileFormat;
  lang: Language;
  /** When the report is made (its date), for tests. */
  now?: Date;
}

/** The report's bytes and the name it is saved under. */
export interface UsageReport {
  fileName: string;
  bytes: Buffer;
}

export async function usageReport(library: Library, request: ReportRequest): Promise<UsageReport> {
  const { from, to, format, lang } = request;
  const data = { name: library.info().name, generated: localDay(request.now), summary: usageBetween(library.db, from, to) };
  const bytes = format === 'csv' ? Buffer.from(reportCsv(data, lang), 'utf8') : await reportPdf(data, lang);
  return { fileName: `${wordsIn(lang)('report.fileName', { from, to })}.${format}`, bytes };
}

/**
 * The usage report officials send to the ministry each year (before 8 December): the commune's
 * name as its officials set it (never a made-up one), the period, totals, a table per month, the
 * documents read most, reading by field, the searches that found nothing (catalog/usage.ts), and
 * who signs it, as CSV or PDF in the language its caller chooses. At a hub, `network` makes the
 * report of its whole network instead (./network.ts: what its stations reported). `bookshelf
 * report` (catalog/cli/report.ts) and the officials' screen (catalog/admin/report-file.ts) both
 * make it here.
 */
import { SETTINGS, getSetting } from '../db/settings.js';
import type { Library } from '../library.js';
import { localDay } from '../reads.js';
import { usageBetween } from '../usage.js';
import type { ReportFileFormat } from '../../shared/contract/admin.js';
import type { Language } from '../../shared/messages.js';
import { wordsIn } from './content.js';
import { networkCsv, reportCsv } from './csv.js';
import { networkReportData } from './network.js';
import { networkPdf } from './network-pdf.js';
import { reportPdf } from './pdf.js';

export interface ReportRequest {
  /** The period, YYYY-MM-DD, both days included (checked by the caller). */
  from: string;
  to: string;
  format: ReportFileFormat;
  lang: Language;
  /** Who prepares it (the signed-in official's name); without it, a line to write the name on. */
  preparer?: string;
  /** When the report is made (its date), for tests. */
  now?: Date;
  /** At a hub: the report of its whole network (its stations' counts), not of its own use. */
  network?: boolean;
}

/** The report's bytes and the name it is saved under. */
export interface UsageReport {
  fileName: string;
  bytes: Buffer;
}

export async function usageReport(library: Library, request: ReportRequest): Promise<UsageReport> {
  const { from, to, format, lang } = request;
  const signers = {
    unit: getSetting(library.db, SETTINGS.libraryName),
    generated: localDay(request.now),
    preparer: request.preparer ?? null,
    head: getSetting(library.db, SETTINGS.reportHead),
  };
  const words = wordsIn(lang);
  if (request.network) {
    const data = networkReportData(library, from, to, signers);
    const bytes = format === 'csv' ? Buffer.from(networkCsv(data, lang), 'utf8') : await networkPdf(data, lang);
    return { fileName: `${words('report.network.fileName', { from, to })}.${format}`, bytes };
  }
  const data = { ...signers, summary: usageBetween(library.db, from, to) };
  const bytes = format === 'csv' ? Buffer.from(reportCsv(data, lang), 'utf8') : await reportPdf(data, lang);
  return { fileName: `${words('report.fileName', { from, to })}.${format}`, bytes };
}

/**
 * The yearly report as a file for the officials' screen (`usage.reportFile`): the very CSV and PDF
 * `bookshelf report` writes (catalog/cli/report.ts), handed over as base64 for the browser to save.
 */
import { reportCsv, reportPdf } from '../cli/report.js';
import type { Library } from '../library.js';
import { localDay } from '../reads.js';
import { usageBetween } from '../usage.js';
import type { ReportFile, ReportFileFormat } from '../../shared/contract/admin.js';

const MEDIA_TYPES: Record<ReportFileFormat, string> = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' };

export async function reportFile(library: Library, from: string, to: string, format: ReportFileFormat, now = new Date()): Promise<ReportFile> {
  const data = { name: library.info().name, generated: localDay(now), summary: usageBetween(library.db, from, to) };
  const bytes = format === 'csv' ? Buffer.from(reportCsv(data), 'utf8') : await reportPdf(data);
  return { fileName: `bao-cao-tu-sach-${from}-${to}.${format}`, mediaType: MEDIA_TYPES[format], base64: bytes.toString('base64') };
}

/**
 * The yearly report as a file for the officials' screen (`usage.reportFile`): the very CSV and PDF
 * `bookshelf report` writes (catalog/report/report.ts), with the official who asked for it named
 * as its preparer, handed over as base64 for the browser to save — at a hub, for its whole network
 * when asked. It goes to the ministry, so it is in Vietnamese whatever the language of the screen.
 */
import type { Library } from '../library.js';
import { usageReport } from '../report/report.js';
import type { ReportFile, ReportFileFormat } from '../../shared/contract/admin.js';

const MEDIA_TYPES: Record<ReportFileFormat, string> = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' };

export async function reportFile(library: Library, from: string, to: string, format: ReportFileFormat, preparer?: string, now = new Date(), network = false): Promise<ReportFile> {
  const { fileName, bytes } = await usageReport(library, { from, to, format, lang: 'vi', preparer, now, network });
  return { fileName, mediaType: MEDIA_TYPES[format], base64: bytes.toString('base64') };
}
